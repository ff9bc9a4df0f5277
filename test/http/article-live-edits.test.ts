import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { parseArticleForm, saveArticle } from '../../src/services/articles/article-editor.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { transitionArticle } from '../support/review.ts';

/**
 * Issue 18, item 4: an edit of someone else's live article goes public only
 * with a second pair of eyes. It waits as a new revision for another approver
 * while the published version stays up, or goes out at once only through the
 * flagged "force publish with a reason".
 */
for (const dialect of DIALECTS) {
  describe(`edits of live articles [${dialect}]`, () => {
    const host = 'sua-bai.test';
    let h: TestApp;
    let site: SiteRow;
    let reporter: Actor;
    let firstApprover: Actor;
    let approver: Agent;
    let otherApprover: Agent;
    let editor: Agent;
    let category: string;

    /** An article a reporter wrote and another approver published: live, and nobody's own work here. */
    async function liveArticle(title: string): Promise<{ id: number; slug: string }> {
      const form = parseArticleForm({ title, body_html: '<p>Bản đã duyệt.</p>', category_id: category });
      const { id } = await saveArticle(h.t.db, reporter, null, form);
      await transitionArticle(h.t.db, reporter, id, 'submit');
      await transitionArticle(h.t.db, firstApprover, id, 'publish');
      const { slug } = await h.t.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
      return { id, slug };
    }
    const publicPage = async (slug: string) => {
      await h.app.applyPageEvents();
      return (await h.app.inject({ url: `/bai-viet/${slug}`, headers: { host } })).body;
    };
    const edit = (agent: Agent, id: number, title: string) =>
      agent.post(`/quan-tri/bai-viet/${id}`, { title, body_html: '<p>Bản sửa chưa được duyệt.</p>', category_id: category });
    const act = (agent: Agent, id: number, action: string, extra: Record<string, string> = {}) =>
      agent.post(`/quan-tri/bai-viet/${id}/thao-tac`, { action, ...extra });

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [host] });
      reporter = (await buildUser(h.t.db, site, 'contributor')).actor;
      firstApprover = (await buildUser(h.t.db, site, 'approver')).actor;
      approver = await signInAs(h.app, host, (await buildUser(h.t.db, site, 'approver')).user.email);
      otherApprover = await signInAs(h.app, host, (await buildUser(h.t.db, site, 'approver')).user.email);
      editor = await signInAs(h.app, host, (await buildUser(h.t.db, site, 'editor')).user.email);
      const row = await h.t.db.selectFrom('categories').select('id').where('site_id', '=', site.id).where('slug', '=', 'tin-tuc').executeTakeFirstOrThrow();
      category = String(row.id);
    });
    after(() => h.close());

    it("an approver's edit of someone else's live article waits for another approver while the published version stays up", async () => {
      const { id, slug } = await liveArticle('Lịch tiêm chủng tháng 9');
      assert.equal((await edit(approver, id, 'Lịch tiêm chủng tháng 9 (đã đổi ngày)')).statusCode, 303);
      assert.match(await publicPage(slug), /Lịch tiêm chủng tháng 9<\/h1>/, 'readers keep the approved version');
      assert.doesNotMatch(await publicPage(slug), /đã đổi ngày/);

      const editorPage = await approver.get(`/quan-tri/bai-viet/${id}`);
      assert.match(editorPage.body, /Đã xuất bản · bản sửa chưa gửi duyệt/);
      assert.match(editorPage.body, /value="Lịch tiêm chủng tháng 9 \(đã đổi ngày\)"/, 'the editor shows the edit, not the live text');

      assert.equal((await act(approver, id, 'submit')).statusCode, 303);
      const own = await act(approver, id, 'publish');
      assert.equal(own.statusCode, 403, 'the one who edited may not approve the edit');
      assert.doesNotMatch(await publicPage(slug), /đã đổi ngày/);

      assert.equal((await act(otherApprover, id, 'publish')).statusCode, 303);
      assert.match(await publicPage(slug), /Lịch tiêm chủng tháng 9 \(đã đổi ngày\)<\/h1>/, 'approved by another: now public');
      const trail = await new AuditRepository(h.t.db).forTarget(site.id, 'article', id);
      assert.deepEqual(
        trail.map((e) => e.action),
        ['article.created', 'article.submitted', 'article.published', 'article.updated', 'article.submitted', 'article.published'],
      );
    });

    it('the same edit goes out at once only by force-publishing with a reason, flagged in the log and on the dashboard', async () => {
      const { id, slug } = await liveArticle('Thông báo cắt điện');
      await edit(approver, id, 'Thông báo cắt điện (đổi giờ)');
      const noReason = await act(approver, id, 'force_publish', { reason: 'gấp' });
      assert.equal(noReason.statusCode, 400);
      assert.doesNotMatch(await publicPage(slug), /đổi giờ/);
      assert.equal((await act(approver, id, 'force_publish', { reason: 'Điện lực báo đổi giờ cắt điện sáng nay' })).statusCode, 303);
      assert.match(await publicPage(slug), /Thông báo cắt điện \(đổi giờ\)<\/h1>/);
      const flagged = await new AuditRepository(h.t.db).list(site.id, { flaggedOnly: true }, 10);
      assert.ok(flagged.some((e) => e.action === 'article.force_published' && e.target_id === id && e.summary.includes('Điện lực báo đổi giờ')));
      assert.match((await otherApprover.get('/quan-tri')).body, /Điện lực báo đổi giờ cắt điện sáng nay/);
    });

    it('an editor may propose an edit of a live article but not publish it; a return sends it back with the comment and the public keeps the approved text', async () => {
      const { id, slug } = await liveArticle('Kết quả thu thuế quý 3');
      assert.equal((await edit(editor, id, 'Kết quả thu thuế quý 3 (số liệu mới)')).statusCode, 303);
      assert.equal((await act(editor, id, 'submit')).statusCode, 303);
      assert.equal((await act(editor, id, 'publish')).statusCode, 403);
      assert.equal((await act(approver, id, 'return', { comment: 'Ghi nguồn số liệu' })).statusCode, 303);
      const page = await editor.get(`/quan-tri/bai-viet/${id}`);
      assert.match(page.body, /bản sửa bị trả lại/);
      assert.match(page.body, /Ghi nguồn số liệu/);
      assert.doesNotMatch(await publicPage(slug), /số liệu mới/);
    });

    it('changing only the publish time of a live article is no edit to review, and only an approver may change it', async () => {
      const { id } = await liveArticle('Lịch trực Tết');
      const time = '2020-01-20T08:00';
      const form = { title: 'Lịch trực Tết', body_html: '<p>Bản đã duyệt.</p>', category_id: category, publish_at: time };
      const refused = await editor.post(`/quan-tri/bai-viet/${id}`, form);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /id="publish_at-loi"/);
      assert.equal((await approver.post(`/quan-tri/bai-viet/${id}`, form)).statusCode, 303);
      const row = await h.t.db.selectFrom('articles').select(['published_at', 'pending_status']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.published_at, new Date(`${time}:00+07:00`).toISOString());
      assert.equal(row.pending_status, null, 'no edit waits for review');
    });
  });
}
