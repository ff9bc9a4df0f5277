import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { MailQueueRepository } from '../../src/repositories/mail-repository.ts';
import { QuestionRepository } from '../../src/repositories/question-repository.ts';
import { type ArticleForm, parseArticleForm, saveArticle } from '../../src/services/articles/article-editor.ts';
import { queueQuestionDigests } from '../../src/services/notifications/question-mail.ts';
import { type MailTransport, MAX_ATTEMPTS, sendQueuedMail, smtpTransport } from '../../src/services/notifications/sender.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { submitQuestion } from '../../src/services/questions/question-service.ts';
import { setUserRole } from '../../src/services/users/user-service.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { returnAnswer, submitAnswer, transitionArticle } from '../support/review.ts';
import { type LoopbackSmtp, startLoopbackSmtp } from '../support/smtp.ts';

const FROM = 'Cổng thông tin <no-reply@xa.test>';
// 08:00 in Vietnam on Wednesday 09/12/2026: past the digest's hour.
const MORNING = new Date('2026-12-09T01:00:00Z');

for (const dialect of DIALECTS) {
  describe(`notification mail through a real SMTP server [${dialect}]`, () => {
    let t: TestDatabase;
    let smtp: LoopbackSmtp;
    let transport: MailTransport;
    let site: SiteRow;
    let host: string;
    let reporter: Actor;
    let editor: Actor;
    let leader: Actor;
    /** A leader of another site who is only a reporter here: no reviewer's mail about this site. */
    let neighbour: Actor;
    /** A leader of another site only. */
    let stranger: Actor;
    let newsId: number;
    let ipCounter = 0;

    const form = (title: string): ArticleForm => parseArticleForm({ title, body_html: '<p>Nội dung.</p>', category_id: String(newsId) });
    const send = (now = new Date()) => sendQueuedMail(t.db, transport, FROM, now);
    const question = (title: string, now = new Date()) =>
      submitQuestion(
        t.db,
        site.id,
        { name: 'Trần Văn Dân', address: 'Ấp 3', phone: '0912345678', email: '', title, content: 'Xin hỏi thủ tục.', consent: '1' },
        { ip: `10.9.0.${++ipCounter}`, now },
      );
    const idOfQuestion = async (code: string) => (await new QuestionRepository(t.db, site.id).findByCode(code))!.id;

    before(async () => {
      t = await openTestDatabase(dialect);
      smtp = await startLoopbackSmtp();
      transport = smtpTransport({ url: smtp.url, from: FROM });
      site = await buildSite(t.db);
      const other = await buildSite(t.db);
      host = (await t.db.selectFrom('site_hosts').select('host').where('site_id', '=', site.id).executeTakeFirstOrThrow()).host;
      reporter = (await buildUser(t.db, site, 'contributor')).actor;
      editor = (await buildUser(t.db, site, 'editor')).actor;
      leader = (await buildUser(t.db, site, 'approver')).actor;
      neighbour = (await buildUser(t.db, other, 'approver')).actor;
      await setUserRole(t.db, site.id, neighbour.userId, 'contributor', { system: 'kiểm thử', siteId: site.id });
      stranger = (await buildUser(t.db, other, 'site_admin')).actor;
      newsId = (await t.db.selectFrom('categories').select('id').where('site_id', '=', site.id).where('slug', '=', 'tin-tuc').executeTakeFirstOrThrow()).id;
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });

    it('an article sent for review is mailed to the site’s editors and leaders with a link to it, and to nobody without that role there', async () => {
      const { id } = await saveArticle(t.db, reporter, null, form('Phường ra quân dọn vệ sinh'));
      await transitionArticle(t.db, reporter, id, 'submit');
      assert.equal(await send(), 2);
      for (const who of [editor, leader]) {
        const [mail] = smtp.to(who.email);
        assert.ok(mail, `thư tới ${who.email}`);
        assert.match(mail.subject, /Bài chờ duyệt: Phường ra quân dọn vệ sinh/);
        assert.ok(mail.text.includes(`https://${host}/quan-tri/bai-viet/${id}`));
        assert.ok(mail.text.includes(reporter.displayName));
        assert.equal(mail.from, 'no-reply@xa.test');
      }
      for (const who of [reporter, neighbour, stranger]) assert.deepEqual(smtp.to(who.email), []);
    });

    it('an article sent back is mailed to its author with the editor’s comment', async () => {
      const { id } = await saveArticle(t.db, reporter, null, form('Bài cần bổ sung'));
      await transitionArticle(t.db, reporter, id, 'submit');
      await send();
      smtp.received.length = 0;
      await transitionArticle(t.db, editor, id, 'return', { comment: 'Bổ sung số liệu hộ nghèo' });
      await send();
      const [mail] = smtp.to(reporter.email);
      assert.match(mail!.subject, /Bài bị trả lại: Bài cần bổ sung/);
      assert.ok(mail!.text.includes('Bổ sung số liệu hộ nghèo'));
      assert.ok(mail!.text.includes(`https://${host}/quan-tri/bai-viet/${id}`));
      assert.deepEqual(smtp.received.map((m) => m.to).flat(), [reporter.email], 'only the author hears of the return');
    });

    it('a resident’s question is mailed to the site’s Q&A handlers with its due day, and an answer waiting for approval to the leaders', async () => {
      smtp.received.length = 0;
      const { code } = await question('Xin cấp giấy xác nhận cư trú', new Date('2026-12-07T02:00:00Z'));
      await send();
      assert.deepEqual(smtp.received.flatMap((m) => m.to).sort(), [editor.email, leader.email].sort());
      const id = await idOfQuestion(code);
      const [mail] = smtp.to(editor.email);
      assert.match(mail!.subject, new RegExp(`Câu hỏi mới ${code}`));
      assert.ok(mail!.text.includes('28/12/2026'), 'the 15-working-day due day');
      assert.ok(mail!.text.includes(`https://${host}/quan-tri/hoi-dap/${id}`));

      smtp.received.length = 0;
      await submitAnswer(t.db, editor, id, { answer: 'Ông mang căn cước đến bộ phận một cửa.' });
      await send();
      assert.deepEqual(
        smtp.received.flatMap((m) => m.to),
        [leader.email],
      );
      assert.match(smtp.received[0]!.subject, /Câu trả lời chờ duyệt/);
      await returnAnswer(t.db, leader, id, { comment: 'Ghi rõ giờ làm việc' });
      smtp.received.length = 0;
      await send();
      assert.deepEqual(
        smtp.received.flatMap((m) => m.to),
        [editor.email],
      );
    });

    it('a mail server that is down leaves the mail queued and the workflow done, and a later run sends it', async () => {
      const down = await startLoopbackSmtp();
      await down.close();
      const { id } = await saveArticle(t.db, reporter, null, form('Thông báo lịch tiêm phòng'));
      assert.equal(await transitionArticle(t.db, reporter, id, 'submit'), 'submitted');
      const now = new Date();
      assert.equal(await sendQueuedMail(t.db, smtpTransport({ url: down.url, from: FROM }), FROM, now), 0);
      const waiting = (await new MailQueueRepository(t.db).listForSite(site.id)).filter((m) => m.subject.includes('Thông báo lịch tiêm phòng'));
      assert.equal(waiting.length, 2);
      assert.ok(waiting.every((m) => m.status === 'queued'));
      assert.ok(waiting.some((m) => m.attempts === 1 && m.last_error !== '' && m.next_attempt_at > now.toISOString()));

      smtp.received.length = 0;
      assert.equal(await send(now), 1, 'before its retry time, only the untried mail goes');
      assert.equal(await send(new Date(now.getTime() + 10 * 60_000)), 1, 'the failed one goes on its retry');
      assert.deepEqual(smtp.received.flatMap((m) => m.to).sort(), [editor.email, leader.email].sort());
    });

    it('a mail that keeps failing is given up after its last attempt, and never blocks the rest', async () => {
      const failing: MailTransport = { sendMail: () => Promise.reject(Object.assign(new Error('550 hộp thư không tồn tại'), { code: 'EENVELOPE' })) };
      const { id } = await saveArticle(t.db, reporter, null, form('Bài gửi tới hộp thư hỏng'));
      await transitionArticle(t.db, reporter, id, 'submit');
      let now = new Date();
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        await sendQueuedMail(t.db, failing, FROM, now);
        now = new Date(now.getTime() + 7 * 3_600_000);
      }
      const rows = (await new MailQueueRepository(t.db).listForSite(site.id)).filter((m) => m.subject.includes('hộp thư hỏng'));
      assert.deepEqual(
        rows.map((m) => [m.status, m.attempts]),
        [
          ['failed', MAX_ATTEMPTS],
          ['failed', MAX_ATTEMPTS],
        ],
      );
    });

    it('without an SMTP server the queued mail is marked skipped: the newsroom lists are the notification', async () => {
      const { id } = await saveArticle(t.db, reporter, null, form('Bài khi chưa có máy chủ thư'));
      await transitionArticle(t.db, reporter, id, 'submit');
      assert.equal(await sendQueuedMail(t.db, null, '', new Date()), 0);
      const rows = (await new MailQueueRepository(t.db).listForSite(site.id)).filter((m) => m.subject.includes('chưa có máy chủ thư'));
      assert.deepEqual(
        rows.map((m) => m.status),
        ['skipped', 'skipped'],
      );
    });

    it('each handler gets one digest a day of the questions due soon or overdue, given to them or to nobody', async () => {
      const repo = new QuestionRepository(t.db, site.id);
      await repo.update(await idOfQuestion((await question('Đường ngập nước')).code), { due_on: '2026-12-01' });
      await repo.update(await idOfQuestion((await question('Cây đổ chắn lối')).code), { due_on: '2026-12-10' });
      const mine = await idOfQuestion((await question('Hỏi về trợ cấp')).code);
      await repo.update(mine, { due_on: '2026-12-11', assigned_to: editor.userId, status: 'processing' });
      await repo.update(await idOfQuestion((await question('Chưa đến hạn')).code), { due_on: '2026-12-30' });
      // The question of the earlier test is due 28/12: not yet due soon; close it so the lists are this test's.
      await t.db
        .updateTable('questions')
        .set({ status: 'answered' })
        .where('site_id', '=', site.id)
        .where('title', '=', 'Xin cấp giấy xác nhận cư trú')
        .execute();

      await queueQuestionDigests(t.db, new Date('2026-12-08T23:30:00Z'));
      await send();
      smtp.received.length = 0;
      await queueQuestionDigests(t.db, MORNING);
      await queueQuestionDigests(t.db, new Date(MORNING.getTime() + 3_600_000));
      await send(new Date(MORNING.getTime() + 3_600_000));

      const [editorDigest, ...moreForEditor] = smtp.to(editor.email);
      assert.deepEqual(moreForEditor, [], 'one digest a day');
      assert.match(editorDigest!.subject, /09\/12\/2026: 3 câu, 1 quá hạn/);
      assert.ok(editorDigest!.text.includes('Đường ngập nước (QUÁ HẠN từ 01/12/2026)'));
      assert.ok(editorDigest!.text.includes('Hỏi về trợ cấp (hạn 11/12/2026)'));
      assert.ok(editorDigest!.text.includes(`https://${host}/quan-tri/hoi-dap/${mine}`));
      assert.ok(!editorDigest!.text.includes('Chưa đến hạn'));
      const [leaderDigest] = smtp.to(leader.email);
      assert.match(leaderDigest!.subject, /2 câu, 1 quá hạn/);
      assert.ok(!leaderDigest!.text.includes('Hỏi về trợ cấp'), 'a question given to someone else is theirs');
      for (const who of [reporter, neighbour, stranger]) assert.deepEqual(smtp.to(who.email), []);
    });
  });
}
