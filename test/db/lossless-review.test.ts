import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { RevisionRepository } from '../../src/repositories/revision-repository.ts';
import { loadArticle, parseArticleForm, saveArticle } from '../../src/services/articles/article-editor.ts';
import { articleReview } from '../../src/services/articles/article-review.ts';
import { loadDocument, parseDocumentForm, saveDocument } from '../../src/services/documents/document-editor.ts';
import { documentReview } from '../../src/services/documents/document-review.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { transition } from '../../src/services/review/engine.ts';
import { reviewState } from '../../src/services/review/state.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildFileMedia, buildSite, buildUser } from '../support/factories.ts';
import { itemRevisions, submitDocument, transitionArticle } from '../support/review.ts';

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));

/**
 * Issue 21, items 1 and 2, in the services: a workflow action saves the form
 * first in its own transaction, a save over someone else's is refused, and
 * the four-eyes rule looks only at who changed the writing.
 */
for (const dialect of DIALECTS) {
  describe(`no edit is lost, and the approver sets the time [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let reporter: Actor;
    let editor: Actor;
    let leader: Actor;
    let siteAdmin: Actor;
    let newsId: number;
    let noticesId: number;
    let pdf: number;
    let counter = 0;

    const fields = (title: string, extra: Record<string, string> = {}) => ({
      title,
      body_html: '<p>Nội dung bài viết.</p>',
      category_id: String(newsId),
      ...extra,
    });
    const versionOf = async (actor: Actor, id: number) => (await reviewState(t.db, actor, articleReview, String(id))).version;
    /** A reporter's article, submitted for review. */
    async function submitted(title: string): Promise<number> {
      const { id } = await saveArticle(t.db, reporter, null, parseArticleForm(fields(title)));
      await transitionArticle(t.db, reporter, id, 'submit');
      return id;
    }
    /** What the approve button does: save what the form holds, then publish, in one transaction. */
    const approveWith = (actor: Actor, id: number, form: Record<string, string>, now = new Date()) =>
      transition(t.db, actor, articleReview, id, 'publish', { now, saveFirst: (trx) => saveArticle(trx, actor, id, parseArticleForm(form)) });

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      reporter = (await buildUser(t.db, site, 'contributor')).actor;
      editor = (await buildUser(t.db, site, 'editor')).actor;
      leader = (await buildUser(t.db, site, 'approver')).actor;
      siteAdmin = (await buildUser(t.db, site, 'site_admin')).actor;
      const categories = await t.db.selectFrom('categories').select(['id', 'slug']).where('site_id', '=', site.id).execute();
      newsId = categories.find((c) => c.slug === 'tin-tuc')!.id;
      noticesId = categories.find((c) => c.slug !== 'tin-tuc')!.id;
      pdf = await buildFileMedia(t.db, site);
    });
    after(() => t.close());

    it('a submit that carries the edited form sends the new text for review, as one revision', async () => {
      const { id } = await saveArticle(t.db, reporter, null, parseArticleForm(fields('Tiêu đề cũ')));
      const before = (await new RevisionRepository(t.db, site.id).list(id)).length;
      const edited = fields('Tiêu đề mới đã sửa', { body_html: '<p>Nội dung mới đã sửa.</p>', version: await versionOf(reporter, id) });
      const status = await transition(t.db, reporter, articleReview, id, 'submit', {
        saveFirst: (trx) => saveArticle(trx, reporter, id, parseArticleForm(edited)),
      });
      assert.equal(status, 'submitted');
      const row = await loadArticle(t.db, leader, id);
      assert.equal(row.title, 'Tiêu đề mới đã sửa');
      assert.equal(row.body_html, '<p>Nội dung mới đã sửa.</p>');
      assert.equal((await new RevisionRepository(t.db, site.id).list(id)).length, before + 1);
    });

    it('a refused action undoes the save it carried: nothing stored changes', async () => {
      const id = await submitted('Bài chờ duyệt của phóng viên');
      const before = await loadArticle(t.db, leader, id);
      // Returning needs a comment: the time typed with it is not kept either.
      const form = fields('Bài chờ duyệt của phóng viên', { publish_at: '01/01/2030 08:00' });
      await assert.rejects(
        transition(t.db, leader, articleReview, id, 'return', { saveFirst: (trx) => saveArticle(trx, leader, id, parseArticleForm(form)) }),
        isCode('validation_failed', 'comment'),
      );
      const after = await loadArticle(t.db, leader, id);
      assert.equal(after.published_at, before.published_at);
      assert.equal(after.updated_at, before.updated_at);
      assert.equal(after.status, 'submitted');
    });

    it('an approver who types a time ahead and approves schedules the article for that time', async () => {
      const id = await submitted('Lịch tiếp công dân tuần tới');
      const now = new Date('2026-12-07T02:00:00Z');
      const status = await approveWith(leader, id, fields('Lịch tiếp công dân tuần tới', { publish_at: '08/12/2026 07:30' }), now);
      assert.equal(status, 'scheduled');
      const row = await loadArticle(t.db, leader, id);
      assert.equal(row.status, 'scheduled');
      assert.equal(row.published_at, '2026-12-08T00:30:00.000Z');
    });

    it('an approver who leaves the time empty publishes at once', async () => {
      const id = await submitted('Thông báo mất điện chiều nay');
      assert.equal(await approveWith(leader, id, fields('Thông báo mất điện chiều nay')), 'published');
      assert.ok((await loadArticle(t.db, leader, id)).published_at! <= new Date().toISOString());
    });

    it('changing only the time and the category does not make the approver the author: they may still approve', async () => {
      const id = await submitted('Kết quả thi đua khen thưởng');
      await saveArticle(
        t.db,
        leader,
        id,
        parseArticleForm(fields('Kết quả thi đua khen thưởng', { publish_at: '01/01/2030 08:00', category_id: String(noticesId) })),
      );
      const state = await reviewState(t.db, leader, articleReview, String(id));
      assert.equal(state.ownWork, false);
      assert.ok(state.actions.includes('publish'));
      assert.equal(await transitionArticle(t.db, leader, id, 'publish'), 'scheduled');
      assert.equal((await loadArticle(t.db, leader, id)).category_id, noticesId);
    });

    it('changing the text does make the approver its last editor: approving it is refused and changes nothing', async () => {
      const id = await submitted('Bài cần sửa câu chữ');
      await assert.rejects(approveWith(leader, id, fields('Bài cần sửa câu chữ', { body_html: '<p>Lãnh đạo tự viết lại.</p>' })), isCode('forbidden'));
      assert.equal((await loadArticle(t.db, leader, id)).body_html, '<p>Nội dung bài viết.</p>');
      await saveArticle(t.db, editor, id, parseArticleForm(fields('Bài cần sửa câu chữ', { summary: 'Biên tập viên sửa tóm tắt.' })));
      await assert.rejects(transitionArticle(t.db, editor, id, 'return', { comment: 'Tự trả lại bài mình sửa' }), isCode('forbidden'));
    });

    it('a save made on an older version is refused with edit_conflict, and the first save stays', async () => {
      const { id } = await saveArticle(t.db, reporter, null, parseArticleForm(fields('Bài hai người cùng sửa')));
      const opened = await versionOf(editor, id);
      const first = await saveArticle(t.db, editor, id, parseArticleForm(fields('Bản của biên tập viên', { version: opened })));
      assert.notEqual(first.version, opened);
      await assert.rejects(
        saveArticle(t.db, reporter, id, parseArticleForm(fields('Bản của phóng viên', { version: opened }))),
        isCode('edit_conflict', 'version'),
      );
      await assert.rejects(
        saveArticle(t.db, reporter, id, parseArticleForm(fields('Bản tự lưu của phóng viên', { version: opened })), { autosave: true }),
        isCode('edit_conflict'),
      );
      assert.equal((await loadArticle(t.db, leader, id)).title, 'Bản của biên tập viên');
      // Knowingly saving again, on the version now stored, replaces it.
      await saveArticle(t.db, reporter, id, parseArticleForm(fields('Bản của phóng viên', { version: first.version })));
      assert.equal((await loadArticle(t.db, leader, id)).title, 'Bản của phóng viên');
    });

    it("one's own autosaves move the version along, so the next save of the same page is no conflict", async () => {
      const { id } = await saveArticle(t.db, reporter, null, parseArticleForm(fields('Bài đang gõ')));
      let version = await versionOf(reporter, id);
      for (const title of ['Bài đang gõ dở', 'Bài đang gõ dở dang']) {
        version = (await saveArticle(t.db, reporter, id, parseArticleForm(fields(title, { version })), { autosave: true })).version;
      }
      await saveArticle(t.db, reporter, id, parseArticleForm(fields('Bài đã gõ xong', { version })));
      assert.equal((await loadArticle(t.db, leader, id)).title, 'Bài đã gõ xong');
    });

    it('a document saved on an older version is refused, and an unchanged save makes no revision and no new last editor', async () => {
      const documentFields = (summary: string, version?: string) => ({
        doc_type: 'ke-hoach',
        number_symbol: `${++counter}/KH-UBND`,
        issuing_body: 'Ủy ban nhân dân xã',
        signer: 'Lê Thị Bình',
        issued_on: '05/03/2024',
        effective_on: '05/03/2024',
        summary,
        media_ids: [String(pdf)],
        ...(version === undefined ? {} : { version }),
      });
      const created = documentFields('Kế hoạch chuyển đổi số');
      const { id } = await saveDocument(t.db, reporter, null, parseDocumentForm(created));
      await submitDocument(t.db, reporter, id);
      const opened = (await reviewState(t.db, siteAdmin, documentReview, String(id))).version;
      const same = { ...created, version: opened };
      await saveDocument(t.db, siteAdmin, id, parseDocumentForm(same));
      assert.equal((await itemRevisions(t.db, site.id, documentReview, String(id))).length, 1);
      assert.equal((await reviewState(t.db, siteAdmin, documentReview, String(id))).ownWork, false);
      await saveDocument(t.db, leader, id, parseDocumentForm({ ...created, summary: 'Kế hoạch chuyển đổi số (biên tập)', version: opened }));
      await assert.rejects(
        saveDocument(t.db, siteAdmin, id, parseDocumentForm({ ...created, summary: 'Bản của lãnh đạo', version: opened })),
        isCode('edit_conflict'),
      );
      assert.equal((await loadDocument(t.db, siteAdmin, id)).summary, 'Kế hoạch chuyển đổi số (biên tập)');
    });
  });
}
