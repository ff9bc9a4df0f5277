import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { QuestionRepository } from '../../src/repositories/question-repository.ts';
import { openAttachment } from '../../src/services/questions/attachments.ts';
import { checkFormToken, issueFormToken } from '../../src/services/questions/form-guard.ts';
import { addHoliday, dueDayFor, listHolidays } from '../../src/services/questions/holidays.ts';
import { saveAnswer } from '../../src/services/questions/answer-review.ts';
import { approveAnswer, returnAnswer, submitAnswer } from '../support/review.ts';
import {
  assignQuestion,
  lookupQuestion,
  qaTag,
  readPublishedQuestions,
  setQuestionPublished,
  submitQuestion,
} from '../../src/services/questions/question-service.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const isCode = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;
const BEFORE_TET = new Date('2026-02-13T03:00:00Z');
const form = (overrides: Record<string, string> = {}) => ({
  name: 'Nguyễn Văn An',
  address: '12 Lê Lợi, Phường 1',
  phone: '0912 345 678',
  email: '',
  title: 'Đèn đường hẻm 5 bị hỏng',
  content: 'Đèn đường ở hẻm 5 đường Lê Lợi hỏng đã hai tuần.',
  consent: '1',
  ...overrides,
});

for (const dialect of DIALECTS) {
  describe(`questions [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let editor: Actor;
    let leader: Actor;
    let mediaDir: string;
    let ipCounter = 0;
    const ip = () => `10.0.0.${++ipCounter}`;
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('questions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('site_id', '=', site.id)
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      editor = (await buildUser(t.db, site, 'editor')).actor;
      leader = (await buildUser(t.db, site, 'approver')).actor;
      mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-qa-'));
    });
    after(async () => {
      await t.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    });

    it('a question received the day before Tết is due 15 working days after Tết, on the seeded calendar', async () => {
      const result = await submitQuestion(t.db, site.id, form(), { ip: ip(), now: BEFORE_TET });
      assert.equal(result.dueOn, '2026-03-13');
      assert.match(result.code, /^HD-2026-[2-9A-HJKMNP-Z]{8}$/);
      const holidays = await listHolidays(t.db, site.id);
      assert.ok(holidays.some((h) => h.day === '2026-02-16' && h.name === 'Tết Nguyên đán'));
    });

    it('a holiday staff add moves the due day', async () => {
      const before = await dueDayFor(t.db, site.id, new Date('2026-03-02T03:00:00Z'));
      await addHoliday(t.db, leader, { day: '10/03/2026', name: 'Nghỉ bù' });
      const later = await dueDayFor(t.db, site.id, new Date('2026-03-02T03:00:00Z'));
      assert.equal(before, '2026-03-23');
      assert.equal(later, '2026-03-24');
      await assert.rejects(addHoliday(t.db, leader, { day: '10/03/2026', name: 'Trùng' }), isCode('validation_failed'));
      await assert.rejects(addHoliday(t.db, leader, { day: '31/02/2026', name: 'Sai' }), isCode('validation_failed'));
    });

    it('codes are unique', async () => {
      const codes = new Set<string>();
      for (let i = 0; i < 5; i++) codes.add((await submitQuestion(t.db, site.id, form(), { ip: ip() })).code);
      assert.equal(codes.size, 5);
    });

    it('a form without phone and e-mail, or with a bad e-mail, is refused and nothing is stored', async () => {
      const n = await count();
      await assert.rejects(
        submitQuestion(t.db, site.id, form({ phone: '', email: '' }), { ip: ip() }),
        (e) => isCode('validation_failed')(e) && (e as AppError).fields.some((f) => f.field === 'phone'),
      );
      await assert.rejects(
        submitQuestion(t.db, site.id, form({ email: 'khong-phai-email' }), { ip: ip() }),
        (e) => isCode('validation_failed')(e) && (e as AppError).fields.some((f) => f.field === 'email'),
      );
      await assert.rejects(submitQuestion(t.db, site.id, form({ title: '  ' }), { ip: ip() }), isCode('validation_failed'));
      assert.equal(await count(), n);
    });

    it('an IP may send 5 questions an hour; the 6th is rate_limited and not stored', async () => {
      const same = '192.0.2.7';
      for (let i = 0; i < 5; i++) await submitQuestion(t.db, site.id, form(), { ip: same });
      const n = await count();
      await assert.rejects(submitQuestion(t.db, site.id, form(), { ip: same }), isCode('rate_limited'));
      assert.equal(await count(), n);
      // Another IP is not affected.
      await submitQuestion(t.db, site.id, form(), { ip: '192.0.2.8' });
    });

    it('a PDF attachment is kept privately, only for staff who answer; a text file or a third file is refused and nothing is stored', async () => {
      const pdf = { bytes: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), name: 'don-kien-nghi.pdf' };
      const result = await submitQuestion(t.db, site.id, form(), { ip: ip(), files: [pdf], media: new LocalStorage(mediaDir) });
      const row = await new QuestionRepository(t.db, site.id).findByCode(result.code);
      const files = JSON.parse(row!.attachments) as Array<{ key: string; name: string }>;
      assert.equal(files.length, 1);
      assert.ok(fs.existsSync(path.join(mediaDir, 'private', 'questions', String(site.id), files[0]!.key)), 'kept in the private folder');
      assert.ok(!fs.existsSync(path.join(mediaDir, String(site.id), files[0]!.key)), 'not in the public media folder');
      assert.deepEqual(await t.db.selectFrom('media').select('id').where('site_id', '=', site.id).execute(), [], 'not in the media library');
      const download = await openAttachment(t.db, editor, new LocalStorage(mediaDir), row!.id, 0);
      assert.deepEqual(fs.readFileSync(path.join(mediaDir, download.key)), pdf.bytes);
      assert.equal(download.mime, 'application/pdf');
      assert.equal(download.name, 'don-kien-nghi.pdf');
      await assert.rejects(openAttachment(t.db, editor, new LocalStorage(mediaDir), row!.id, 1), isCode('media_not_found'));
      const other = await buildSite(t.db);
      const stranger = (await buildUser(t.db, other, 'site_admin')).actor;
      await assert.rejects(openAttachment(t.db, stranger, new LocalStorage(mediaDir), row!.id, 0), isCode('media_not_found'));
      const reporter = (await buildUser(t.db, site, 'contributor')).actor;
      await assert.rejects(openAttachment(t.db, reporter, new LocalStorage(mediaDir), row!.id, 0), isCode('forbidden'));
      const n = await count();
      await assert.rejects(
        submitQuestion(t.db, site.id, form(), { ip: ip(), files: [{ bytes: Buffer.from('xin chào'), name: 'a.pdf' }], media: new LocalStorage(mediaDir) }),
        isCode('validation_failed'),
      );
      await assert.rejects(
        submitQuestion(t.db, site.id, form(), { ip: ip(), files: [pdf, pdf, pdf], media: new LocalStorage(mediaDir) }),
        isCode('validation_failed'),
      );
      // A refused question leaves no file behind.
      const privateDir = path.join(mediaDir, 'private', 'questions', String(site.id));
      const filesBefore = fs.readdirSync(privateDir).length;
      await assert.rejects(
        submitQuestion(t.db, site.id, form({ title: '' }), { ip: ip(), files: [pdf], media: new LocalStorage(mediaDir) }),
        isCode('validation_failed'),
      );
      assert.equal(fs.readdirSync(privateDir).length, filesBefore);
      assert.equal(await count(), n);
    });

    it('the code shows status and answer, never the personal details; assign, answer, publish are audited', async () => {
      const { code } = await submitQuestion(t.db, site.id, form({ title: 'Cấp lại giấy đất đai', email: 'an@example.vn' }), { ip: ip() });
      const id = (await new QuestionRepository(t.db, site.id).findByCode(code))!.id;
      let view = await lookupQuestion(t.db, site.id, code.toLowerCase());
      assert.equal(view?.status, 'received');
      assert.equal(view?.answer, null);
      assert.deepEqual(Object.keys(view!).sort(), ['answer', 'answeredAt', 'code', 'dueOn', 'receivedAt', 'status', 'title']);

      await assignQuestion(t.db, editor, id, editor.userId);
      assert.equal((await lookupQuestion(t.db, site.id, code))?.status, 'processing');
      await assert.rejects(setQuestionPublished(t.db, leader, id, true), isCode('validation_failed'));
      await assert.rejects(submitAnswer(t.db, editor, id, { answer: '   ' }), isCode('validation_failed'));
      await submitAnswer(t.db, editor, id, { answer: 'Ông/bà liên hệ bộ phận một cửa vào thứ Hai.' });
      assert.equal((await lookupQuestion(t.db, site.id, code))?.status, 'processing', 'a submitted answer is not shown yet');
      assert.equal((await lookupQuestion(t.db, site.id, code))?.answer, null);
      await approveAnswer(t.db, leader, id, {});
      view = await lookupQuestion(t.db, site.id, code);
      assert.equal(view?.status, 'answered');
      assert.match(view?.answer ?? '', /bộ phận một cửa/);

      await assert.rejects(setQuestionPublished(t.db, editor, id, true), isCode('forbidden'));
      const events = async () => (await t.db.selectFrom('page_events').select('tags').execute()).filter((e) => e.tags.includes(qaTag(site.id))).length;
      const eventsBefore = await events();
      await setQuestionPublished(t.db, leader, id, true);
      assert.equal(await events(), eventsBefore + 1);

      const found = await readPublishedQuestions(t.db, site.id, 'dat dai', 1);
      assert.deepEqual(
        found.items.map((q) => q.id),
        [id],
      );
      assert.equal((await readPublishedQuestions(t.db, site.id, 'một cửa', 1)).items.length, 1);
      assert.equal((await readPublishedQuestions(t.db, site.id, 'không có từ này', 1)).items.length, 0);

      const actions = (await t.db.selectFrom('audit_log').select('action').where('target_type', '=', 'question').where('target_id', '=', id).execute()).map(
        (r) => r.action,
      );
      assert.deepEqual(actions.sort(), [
        'question.answer_approved',
        'question.answer_submitted',
        'question.assigned',
        'question.published',
        'question.submitted',
      ]);
    });

    it('a question without consent cannot be published', async () => {
      const { code } = await submitQuestion(t.db, site.id, form({ consent: '' }), { ip: ip() });
      const id = (await new QuestionRepository(t.db, site.id).findByCode(code))!.id;
      await submitAnswer(t.db, editor, id, { answer: 'Đã xử lý.' });
      const before = await new QuestionRepository(t.db, site.id).findById(id);
      await assert.rejects(
        approveAnswer(t.db, leader, id, { publicly: '1' }),
        (e) => isCode('validation_failed')(e) && (e as AppError).fields[0]?.field === 'publicly',
      );
      assert.deepEqual(await new QuestionRepository(t.db, site.id).findById(id), before, 'a refused approval changes nothing');
      await approveAnswer(t.db, leader, id, {});
      const row = await new QuestionRepository(t.db, site.id).findById(id);
      assert.equal(row?.status, 'answered');
      assert.equal(row?.is_published, 0, 'answered for the resident only');
      await assert.rejects(
        setQuestionPublished(t.db, leader, id, true),
        (e) => isCode('validation_failed')(e) && (e as AppError).fields[0]?.field === 'publish',
      );
    });

    describe('answer review', () => {
      const questionId = async (overrides: Record<string, string> = {}) => {
        const { code } = await submitQuestion(t.db, site.id, form(overrides), { ip: ip() });
        return { code, id: (await new QuestionRepository(t.db, site.id).findByCode(code))!.id };
      };
      const rowOf = (id: number) => new QuestionRepository(t.db, site.id).findById(id);
      const auditOf = async (id: number) =>
        await t.db
          .selectFrom('audit_log')
          .select(['action', 'user_id', 'summary'])
          .where('target_type', '=', 'question')
          .where('target_id', '=', id)
          .orderBy('id')
          .execute();

      it('an editor drafts and submits; the resident sees "Đang xử lý" until another approver publishes it, then the answer; every step audited', async () => {
        const { code, id } = await questionId({ title: 'Hỏi về giờ làm việc bộ phận một cửa' });
        await saveAnswer(t.db, editor, id, { answer: 'Bản nháp đầu.' });
        let view = await lookupQuestion(t.db, site.id, code);
        assert.equal(view?.status, 'processing');
        assert.equal(view?.answer, null, 'a draft is never shown to the resident');
        await submitAnswer(t.db, editor, id, { answer: 'Bộ phận một cửa làm việc từ 7 giờ 30 đến 17 giờ, thứ Hai đến thứ Sáu.' });
        assert.equal((await rowOf(id))?.answer_review, 'submitted');
        assert.equal((await lookupQuestion(t.db, site.id, code))?.answer, null);
        await assert.rejects(approveAnswer(t.db, editor, id, {}), isCode('forbidden'), 'an editor may not approve');
        await approveAnswer(t.db, leader, id, { publicly: '1' });
        view = await lookupQuestion(t.db, site.id, code);
        assert.equal(view?.status, 'answered');
        assert.match(view?.answer ?? '', /7 giờ 30/);
        const row = await rowOf(id);
        assert.equal(row?.answered_by, editor.userId);
        assert.equal(row?.answer_approved_by, leader.userId);
        assert.equal(row?.is_published, 1);
        assert.deepEqual(
          (await readPublishedQuestions(t.db, site.id, 'gio lam viec', 1)).items.map((q) => q.id),
          [id],
        );
        const log = await auditOf(id);
        assert.deepEqual(
          log.map((e) => e.action),
          ['question.submitted', 'question.answer_saved', 'question.answer_submitted', 'question.answer_approved', 'question.published'],
        );
        assert.deepEqual(
          log.slice(1).map((e) => e.user_id),
          [editor.userId, editor.userId, leader.userId, leader.userId],
        );
      });

      it('an approver may not approve an answer they started or last changed', async () => {
        const other = (await buildUser(t.db, site, 'approver')).actor;
        const { id } = await questionId();
        await submitAnswer(t.db, leader, id, { answer: 'Lãnh đạo tự soạn.' });
        const before = await rowOf(id);
        await assert.rejects(approveAnswer(t.db, leader, id, {}), isCode('forbidden'));
        assert.deepEqual(await rowOf(id), before, 'nothing changes');
        // Returned, then changed by the editor: the leader started it, so it is still the leader's own work.
        await returnAnswer(t.db, other, id, { comment: 'Ghi rõ giờ làm việc.' });
        await submitAnswer(t.db, editor, id, { answer: 'Lãnh đạo tự soạn, biên tập viên sửa.' });
        await assert.rejects(approveAnswer(t.db, leader, id, {}), isCode('forbidden'));
        // The last editor may not approve either.
        const { id: second } = await questionId();
        await saveAnswer(t.db, editor, second, { answer: 'Biên tập viên soạn.' });
        await submitAnswer(t.db, other, second, { answer: 'Biên tập viên soạn, lãnh đạo kia sửa.' });
        await assert.rejects(approveAnswer(t.db, other, second, {}), isCode('forbidden'));
        await approveAnswer(t.db, leader, second, {});
        assert.equal((await rowOf(second))?.status, 'answered');
        // Submitting someone else's text unchanged does not make it one's own.
        const { id: third } = await questionId();
        await saveAnswer(t.db, editor, third, { answer: 'Chỉ biên tập viên soạn.' });
        await submitAnswer(t.db, other, third, { answer: 'Chỉ biên tập viên soạn.' });
        await approveAnswer(t.db, other, third, {});
        assert.equal((await rowOf(third))?.answered_by, editor.userId);
      });

      it('returning without a comment gives a clear Vietnamese error and nothing changes; with one, the editor sees it, fixes and resubmits', async () => {
        const { code, id } = await questionId();
        await submitAnswer(t.db, editor, id, { answer: 'Câu trả lời thiếu căn cứ.' });
        const before = await rowOf(id);
        const auditBefore = (await auditOf(id)).length;
        for (const input of [{}, { comment: '' }, { comment: '   ' }, { comment: 'ok' }]) {
          await assert.rejects(returnAnswer(t.db, leader, id, input), (e) => {
            assert.ok(e instanceof AppError && e.code === 'validation_failed');
            assert.equal(e.fields[0]?.field, 'comment');
            // The message is the contract: the approver must be told a comment is required.
            assert.match(e.fields[0]!.message, /^hãy ghi nhận xét khi trả lại câu trả lời/);
            return true;
          });
        }
        assert.deepEqual(await rowOf(id), before, 'nothing changes');
        assert.equal((await auditOf(id)).length, auditBefore, 'nothing is audited');

        await assert.rejects(saveAnswer(t.db, editor, id, { answer: 'Sửa khi đang chờ duyệt.' }), isCode('invalid_transition'), 'a submitted answer is locked');
        await returnAnswer(t.db, leader, id, { comment: 'Hãy nêu căn cứ Luật Đất đai 2024.' });
        let row = await rowOf(id);
        assert.equal(row?.answer_review, 'returned');
        assert.equal(row?.review_comment, 'Hãy nêu căn cứ Luật Đất đai 2024.');
        assert.equal((await lookupQuestion(t.db, site.id, code))?.status, 'processing');
        await assert.rejects(approveAnswer(t.db, leader, id, {}), isCode('invalid_transition'), 'a returned answer is not approved');
        await submitAnswer(t.db, editor, id, { answer: 'Theo Luật Đất đai 2024, ...' });
        await approveAnswer(t.db, leader, id, {});
        row = await rowOf(id);
        assert.equal(row?.answer, '<p>Theo Luật Đất đai 2024, ...</p>', 'typed plain text is kept as its paragraph');
        assert.equal(row?.review_comment, '');
        const log = await auditOf(id);
        const returned = log.find((e) => e.action === 'question.answer_returned');
        assert.match(returned?.summary ?? '', /Luật Đất đai 2024/);
      });

      it('a revised answer waits for review while the resident keeps the published one', async () => {
        const { code, id } = await questionId();
        await submitAnswer(t.db, editor, id, { answer: 'Câu trả lời đầu tiên.' });
        await approveAnswer(t.db, leader, id, { publicly: '1' });
        const row = await rowOf(id);
        assert.equal(row?.draft_by, null);
        await submitAnswer(t.db, editor, id, { answer: 'Câu trả lời đã đính chính.' });
        assert.equal((await lookupQuestion(t.db, site.id, code))?.answer, '<p>Câu trả lời đầu tiên.</p>');
        assert.equal((await readPublishedQuestions(t.db, site.id, 'dinh chinh', 1)).items.length, 0);
        await approveAnswer(t.db, leader, id, { publicly: '1' });
        assert.equal((await lookupQuestion(t.db, site.id, code))?.answer, '<p>Câu trả lời đã đính chính.</p>');
        assert.equal((await readPublishedQuestions(t.db, site.id, 'dinh chinh', 1)).items.length, 1);
      });
    });

    it('the staff list puts overdue questions first', async () => {
      const late = await submitQuestion(t.db, site.id, form({ title: 'Câu hỏi cũ quá hạn' }), { ip: ip(), now: new Date('2025-06-02T03:00:00Z') });
      const today = '2026-11-26';
      const rows = await new QuestionRepository(t.db, site.id).listForStaff({}, today, 100);
      assert.equal(rows[0]?.code, late.code);
      const overdue = await new QuestionRepository(t.db, site.id).listForStaff({ overdueBefore: today }, today, 100);
      assert.ok(overdue.every((q) => q.status !== 'answered' && q.due_on < today));
    });

    it('form tokens: too fast, too old and forged ones are refused', async () => {
      const now = Date.now();
      const token = await issueFormToken(t.db, site.id, now);
      await checkFormToken(t.db, site.id, token, now + 5_000);
      await assert.rejects(checkFormToken(t.db, site.id, token, now + 1_000), isCode('validation_failed'));
      await assert.rejects(checkFormToken(t.db, site.id, token, now + 3 * 3_600_000), isCode('validation_failed'));
      await assert.rejects(checkFormToken(t.db, site.id, `${now - 10_000}.${token.split('.')[1]}`, now), isCode('validation_failed'));
      const other = await buildSite(t.db);
      await assert.rejects(checkFormToken(t.db, other.id, token, now + 5_000), isCode('validation_failed'));
    });
  });
}
