import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { QuestionRepository } from '../../src/repositories/question-repository.ts';
import { type ArticleForm, parseArticleForm, saveArticle } from '../../src/services/articles/article-editor.ts';
import { parseDocumentForm, saveDocument } from '../../src/services/documents/document-editor.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { submitQuestion } from '../../src/services/questions/question-service.ts';
import { vietnamDayOf } from '../../src/services/questions/working-days.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { returnDocument, submitAnswer, submitDocument, transitionArticle } from '../support/review.ts';

/** The number on a menu entry's badge, or 0 when it has none. */
function badge(page: string, path: string): number {
  const match = new RegExp(`<a href="${path}"[^>]*>[^<]*<span class="nav-count">(\\d+)`).exec(page);
  return match ? Number(match[1]) : 0;
}

/** The HTML of one dashboard section, by its heading's id. */
function sectionOf(page: string, id: string): string {
  const start = page.indexOf(`<section aria-labelledby="${id}"`);
  return start < 0 ? '' : page.slice(start, page.indexOf('</section>', start));
}

const dayOffset = (days: number) => vietnamDayOf(new Date(Date.now() + days * 86_400_000));

for (const dialect of DIALECTS) {
  describe(`work queues on the dashboard, the menu and "Bài của tôi" [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let reporter: Actor;
    let editor: Actor;
    let leader: Actor;
    let waiting: number;
    let returned: number;
    let published: number;
    let otherSiteArticle: number;
    let document: number;
    let lateQuestion: number;
    let soonQuestion: number;
    let answered: number;
    const host = 'viec-cho.test';
    const pages: Record<string, Agent> = {};

    before(async () => {
      h = await openTestApp(dialect);
      const db = h.t.db;
      site = await buildSite(db, { hosts: [host] });
      const other = await buildSite(db);
      reporter = (await buildUser(db, site, 'contributor')).actor;
      editor = (await buildUser(db, site, 'editor')).actor;
      leader = (await buildUser(db, site, 'approver')).actor;
      const otherReporter = (await buildUser(db, other, 'contributor')).actor;
      const category = async (s: SiteRow) =>
        String((await db.selectFrom('categories').select('id').where('site_id', '=', s.id).where('slug', '=', 'tin-tuc').executeTakeFirstOrThrow()).id);
      const form = async (title: string, s = site): Promise<ArticleForm> =>
        parseArticleForm({ title, body_html: '<p>Nội dung.</p>', category_id: await category(s) });

      waiting = (await saveArticle(db, reporter, null, await form('Bài đang chờ duyệt'))).id;
      await transitionArticle(db, reporter, waiting, 'submit');
      returned = (await saveArticle(db, reporter, null, await form('Bài bị trả lại'))).id;
      await transitionArticle(db, reporter, returned, 'submit');
      await transitionArticle(db, editor, returned, 'return', { comment: 'Thiếu nguồn ảnh và số liệu' });
      published = (await saveArticle(db, reporter, null, await form('Bài đã lên trang'))).id;
      await transitionArticle(db, reporter, published, 'submit');
      await transitionArticle(db, leader, published, 'publish');
      await saveArticle(db, editor, null, await form('Bài của biên tập viên'));
      otherSiteArticle = (await saveArticle(db, otherReporter, null, await form('Bài của xã khác', other))).id;
      await transitionArticle(db, otherReporter, otherSiteArticle, 'submit');

      document = (
        await saveDocument(
          db,
          reporter,
          null,
          parseDocumentForm({
            doc_type: 'quyet-dinh',
            number_symbol: '7/QĐ-UBND',
            issuing_body: 'Ủy ban nhân dân xã',
            signer: 'Lê Thị Bình',
            issued_on: '05/03/2026',
            effective_on: '05/03/2026',
            summary: 'Về việc kiện toàn tổ hòa giải',
            field: 'Tư pháp',
          }),
        )
      ).id;
      await submitDocument(db, reporter, document);
      await returnDocument(db, leader, document, 'Ghi đúng trích yếu theo bản giấy');

      const ask = async (title: string, ip: string) => {
        const { code } = await submitQuestion(
          db,
          site.id,
          { name: 'Phạm Thị Hoa', address: 'Tổ 4', phone: '0912345678', email: '', title, content: 'Nội dung câu hỏi.', consent: '1' },
          { ip },
        );
        return (await new QuestionRepository(db, site.id).findByCode(code))!.id;
      };
      const questions = new QuestionRepository(db, site.id);
      lateQuestion = await ask('Hẻm 7 ngập nước', '10.1.0.1');
      await questions.update(lateQuestion, { due_on: dayOffset(-3) });
      soonQuestion = await ask('Xin cấp lại sổ hộ nghèo', '10.1.0.2');
      await questions.update(soonQuestion, { due_on: dayOffset(1), status: 'processing', assigned_to: editor.userId });
      answered = await ask('Giờ làm việc bộ phận một cửa', '10.1.0.3');
      await submitAnswer(db, editor, answered, { answer: 'Từ 7 giờ 30 đến 17 giờ các ngày làm việc.' });

      for (const [name, who] of Object.entries({ reporter, editor, leader })) pages[name] = await signInAs(h.app, host, who.email);
    });
    after(() => h.close());

    it('the editor’s dashboard lists articles to review, overdue, due-soon and new questions, each linking to it, and counts them in the menu', async () => {
      const res = await pages.editor!.get('/quan-tri');
      assert.equal(res.statusCode, 200);
      assert.ok(sectionOf(res.body, 'hang-cho').includes(`href="/quan-tri/bai-viet/${waiting}"`));
      assert.ok(!res.body.includes(`/quan-tri/bai-viet/${otherSiteArticle}"`), 'another site’s article is not listed');
      assert.ok(sectionOf(res.body, 'cau-hoi-qua-han').includes(`href="/quan-tri/hoi-dap/${lateQuestion}"`));
      assert.ok(sectionOf(res.body, 'cau-hoi-sap-den-han').includes(`href="/quan-tri/hoi-dap/${soonQuestion}"`));
      assert.ok(sectionOf(res.body, 'cau-hoi-moi').includes(`href="/quan-tri/hoi-dap/${lateQuestion}"`));
      assert.equal(sectionOf(res.body, 'tra-loi-cho-duyet'), '', 'an editor does not approve answers');
      assert.equal(badge(res.body, '/quan-tri/bai-viet'), 1);
      assert.equal(badge(res.body, '/quan-tri/hoi-dap'), 1, 'the received question, overdue too, counts once');
      assert.equal(badge(res.body, '/quan-tri'), 2);
    });

    it('the leader’s dashboard lists the answer waiting for approval and counts it, and the badges follow every newsroom page', async () => {
      const res = await pages.leader!.get('/quan-tri');
      assert.ok(sectionOf(res.body, 'tra-loi-cho-duyet').includes(`href="/quan-tri/hoi-dap/${answered}"`));
      assert.equal(badge(res.body, '/quan-tri/hoi-dap'), 2);
      const list = await pages.leader!.get('/quan-tri/bai-viet');
      assert.equal(badge(list.body, '/quan-tri/bai-viet'), 1);
      assert.equal(badge(list.body, '/quan-tri/hoi-dap'), 2);
    });

    it('the reporter’s dashboard shows what was sent back to them, no question lists, and counts their returned work', async () => {
      const res = await pages.reporter!.get('/quan-tri');
      assert.ok(sectionOf(res.body, 'bai-cua-toi').includes(`href="/quan-tri/bai-viet/${returned}"`));
      assert.ok(sectionOf(res.body, 'muc-bi-tra-lai').includes(`href="/quan-tri/van-ban/${document}"`));
      assert.ok(sectionOf(res.body, 'muc-bi-tra-lai').includes('Ghi đúng trích yếu theo bản giấy'));
      assert.equal(sectionOf(res.body, 'cau-hoi-qua-han'), '');
      assert.equal(badge(res.body, '/quan-tri/bai-viet'), 1);
      assert.equal(badge(res.body, '/quan-tri/van-ban'), 1);
      assert.equal(badge(res.body, '/quan-tri/hoi-dap'), 0);
    });

    it('"Bài của tôi" lists the reporter’s returned, waiting and published articles with the editor’s comment and Vietnam times, and nobody else’s', async () => {
      const res = await pages.reporter!.get('/quan-tri/bai-cua-toi');
      assert.equal(res.statusCode, 200);
      const back = sectionOf(res.body, 'bi-tra-lai');
      assert.ok(back.includes(`href="/quan-tri/bai-viet/${returned}"`));
      assert.ok(back.includes('Thiếu nguồn ảnh và số liệu'));
      assert.match(back, /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      assert.ok(sectionOf(res.body, 'cho-duyet').includes(`href="/quan-tri/bai-viet/${waiting}"`));
      assert.ok(sectionOf(res.body, 'da-xuat-ban').includes(`href="/quan-tri/bai-viet/${published}"`));
      assert.ok(sectionOf(res.body, 'muc-cua-toi').includes(`href="/quan-tri/van-ban/${document}"`));
      assert.ok(!res.body.includes('Bài của biên tập viên'));
      assert.ok(!res.body.includes('Bài của xã khác'));
      assert.match(res.body, /<a href="\/quan-tri\/bai-cua-toi" aria-current="page">/);
    });

    it('"Bài của tôi" needs a sign-in', async () => {
      const res = await h.app.inject({ url: '/quan-tri/bai-cua-toi', headers: { host } });
      assert.equal(res.statusCode, 302);
      assert.match(String(res.headers.location), /dang-nhap/);
    });
  });
}
