import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { readArticle } from '../../src/services/article-reader.ts';
import { listArticles } from '../../src/services/articles/article-desk.ts';
import { type ArticleForm, loadArticle, parseArticleForm, restoreRevision, saveArticle } from '../../src/services/articles/article-editor.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { transitionArticle } from '../support/review.ts';

for (const dialect of DIALECTS) {
  describe(`edits of live articles wait for review [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let reporter: Actor;
    let leader: Actor;
    let otherLeader: Actor;
    let newsId: number;
    const form = (title: string, body = '<p>Nội dung đã duyệt.</p>'): ArticleForm => parseArticleForm({ title, body_html: body, category_id: String(newsId) });
    const publicTitle = async (slug: string) => (await readArticle(t.db, site, slug)).article.title;

    /** A reporter's article, published by the leader's colleague. */
    async function live(title: string) {
      const { id } = await saveArticle(t.db, reporter, null, form(title));
      await transitionArticle(t.db, reporter, id, 'submit');
      await transitionArticle(t.db, otherLeader, id, 'publish');
      return { id, slug: (await loadArticle(t.db, leader, id)).slug };
    }

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      reporter = (await buildUser(t.db, site, 'contributor')).actor;
      leader = (await buildUser(t.db, site, 'approver')).actor;
      otherLeader = (await buildUser(t.db, site, 'approver')).actor;
      newsId = (await t.db.selectFrom('categories').select('id').where('site_id', '=', site.id).where('slug', '=', 'tin-tuc').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    it('an edit is a pending revision: the row keeps the approved text, and only another approver applies it', async () => {
      const { id, slug } = await live('Lịch họp tổ dân phố');
      const saved = await saveArticle(t.db, leader, id, form('Lịch họp tổ dân phố (dời sang thứ Bảy)'));
      const row = await loadArticle(t.db, leader, id);
      assert.equal(row.pending_revision, saved.revision);
      assert.equal(row.pending_status, 'draft');
      assert.equal(await publicTitle(slug), 'Lịch họp tổ dân phố');
      assert.equal(await transitionArticle(t.db, leader, id, 'submit'), 'submitted');
      assert.equal((await loadArticle(t.db, leader, id)).status, 'published', 'the public status stays');
      assert.equal(await transitionArticle(t.db, otherLeader, id, 'publish'), 'published');
      assert.equal(await publicTitle(slug), 'Lịch họp tổ dân phố (dời sang thứ Bảy)');
      const after = await loadArticle(t.db, leader, id);
      assert.deepEqual([after.pending_revision, after.pending_status, after.published_by], [null, null, otherLeader.userId]);
    });

    it('saving the live text unchanged makes no edit to review, and an autosave never does', async () => {
      const { id } = await live('Thông báo tiêm chủng');
      assert.equal((await saveArticle(t.db, leader, id, form('Thông báo tiêm chủng'))).revision, null);
      await saveArticle(t.db, leader, id, form('Thông báo tiêm chủng (đang gõ)'), { autosave: true });
      const row = await loadArticle(t.db, leader, id);
      assert.deepEqual([row.pending_revision, row.pending_status, row.title], [null, null, 'Thông báo tiêm chủng']);
    });

    it('restoring an old revision of a live article waits for review too', async () => {
      const { id, slug } = await live('Kế hoạch ra quân');
      await saveArticle(t.db, leader, id, form('Kế hoạch ra quân (bản sửa)'));
      await transitionArticle(t.db, leader, id, 'submit');
      await transitionArticle(t.db, otherLeader, id, 'publish');
      const restored = await restoreRevision(t.db, leader, id, 1);
      assert.equal(await publicTitle(slug), 'Kế hoạch ra quân (bản sửa)');
      assert.equal((await loadArticle(t.db, leader, id)).pending_revision, restored.revision);
    });

    it('taking an article down while an edit waits keeps the edit as its content, to be published again through review', async () => {
      const { id, slug } = await live('Tin cũ cần gỡ');
      await saveArticle(t.db, leader, id, form('Tin cũ cần gỡ (đã sửa)'));
      assert.equal(await transitionArticle(t.db, otherLeader, id, 'unpublish'), 'unpublished');
      const row = await loadArticle(t.db, leader, id);
      assert.deepEqual([row.title, row.pending_revision, row.pending_status], ['Tin cũ cần gỡ (đã sửa)', null, null]);
      await assert.rejects(readArticle(t.db, site, slug));
      await assert.rejects(
        transitionArticle(t.db, leader, id, 'publish'),
        (e: unknown) => (e as { code?: string }).code === 'forbidden',
        'the one who edited it last',
      );
      assert.equal(await transitionArticle(t.db, otherLeader, id, 'publish'), 'published');
    });

    it("the list's review tabs show live articles whose edit is at that step", async () => {
      const { id } = await live('Bài có bản sửa chờ duyệt');
      await saveArticle(t.db, leader, id, form('Bài có bản sửa chờ duyệt (sửa)'));
      await transitionArticle(t.db, leader, id, 'submit');
      const waiting = await listArticles(t.db, otherLeader, 'submitted', 1);
      assert.ok(waiting.items.some((a) => a.id === id));
      const published = await listArticles(t.db, otherLeader, 'published', 1);
      assert.ok(published.items.some((a) => a.id === id));
    });
  });
}
