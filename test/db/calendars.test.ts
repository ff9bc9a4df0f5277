import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { CalendarRepository } from '../../src/repositories/calendar-repository.ts';
import { PageEventRepository } from '../../src/repositories/page-event-repository.ts';
import { deleteReceptionSlot, parseReceptionSlot, readReceptionSchedule, saveReceptionSlot } from '../../src/services/calendars/reception-schedule.ts';
import {
  copyPreviousWeek,
  deleteCalendarEntry,
  loadCalendarEntry,
  normalizeTime,
  parseCalendarEntry,
  readCalendarWeek,
  saveCalendarEntry,
  sessionOfTime,
} from '../../src/services/calendars/work-calendar.ts';
import type { IsoWeek } from '../../src/services/calendars/weeks.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { reviewReceptionSchedule, reviewWeek } from '../support/review.ts';

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));

const W48 = { year: 2026, week: 48 };

describe('calendar entry form', () => {
  it('reads times written several ways and derives Sáng or Chiều from them', () => {
    assert.equal(normalizeTime('7:30'), '07:30');
    assert.equal(normalizeTime('14h00'), '14:00');
    assert.equal(normalizeTime('24:00'), null);
    assert.equal(normalizeTime('8 giờ'), null);
    assert.equal(sessionOfTime('11:59'), 'sang');
    assert.equal(sessionOfTime('12:00'), 'chieu');
    assert.equal(parseCalendarEntry({ day: '23/11/2026', start_time: '13:30', task: 'Họp' }).session, 'chieu');
    assert.equal(parseCalendarEntry({ day: '23/11/2026', start_time: '13:30', session: 'sang', task: 'Họp' }).session, 'sang');
  });

  it('names every field that is wrong', () => {
    assert.throws(
      () => parseCalendarEntry({ day: '31/02/2026', start_time: '25:00', session: 'toi', task: '  ', location: 'x'.repeat(301) }),
      (error: unknown) => {
        assert.ok(error instanceof AppError && error.code === 'validation_failed');
        assert.deepEqual(error.fields.map((f) => f.field).sort(), ['day', 'location', 'session', 'start_time', 'task']);
        return true;
      },
    );
    assert.throws(() => parseCalendarEntry({}), isCode('validation_failed', 'day'));
    assert.throws(
      () => parseReceptionSlot({ official_name: '', days: '', sort_order: 'đầu' }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.deepEqual(error.fields.map((f) => f.field).sort(), ['days', 'official_name', 'sort_order']);
        return true;
      },
    );
  });
});

