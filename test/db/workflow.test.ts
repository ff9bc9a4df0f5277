import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { ArticleAdminRepository } from '../../src/repositories/article-admin-repository.ts';
import { RevisionRepository } from '../../src/repositories/revision-repository.ts';
import { readArticle } from '../../src/services/article-reader.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { type ArticleForm, loadArticle, parseArticleForm, restoreRevision, saveArticle } from '../../src/services/articles/article-editor.ts';
import { publishDueArticles, purgeTrash } from '../../src/services/articles/article-jobs.ts';
import { transitionArticle } from '../support/review.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

const isCode = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

for (const dialect of DIALECTS) {
  describe(`editorial workflow [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let reporter: Actor;
    let editor: Actor;
    let leader: Actor;
    let otherLeader: Actor;
    let newsId: number;

    const form = (overrides: Record<string, unknown> = {}): ArticleForm =>
      parseArticleForm({ title: 'Phường ra quân dọn vệ sinh', body_html: '<p>Sáng nay toàn phường ra quân.</p>', category_id: String(newsId), ...overrides });

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      reporter = (await buildUser(t.db, site, 'contributor')).actor;
      editor = (await buildUser(t.db, site, 'editor')).actor;
      leader = (await buildUser(t.db, site, 'approver')).actor;
      otherLeader = (await buildUser(t.db, site, 'approver')).actor;
      newsId = (await t.db.selectFrom('categories').select('id').where('site_id', '=', site.id).where('slug', '=', 'tin-tuc').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    it('a reporter writes a draft, submits it, and a leader publishes it with the approval on record', async () => {
      const { id } = await saveArticle(t.db, reporter, null, form());
      assert.equal((await loadArticle(t.db, reporter, id)).status, 'draft');
      assert.equal(await transitionArticle(t.db, reporter, id, 'submit'), 'submitted');
      assert.equal(await transitionArticle(t.db, leader, id, 'publish'), 'published');
      const article = await loadArticle(t.db, leader, id);
      assert.equal(article.published_by, leader.userId);
      assert.equal(article.author_id, reporter.userId);
      assert.equal((await readArticle(t.db, site, article.slug)).article.id, id);
      const trail = await new AuditRepository(t.db).forTarget(site.id, 'article', id);
      assert.deepEqual(
        trail.map((e) => [e.action, e.actor]),
        [
          ['article.created', reporter.email],
          ['article.submitted', reporter.email],
          ['article.published', leader.email],
        ],
      );
    });

    it('a contributor cannot publish, and cannot edit once submitted', async () => {
      const { id } = await saveArticle(t.db, reporter, null, form({ title: 'Bài chờ duyệt' }));
      await transitionArticle(t.db, reporter, id, 'submit');
      await assert.rejects(transitionArticle(t.db, reporter, id, 'publish'), isCode('forbidden'));
      await assert.rejects(transitionArticle(t.db, reporter, id, 'archive'), isCode('invalid_transition'));
      await assert.rejects(saveArticle(t.db, reporter, id, form({ title: 'Sửa lén' })), isCode('forbidden'));
    });

    it('returning needs a comment, and the author can then edit and resubmit', async () => {
      const { id } = await saveArticle(t.db, reporter, null, form({ title: 'Bài cần sửa' }));
      await transitionArticle(t.db, reporter, id, 'submit');
      await assert.rejects(transitionArticle(t.db, editor, id, 'return', { comment: '' }), isCode('validation_failed'));
      assert.equal(await transitionArticle(t.db, editor, id, 'return', { comment: 'Bổ sung số liệu' }), 'returned');
      assert.equal((await loadArticle(t.db, reporter, id)).return_comment, 'Bổ sung số liệu');
      await saveArticle(t.db, reporter, id, form({ title: 'Bài đã sửa' }));
      assert.equal(await transitionArticle(t.db, reporter, id, 'submit'), 'submitted');
    });

    it('nobody approves their own work, unless they force-publish with a reason that is flagged', async () => {
      const { id } = await saveArticle(t.db, leader, null, form({ title: 'Bài của lãnh đạo' }));
      await transitionArticle(t.db, leader, id, 'submit');
      await assert.rejects(transitionArticle(t.db, leader, id, 'publish'), isCode('forbidden'));
      await assert.rejects(transitionArticle(t.db, leader, id, 'force_publish', { reason: 'gấp' }), isCode('validation_failed'));
      assert.equal(await transitionArticle(t.db, leader, id, 'force_publish', { reason: 'Thông báo khẩn về bão số 3' }), 'published');
      const forced = await new ArticleAdminRepository(t.db, site.id).list({ forcedOnly: true }, 10);
      assert.deepEqual(
        forced.map((a) => a.id),
        [id],
      );
      const flagged = await new AuditRepository(t.db).list(site.id, { flaggedOnly: true }, 10);
      assert.equal(flagged[0]?.action, 'article.force_published');
      assert.match(flagged[0]!.summary, /Thông báo khẩn về bão số 3/);
    });

    it('the last person to edit an article cannot be the one who approves it', async () => {
      const { id } = await saveArticle(t.db, reporter, null, form({ title: 'Bài được lãnh đạo sửa' }));
      await transitionArticle(t.db, reporter, id, 'submit');
      await saveArticle(t.db, leader, id, form({ title: 'Bài được lãnh đạo sửa (sửa chữ)' }));
      await assert.rejects(transitionArticle(t.db, leader, id, 'publish'), isCode('forbidden'));
      assert.equal(await transitionArticle(t.db, otherLeader, id, 'publish'), 'published');
    });

    it('a future publish time schedules the article, and the job publishes it exactly once', async () => {
      const soon = new Date(Date.now() + 3_600_000);
      const local = new Date(soon.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
      const { id } = await saveArticle(t.db, reporter, null, form({ title: 'Bài hẹn giờ', publish_at: local }));
      await transitionArticle(t.db, reporter, id, 'submit');
      assert.equal(await transitionArticle(t.db, leader, id, 'publish'), 'scheduled');
      assert.equal(await publishDueArticles(t.db, new Date()), 0);
      const later = new Date(soon.getTime() + 60_000);
      const [first, second] = await Promise.all([publishDueArticles(t.db, later), publishDueArticles(t.db, later)]);
      assert.equal(first! + second!, 1);
      assert.equal((await loadArticle(t.db, leader, id)).status, 'published');
      const trail = await new AuditRepository(t.db).forTarget(site.id, 'article', id);
      assert.equal(trail.filter((e) => e.action === 'article.published').length, 1);
    });

    it('unpublish, archive, trash and restore; the trash is purged after 30 days', async () => {
      const { id } = await saveArticle(t.db, reporter, null, form({ title: 'Bài sẽ gỡ' }));
      await transitionArticle(t.db, reporter, id, 'submit');
      await transitionArticle(t.db, leader, id, 'publish');
      const slug = (await loadArticle(t.db, leader, id)).slug;
      assert.equal(await transitionArticle(t.db, leader, id, 'unpublish'), 'unpublished');
      await assert.rejects(readArticle(t.db, site, slug), isCode('article_not_found'));
      assert.equal(await transitionArticle(t.db, leader, id, 'archive'), 'archived');
      await transitionArticle(t.db, leader, id, 'trash');
      await assert.rejects(transitionArticle(t.db, leader, id, 'trash'), isCode('invalid_transition'));
      assert.equal(await purgeTrash(t.db, new Date(Date.now() + 29 * 86_400_000)), 0);
      await transitionArticle(t.db, leader, id, 'restore');
      await transitionArticle(t.db, leader, id, 'trash');
      assert.equal(await purgeTrash(t.db, new Date(Date.now() + 31 * 86_400_000)), 1);
      await assert.rejects(loadArticle(t.db, leader, id), isCode('article_not_found'));
    });

    it('every save is a revision, and restoring one is a new revision', async () => {
      const { id } = await saveArticle(t.db, reporter, null, form({ title: 'Phiên bản 1' }));
      await saveArticle(t.db, reporter, id, form({ title: 'Phiên bản 2', body_html: '<p>Nội dung mới</p>' }));
      const restored = await restoreRevision(t.db, reporter, id, 1);
      assert.equal(restored.revision, 3);
      const article = await loadArticle(t.db, reporter, id);
      assert.equal(article.title, 'Phiên bản 1');
      const list = await new RevisionRepository(t.db, site.id).list(id);
      assert.deepEqual(
        list.map((r) => [r.number, r.title, r.note]),
        [
          [3, 'Phiên bản 1', 'Khôi phục từ phiên bản 1'],
          [2, 'Phiên bản 2', ''],
          [1, 'Phiên bản 1', 'Tạo bài viết'],
        ],
      );
    });

    it('autosaves replace each other, and never change what readers see', async () => {
      const { id } = await saveArticle(t.db, reporter, null, form({ title: 'Bài đang viết' }));
      await saveArticle(t.db, reporter, id, form({ title: 'Đang gõ 1' }), { autosave: true });
      await saveArticle(t.db, reporter, id, form({ title: 'Đang gõ 2' }), { autosave: true });
      assert.equal((await new RevisionRepository(t.db, site.id).list(id)).length, 2);
      assert.equal((await loadArticle(t.db, reporter, id)).title, 'Đang gõ 2');
      await transitionArticle(t.db, reporter, id, 'submit');
      await transitionArticle(t.db, leader, id, 'publish');
      await saveArticle(t.db, otherLeader, id, form({ title: 'Bản nháp chưa xong' }), { autosave: true });
      assert.equal((await loadArticle(t.db, leader, id)).title, 'Đang gõ 2');
    });

    it('publishing refuses an image without alt text', async () => {
      const { id } = await saveArticle(t.db, reporter, null, form({ title: 'Bài có ảnh', body_html: '<p>Ảnh:</p><figure><img src="/media/x.webp"></figure>' }));
      await transitionArticle(t.db, reporter, id, 'submit');
      await assert.rejects(transitionArticle(t.db, leader, id, 'publish'), isCode('validation_failed'));
    });

    it('bad form input names each field, and the slug is unique per site', async () => {
      assert.throws(
        () => parseArticleForm({ title: '', category_id: 'x', slug: 'Có Dấu', publish_at: 'hôm nay' }),
        (error) => {
          assert.ok(error instanceof AppError);
          assert.deepEqual(error.fields.map((f) => f.field).sort(), ['category_id', 'publish_at', 'slug', 'title']);
          return true;
        },
      );
      await saveArticle(t.db, reporter, null, form({ title: 'Trùng đường dẫn', slug: 'duong-dan-rieng' }));
      await assert.rejects(saveArticle(t.db, reporter, null, form({ title: 'Khác', slug: 'duong-dan-rieng' })), isCode('validation_failed'));
    });

    it('nothing of one site can be loaded or changed through another site', async () => {
      const other = await buildSite(t.db);
      const outsider = (await buildUser(t.db, other, 'site_admin')).actor;
      const { id } = await saveArticle(t.db, reporter, null, form({ title: 'Bài của xã này' }));
      await assert.rejects(loadArticle(t.db, outsider, id), isCode('article_not_found'));
      await assert.rejects(transitionArticle(t.db, outsider, id, 'trash'), isCode('article_not_found'));
      await assert.rejects(saveArticle(t.db, outsider, id, form()), isCode('validation_failed'));
    });
  });
}
