import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { QuestionRepository } from '../../src/repositories/question-repository.ts';
import { checkFormToken, issueFormToken } from '../../src/services/questions/form-guard.ts';
import { addHoliday, dueDayFor, listHolidays } from '../../src/services/questions/holidays.ts';
import {
  answerQuestion,
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
    const count = async () => Number((await t.db.selectFrom('questions').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', site.id).executeTakeFirstOrThrow()).n);

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
      await assert.rejects(submitQuestion(t.db, site.id, form({ phone: '', email: '' }), { ip: ip() }), (e) => isCode('validation_failed')(e) && (e as AppError).fields.some((f) => f.field === 'phone'));
      await assert.rejects(submitQuestion(t.db, site.id, form({ email: 'khong-phai-email' }), { ip: ip() }), (e) => isCode('validation_failed')(e) && (e as AppError).fields.some((f) => f.field === 'email'));
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

    it('a PDF attachment is kept; a text file or a third file is refused and nothing is stored', async () => {
      const pdf = { bytes: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), name: 'don-kien-nghi.pdf' };
      const result = await submitQuestion(t.db, site.id, form(), { ip: ip(), files: [pdf], mediaDir });
      const row = await new QuestionRepository(t.db, site.id).findByCode(result.code);
      const files = JSON.parse(row!.attachments) as Array<{ key: string; name: string }>;
      assert.equal(files.length, 1);
      assert.ok(fs.existsSync(path.join(mediaDir, String(site.id), files[0]!.key)));
      const n = await count();
      await assert.rejects(submitQuestion(t.db, site.id, form(), { ip: ip(), files: [{ bytes: Buffer.from('xin chào'), name: 'a.pdf' }], mediaDir }), isCode('validation_failed'));
      await assert.rejects(submitQuestion(t.db, site.id, form(), { ip: ip(), files: [pdf, pdf, pdf], mediaDir }), isCode('validation_failed'));
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
      await assert.rejects(answerQuestion(t.db, editor, id, { answer: '   ' }), isCode('validation_failed'));
      await answerQuestion(t.db, editor, id, { answer: 'Ông/bà liên hệ bộ phận một cửa vào thứ Hai.' });
      view = await lookupQuestion(t.db, site.id, code);
      assert.equal(view?.status, 'answered');
      assert.match(view?.answer ?? '', /bộ phận một cửa/);

      await assert.rejects(setQuestionPublished(t.db, editor, id, true), isCode('forbidden'));
      const events = async () => (await t.db.selectFrom('page_events').select('tags').execute()).filter((e) => e.tags.includes(qaTag(site.id))).length;
      const eventsBefore = await events();
      await setQuestionPublished(t.db, leader, id, true);
      assert.equal(await events(), eventsBefore + 1);

      const found = await readPublishedQuestions(t.db, site.id, 'dat dai', 1);
      assert.deepEqual(found.items.map((q) => q.id), [id]);
      assert.equal((await readPublishedQuestions(t.db, site.id, 'một cửa', 1)).items.length, 1);
      assert.equal((await readPublishedQuestions(t.db, site.id, 'không có từ này', 1)).items.length, 0);

      const actions = (await t.db.selectFrom('audit_log').select('action').where('target_type', '=', 'question').where('target_id', '=', id).execute()).map((r) => r.action);
      assert.deepEqual(actions.sort(), ['question.answered', 'question.assigned', 'question.published', 'question.submitted']);
    });

    it('a question without consent cannot be published', async () => {
      const { code } = await submitQuestion(t.db, site.id, form({ consent: '' }), { ip: ip() });
      const id = (await new QuestionRepository(t.db, site.id).findByCode(code))!.id;
      await answerQuestion(t.db, editor, id, { answer: 'Đã xử lý.' });
      await assert.rejects(setQuestionPublished(t.db, leader, id, true), (e) => isCode('validation_failed')(e) && (e as AppError).fields[0]?.field === 'publish');
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