for (const dialect of DIALECTS) {
  describe(`calendars [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let otherSite: SiteRow;
    let editor: Actor;
    let leader: Actor;
    let contributor: Actor;
    let otherEditor: Actor;
    let otherLeader: Actor;

    /** The editor submits a week (or the reception schedule) and an approver who did not edit it publishes it. */
    const publishWeek = async (week: IsoWeek, by = editor, approver = leader) => {
      await reviewWeek(t.db, by, week, 'submit');
      await reviewWeek(t.db, approver, week, 'publish');
    };
    const publishReception = async (by = editor, approver = leader) => {
      await reviewReceptionSchedule(t.db, by, 'submit');
      await reviewReceptionSchedule(t.db, approver, 'publish');
    };
    const publicTasks = async (siteId: number, week: IsoWeek) =>
      (await readCalendarWeek(t.db, siteId, week)).days.flatMap((d) => [...d.sang, ...d.chieu]).map((e) => e.task);

    const entry = (overrides: Record<string, string> = {}) =>
      parseCalendarEntry({
        day: '23/11/2026',
        start_time: '08:00',
        task: 'Giao ban đầu tuần',
        presider: 'Chủ tịch UBND xã',
        participants: 'Các Phó Chủ tịch',
        location: 'Phòng họp số 1',
        ...overrides,
      });

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      otherSite = await buildSite(t.db);
      editor = (await buildUser(t.db, site, 'editor')).actor;
      contributor = (await buildUser(t.db, site, 'contributor')).actor;
      otherEditor = (await buildUser(t.db, otherSite, 'editor')).actor;
      leader = (await buildUser(t.db, site, 'approver')).actor;
      otherLeader = (await buildUser(t.db, otherSite, 'approver')).actor;
    });
    after(() => t.close());

    it('lists a week by day then time, split into Sáng and Chiều, and nothing from the neighbouring weeks', async () => {
      await saveCalendarEntry(t.db, editor, null, entry({ day: '25/11/2026', start_time: '14:00', task: 'Tiếp đoàn kiểm tra' }));
      await saveCalendarEntry(t.db, editor, null, entry({ day: '23/11/2026', start_time: '09:30', task: 'Họp Ban chỉ đạo' }));
      await saveCalendarEntry(t.db, editor, null, entry({ day: '23/11/2026', start_time: '07:30', task: 'Chào cờ' }));
      await saveCalendarEntry(t.db, editor, null, entry({ day: '29/11/2026', start_time: '13:30', task: 'Trực Chủ nhật' }));
      await saveCalendarEntry(t.db, editor, null, entry({ day: '22/11/2026', task: 'Tuần trước' }));
      await saveCalendarEntry(t.db, editor, null, entry({ day: '30/11/2026', task: 'Tuần sau' }));
      await saveCalendarEntry(t.db, otherEditor, null, entry({ task: 'Của xã khác' }));
      await publishWeek(W48);
      await publishWeek(W48, otherEditor, otherLeader);

      const week = await readCalendarWeek(t.db, site.id, W48);
      assert.deepEqual(
        week.days.map((d) => d.day),
        ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'],
      );
      assert.deepEqual(
        week.days[0]!.sang.map((e) => e.task),
        ['Chào cờ', 'Họp Ban chỉ đạo'],
      );
      assert.deepEqual(week.days[0]!.chieu, []);
      assert.deepEqual(
        week.days[2]!.chieu.map((e) => e.task),
        ['Tiếp đoàn kiểm tra'],
      );
      assert.deepEqual(
        week.days[6]!.chieu.map((e) => e.task),
        ['Trực Chủ nhật'],
      );
      assert.deepEqual(week.previous, { year: 2026, week: 47 });
      assert.deepEqual(week.next, { year: 2026, week: 49 });
      const all = await publicTasks(site.id, W48);
      assert.equal(all.length, 4);
      assert.ok(!all.includes('Của xã khác'));
    });

    it('stores text as NFC, records who did what; a draft leaves the public pages alone, publishing marks them stale', async () => {
      const before = await new PageEventRepository(t.db).lastId();
      const decomposed = 'Họp Hội đồng'.normalize('NFD');
      const { id, week } = await saveCalendarEntry(t.db, editor, null, entry({ day: '24/11/2026', task: decomposed }));
      assert.deepEqual(week, W48);
      const row = await loadCalendarEntry(t.db, editor, id);
      assert.equal(row.task, 'Họp Hội đồng'.normalize('NFC'));
      assert.equal(row.created_by, editor.userId);
      const calendarEvent = async () => (await new PageEventRepository(t.db).since(before)).some((e) => e.tags.split(' ').includes(`s${site.id}:calendar`));
      assert.equal(await calendarEvent(), false);
      assert.ok(!(await publicTasks(site.id, W48)).includes(row.task), 'a draft is not public');
      await publishWeek(W48);
      assert.equal(await calendarEvent(), true);
      assert.ok((await publicTasks(site.id, W48)).includes(row.task), 'published, it is');
      const audit = await new AuditRepository(t.db).list(site.id, { action: 'calendar.entry_created' }, 50);
      assert.ok(audit.some((a) => a.target_id === id && a.actor === editor.email));
    });

    it('edits and deletes an entry, each audited', async () => {
      const { id } = await saveCalendarEntry(t.db, editor, null, entry({ day: '26/11/2026', task: 'Bản đầu' }));
      await saveCalendarEntry(t.db, editor, id, entry({ day: '27/11/2026', start_time: '15:00', task: 'Bản sửa' }));
      const changed = await loadCalendarEntry(t.db, editor, id);
      assert.equal(changed.day, '2026-11-27');
      assert.equal(changed.session, 'chieu');
      assert.equal(changed.task, 'Bản sửa');
      assert.deepEqual(await deleteCalendarEntry(t.db, editor, id), W48);
      await assert.rejects(loadCalendarEntry(t.db, editor, id), isCode('not_found'));
      const actions = (await new AuditRepository(t.db).list(site.id, {}, 200))
        .filter((a) => a.target_id === id && a.target_type === 'calendar_entry')
        .map((a) => a.action);
      assert.deepEqual(actions.sort(), ['calendar.entry_created', 'calendar.entry_deleted', 'calendar.entry_updated']);
    });

    it("never reaches another site's entries, and needs calendar.edit", async () => {
      const { id } = await saveCalendarEntry(t.db, otherEditor, null, entry({ task: 'Của xã bên' }));
      await assert.rejects(loadCalendarEntry(t.db, editor, id), isCode('not_found'));
      await assert.rejects(saveCalendarEntry(t.db, editor, id, entry({ task: 'Chiếm' })), isCode('not_found'));
      await assert.rejects(deleteCalendarEntry(t.db, editor, id), isCode('not_found'));
      await assert.rejects(saveCalendarEntry(t.db, contributor, null, entry()), isCode('forbidden'));
      assert.equal((await loadCalendarEntry(t.db, otherEditor, id)).task, 'Của xã bên');
    });

    it('a refused change leaves what was stored untouched', async () => {
      const { id } = await saveCalendarEntry(t.db, editor, null, entry({ day: '28/11/2026', task: 'Giữ nguyên' }));
      assert.throws(() => parseCalendarEntry({ day: '28/11/2026', start_time: '8 giờ', task: '' }), isCode('validation_failed', 'start_time'));
      await assert.rejects(saveCalendarEntry(t.db, contributor, id, entry({ task: 'Không được' })), isCode('forbidden'));
      assert.equal((await loadCalendarEntry(t.db, editor, id)).task, 'Giữ nguyên');
    });

    it('copies last week into this week once, to the same weekday and time, across the year end', async () => {
      await saveCalendarEntry(t.db, editor, null, entry({ day: '28/12/2026', start_time: '07:30', task: 'Giao ban đầu tuần' }));
      await saveCalendarEntry(t.db, editor, null, entry({ day: '31/12/2026', start_time: '14:00', task: 'Tiếp công dân' }));
      await saveCalendarEntry(t.db, otherEditor, null, entry({ day: '29/12/2026', task: 'Của xã khác' }));
      const next = { year: 2027, week: 1 };
      assert.equal(await copyPreviousWeek(t.db, editor, next), 2);
      assert.equal(await copyPreviousWeek(t.db, editor, next), 0, 'a second copy adds nothing');
      await publishWeek(next);
      const copied = await readCalendarWeek(t.db, site.id, next);
      assert.deepEqual(
        copied.days[0]!.sang.map((e) => [e.day, e.start_time, e.task]),
        [['2027-01-04', '07:30', 'Giao ban đầu tuần']],
      );
      assert.deepEqual(
        copied.days[3]!.chieu.map((e) => [e.day, e.start_time, e.task]),
        [['2027-01-07', '14:00', 'Tiếp công dân']],
      );
      assert.equal(copied.days.flatMap((d) => [...d.sang, ...d.chieu]).length, 2);
      assert.equal((await new AuditRepository(t.db).list(site.id, { action: 'calendar.week_copied' }, 10)).length, 1);
      await assert.rejects(copyPreviousWeek(t.db, contributor, next), isCode('forbidden'));
    });

    it('keeps the reception schedule per site, in its order, audited', async () => {
      const slot = (o: Record<string, string>) =>
        parseReceptionSlot({
          official_name: 'Lê Thị Bình',
          position: 'Chủ tịch UBND xã',
          days: 'Thứ Năm hằng tuần',
          hours: '07:30–11:00',
          place: 'Phòng tiếp công dân',
          ...o,
        });
      const second = await saveReceptionSlot(t.db, editor, null, slot({ official_name: 'Trần Văn Cường', sort_order: '2' }));
      const first = await saveReceptionSlot(t.db, editor, null, slot({ sort_order: '1' }));
      await saveReceptionSlot(t.db, otherEditor, null, slot({ official_name: 'Người xã khác' }));
      assert.deepEqual(await readReceptionSchedule(t.db, site.id), [], 'a draft is not public');
      await publishReception();
      await publishReception(otherEditor, otherLeader);
      assert.deepEqual(
        (await readReceptionSchedule(t.db, site.id)).map((s) => s.official_name),
        ['Lê Thị Bình', 'Trần Văn Cường'],
      );
      await saveReceptionSlot(t.db, editor, second.id, slot({ official_name: 'Trần Văn Cường', days: 'Ngày 15 hằng tháng', sort_order: '0' }));
      assert.deepEqual(
        (await readReceptionSchedule(t.db, site.id)).map((s) => s.official_name),
        ['Lê Thị Bình', 'Trần Văn Cường'],
        'the published version stays until the edit is approved',
      );
      await publishReception();
      const rows = await readReceptionSchedule(t.db, site.id);
      assert.deepEqual(
        rows.map((s) => [s.official_name, s.days]),
        [
          ['Trần Văn Cường', 'Ngày 15 hằng tháng'],
          ['Lê Thị Bình', 'Thứ Năm hằng tuần'],
        ],
      );
      await assert.rejects(deleteReceptionSlot(t.db, otherEditor, first.id), isCode('not_found'));
      await assert.rejects(saveReceptionSlot(t.db, contributor, null, slot({})), isCode('forbidden'));
      await deleteReceptionSlot(t.db, editor, first.id);
      assert.equal((await new CalendarRepository(t.db, site.id).receptionSlots()).length, 1);
      const actions = (await new AuditRepository(t.db).list(site.id, {}, 200))
        .filter((a) => a.target_type === 'reception_slot')
        .map((a) => a.action)
        .sort();
      assert.deepEqual(actions, ['calendar.reception_created', 'calendar.reception_created', 'calendar.reception_deleted', 'calendar.reception_updated']);
    });
  });
}
