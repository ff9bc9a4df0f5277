import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { CalendarRepository } from '../../src/repositories/calendar-repository.ts';
import { ItemReviewRepository } from '../../src/repositories/item-review-repository.ts';
import { receptionReview, workWeekReview } from '../../src/services/calendars/calendar-review.ts';
import { parseReceptionSlot, readReceptionSchedule, saveReceptionSlot } from '../../src/services/calendars/reception-schedule.ts';
import { type IsoWeek, weekKey } from '../../src/services/calendars/weeks.ts';
import { deleteCalendarEntry, parseCalendarEntry, readCalendarWeek, saveCalendarEntry } from '../../src/services/calendars/work-calendar.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { MODULE_KINDS as REVIEW_KINDS } from '../../src/services/dashboard.ts';
import { reviewQueue } from '../../src/services/review/queue.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { diffItemRevisions, itemRevisions, reviewReceptionSchedule, reviewWeek } from '../support/review.ts';

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));

for (const dialect of DIALECTS) {
  describe(`Lịch công tác and lịch tiếp công dân review workflow [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let editor: Actor;
    let secondEditor: Actor;
    let leader: Actor;
    let secondLeader: Actor;
    let otherLeader: Actor;
    let weekNumber = 10;

    /** A fresh week of 2027 for each test, so tests do not share review states. */
    const freshWeek = (): { week: IsoWeek; monday: string } => {
      weekNumber += 1;
      const monday = new Date(Date.UTC(2027, 0, 4 + (weekNumber - 1) * 7));
      return {
        week: { year: 2027, week: weekNumber },
        monday: `${String(monday.getUTCDate()).padStart(2, '0')}/${String(monday.getUTCMonth() + 1).padStart(2, '0')}/2027`,
      };
    };
    const entry = (day: string, task: string) =>
      parseCalendarEntry({ day, start_time: '08:00', task, presider: 'Chủ tịch UBND xã', location: 'Phòng họp số 1' });
    const publicTasks = async (week: IsoWeek) => (await readCalendarWeek(t.db, site.id, week)).days.flatMap((d) => [...d.sang, ...d.chieu]).map((e) => e.task);
    const state = async (week: IsoWeek) => new ItemReviewRepository(t.db, site.id).find('work_week', weekKey(week));
    /** Everything stored about a week, to show a refused action changed nothing. */
    const stored = async (week: IsoWeek) => ({
      review: await state(week),
      revisions: (await itemRevisions(t.db, site.id, workWeekReview, weekKey(week))).length,
      audit: (await new AuditRepository(t.db).list(site.id, {}, 1000)).length,
      entries: (await new CalendarRepository(t.db, site.id).entriesBetween('2027-01-01', '2027-12-31')).length,
      public: await publicTasks(week),
    });

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      const otherSite = await buildSite(t.db);
      editor = (await buildUser(t.db, site, 'editor')).actor;
      secondEditor = (await buildUser(t.db, site, 'editor')).actor;
      leader = (await buildUser(t.db, site, 'approver')).actor;
      secondLeader = (await buildUser(t.db, site, 'site_admin')).actor;
      otherLeader = (await buildUser(t.db, otherSite, 'approver')).actor;
    });
    after(() => t.close());

    it('an edit makes a draft: the public page shows the last published week until the new one is approved', async () => {
      const { week, monday } = freshWeek();
      await saveCalendarEntry(t.db, editor, null, entry(monday, 'Giao ban đầu tuần'));
      assert.deepEqual(await publicTasks(week), [], 'nothing public before approval');
      assert.equal(await reviewWeek(t.db, editor, week, 'submit'), 'submitted');
      assert.deepEqual(await publicTasks(week), []);
      assert.equal(await reviewWeek(t.db, leader, week, 'publish'), 'published');
      assert.deepEqual(await publicTasks(week), ['Giao ban đầu tuần']);

      const { id } = await saveCalendarEntry(t.db, editor, null, entry(monday, 'Họp đột xuất'));
      assert.equal((await state(week))!.status, 'draft');
      assert.deepEqual(await publicTasks(week), ['Giao ban đầu tuần'], 'the published version stays');
      await deleteCalendarEntry(t.db, editor, id);
      await saveCalendarEntry(t.db, editor, null, entry(monday, 'Tiếp đoàn kiểm tra'));
      await reviewWeek(t.db, editor, week, 'submit');
      assert.deepEqual(await publicTasks(week), ['Giao ban đầu tuần']);
      await reviewWeek(t.db, leader, week, 'publish');
      assert.deepEqual(await publicTasks(week), ['Giao ban đầu tuần', 'Tiếp đoàn kiểm tra']);

      await reviewWeek(t.db, leader, week, 'unpublish');
      assert.deepEqual(await publicTasks(week), []);
      const audit = (await new AuditRepository(t.db).list(site.id, {}, 1000)).filter(
        (a) => a.target_type === 'calendar_week' && a.summary.startsWith(`Lịch công tác tuần ${week.week}/2027`),
      );
      assert.deepEqual(audit.map((a) => a.action).reverse(), [
        'calendar.week_submitted',
        'calendar.week_published',
        'calendar.week_submitted',
        'calendar.week_published',
        'calendar.week_unpublished',
      ]);
    });

    it('returning needs a comment: without one it is a clear error and nothing stored changes; with one the editor sees it', async () => {
      const { week, monday } = freshWeek();
      await saveCalendarEntry(t.db, editor, null, entry(monday, 'Họp Ban chỉ đạo'));
      await reviewWeek(t.db, editor, week, 'submit');
      const before = await stored(week);
      for (const comment of [undefined, '', '  ', 'ok']) {
        const error = await reviewWeek(t.db, leader, week, 'return', comment).catch((e: unknown) => e);
        assert.ok(isCode('validation_failed', 'comment')(error), String(comment));
        assert.match((error as AppError).fields[0]!.message, /nhận xét/);
      }
      assert.deepEqual(await stored(week), before);
      assert.equal(await reviewWeek(t.db, leader, week, 'return', 'Thiếu thành phần dự họp'), 'returned');
      assert.equal((await state(week))!.return_comment, 'Thiếu thành phần dự họp');
      await saveCalendarEntry(t.db, editor, null, entry(monday, 'Họp Ban chỉ đạo (bổ sung thành phần)'));
      assert.equal((await state(week))!.status, 'returned');
      await reviewWeek(t.db, editor, week, 'submit');
      await reviewWeek(t.db, leader, week, 'publish');
      assert.equal((await state(week))!.return_comment, '');
    });

    it('a week waiting for review is locked for editors; a refused edit stores nothing', async () => {
      const { week, monday } = freshWeek();
      await saveCalendarEntry(t.db, editor, null, entry(monday, 'Chào cờ'));
      await reviewWeek(t.db, editor, week, 'submit');
      const before = await stored(week);
      await assert.rejects(saveCalendarEntry(t.db, secondEditor, null, entry(monday, 'Chen vào khi chờ duyệt')), isCode('forbidden'));
      assert.deepEqual(await stored(week), before);
    });

    it('nobody publishes or returns a week they edited last; editors cannot publish at all', async () => {
      const { week, monday } = freshWeek();
      await saveCalendarEntry(t.db, editor, null, entry(monday, 'Tiếp công dân'));
      await reviewWeek(t.db, editor, week, 'submit');
      await assert.rejects(reviewWeek(t.db, editor, week, 'publish'), isCode('forbidden'));
      await assert.rejects(reviewWeek(t.db, secondEditor, week, 'publish'), isCode('forbidden'));
      // An approver who changes the waiting week becomes its last editor.
      await saveCalendarEntry(t.db, leader, null, entry(monday, 'Họp giao ban'));
      const before = await stored(week);
      await assert.rejects(reviewWeek(t.db, leader, week, 'publish'), isCode('forbidden'));
      await assert.rejects(reviewWeek(t.db, leader, week, 'return', 'Tự trả lại lịch của mình'), isCode('forbidden'));
      await assert.rejects(reviewWeek(t.db, otherLeader, week, 'publish'), isCode('not_found'));
      assert.deepEqual(await stored(week), before);
      await reviewWeek(t.db, secondLeader, week, 'publish');
      assert.deepEqual(await publicTasks(week), ['Tiếp công dân', 'Họp giao ban']);
    });

    it('each action starts only from its statuses', async () => {
      const { week, monday } = freshWeek();
      await assert.rejects(reviewWeek(t.db, editor, week, 'submit'), isCode('not_found'), 'an empty week has nothing to submit');
      await saveCalendarEntry(t.db, editor, null, entry(monday, 'Họp Hội đồng'));
      await assert.rejects(reviewWeek(t.db, leader, week, 'publish'), isCode('invalid_transition'));
      await assert.rejects(reviewWeek(t.db, leader, week, 'unpublish'), isCode('invalid_transition'));
      await assert.rejects(reviewWeek(t.db, leader, week, 'return', 'Chưa gửi đã trả'), isCode('invalid_transition'));
    });

    it('moving an entry to another week makes both weeks drafts', async () => {
      const a = freshWeek();
      const b = freshWeek();
      const { id } = await saveCalendarEntry(t.db, editor, null, entry(a.monday, 'Hội nghị'));
      await reviewWeek(t.db, editor, a.week, 'submit');
      await reviewWeek(t.db, leader, a.week, 'publish');
      await saveCalendarEntry(t.db, editor, id, entry(b.monday, 'Hội nghị (dời sang tuần sau)'));
      assert.equal((await state(a.week))!.status, 'draft');
      assert.equal((await state(b.week))!.status, 'draft');
      assert.deepEqual(await publicTasks(a.week), ['Hội nghị'], 'still public where it was, until approved');
      await reviewWeek(t.db, editor, a.week, 'submit');
      await reviewWeek(t.db, leader, a.week, 'publish');
      assert.deepEqual(await publicTasks(a.week), []);
    });

    it('a week filled before the workflow stays public, and its first edit keeps that version public', async () => {
      const { week } = freshWeek();
      const repo = new CalendarRepository(t.db, site.id);
      const now = new Date().toISOString();
      const monday = `2027-${String(new Date(Date.UTC(2027, 0, 4 + (week.week - 1) * 7)).getUTCMonth() + 1).padStart(2, '0')}-${String(new Date(Date.UTC(2027, 0, 4 + (week.week - 1) * 7)).getUTCDate()).padStart(2, '0')}`;
      await repo.insertEntry({
        day: monday,
        session: 'sang',
        start_time: '07:30',
        task: 'Lịch cũ',
        presider: '',
        participants: '',
        location: '',
        created_by: null,
        updated_by: null,
        created_at: now,
        updated_at: now,
      });
      assert.deepEqual(await publicTasks(week), ['Lịch cũ']);
      const [d, m] = [monday.slice(8), monday.slice(5, 7)];
      await saveCalendarEntry(t.db, editor, null, entry(`${d}/${m}/2027`, 'Lịch mới'));
      assert.deepEqual(await publicTasks(week), ['Lịch cũ']);
      const revisions = await itemRevisions(t.db, site.id, workWeekReview, weekKey(week));
      assert.deepEqual(
        revisions.map((r) => r.number),
        [2, 1],
      );
      const diff = diffItemRevisions(workWeekReview, revisions[1]!, revisions[0]!);
      const monday_ = diff.find((f) => f.label === 'Thứ Hai')!;
      assert.ok(monday_.changed);
      assert.match(
        monday_.parts
          .filter((p) => p.kind === 'added')
          .map((p) => p.text)
          .join(''),
        /Lịch mới/,
      );
      assert.equal(diff.find((f) => f.label === 'Thứ Ba')!.changed, false);
    });

    it('the reception schedule goes through the same review, and shows in the approver\u2019s queue', async () => {
      const slot = (o: Record<string, string> = {}) =>
        parseReceptionSlot({
          official_name: 'Lê Thị Bình',
          position: 'Chủ tịch UBND xã',
          days: 'Thứ Năm hằng tuần',
          hours: '07:30–11:00',
          place: 'Phòng tiếp công dân',
          ...o,
        });
      await saveReceptionSlot(t.db, editor, null, slot());
      assert.deepEqual(await readReceptionSchedule(t.db, site.id), []);
      await reviewReceptionSchedule(t.db, editor, 'submit');
      const queue = await reviewQueue(t.db, leader, REVIEW_KINDS);
      const queued = queue.find((q) => q.kind === receptionReview);
      assert.ok(queued);
      assert.equal(queued.kind.adminPath(queued.item.item_key), '/quan-tri/lich-tiep-cong-dan');
      assert.deepEqual(await reviewQueue(t.db, editor, REVIEW_KINDS), [], 'editors review nothing');
      await assert.rejects(reviewReceptionSchedule(t.db, editor, 'publish'), isCode('forbidden'));
      await assert.rejects(reviewReceptionSchedule(t.db, leader, 'return'), isCode('validation_failed', 'comment'));
      await reviewReceptionSchedule(t.db, leader, 'publish');
      assert.deepEqual(
        (await readReceptionSchedule(t.db, site.id)).map((s) => s.official_name),
        ['Lê Thị Bình'],
      );
      const actions = (await new AuditRepository(t.db).list(site.id, {}, 1000))
        .filter((a) => a.target_type === 'reception_schedule')
        .map((a) => a.action)
        .reverse();
      assert.deepEqual(actions, ['calendar.reception_submitted', 'calendar.reception_published']);
    });
  });
}
