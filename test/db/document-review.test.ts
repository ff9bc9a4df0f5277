import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { DocumentRepository } from '../../src/repositories/document-repository.ts';
import { ItemReviewRepository } from '../../src/repositories/item-review-repository.ts';
import { MediaRepository } from '../../src/repositories/media-repository.ts';
import { type DocumentForm, loadDocument, parseDocumentForm, saveDocument } from '../../src/services/documents/document-editor.ts';
import { readDocument } from '../../src/services/documents/document-reader.ts';
import { documentReview } from '../../src/services/documents/document-review.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { MODULE_KINDS as REVIEW_KINDS } from '../../src/services/dashboard.ts';
import { reviewQueue } from '../../src/services/review/queue.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { diffItemRevisions, itemRevisions, publishDocument, returnDocument, submitDocument, unpublishDocument } from '../support/review.ts';

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));

for (const dialect of DIALECTS) {
  describe(`Văn bản review workflow [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let otherSite: SiteRow;
    let writer: Actor;
    let editor: Actor;
    let leader: Actor;
    let secondLeader: Actor;
    let otherLeader: Actor;
    let pdf: number;
    let counter = 0;

    const form = (overrides: Record<string, unknown> = {}): DocumentForm =>
      parseDocumentForm({
        doc_type: 'quyet-dinh',
        number_symbol: `${++counter}/QĐ-UBND`,
        issuing_body: 'Ủy ban nhân dân xã',
        signer: 'Lê Thị Bình',
        issued_on: '05/03/2024',
        effective_on: '05/03/2024',
        summary: 'Về việc thành lập Tổ công tác chuyển đổi số cộng đồng',
        media_ids: [String(pdf)],
        ...overrides,
      });
    const status = async (id: number) => (await loadDocument(t.db, leader, id)).status;
    const review = async (id: number) => (await new ItemReviewRepository(t.db, site.id).find('document', String(id)))!;
    const trail = async (id: number) => (await new AuditRepository(t.db).forTarget(site.id, 'document', id)).map((e) => e.action);
    /** Everything stored about a document, to show a refused action changed nothing. */
    const stored = async (id: number) => ({
      document: await loadDocument(t.db, leader, id),
      review: await review(id),
      revisions: (await itemRevisions(t.db, site.id, documentReview, String(id))).length,
      audit: await trail(id),
    });

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      otherSite = await buildSite(t.db);
      writer = (await buildUser(t.db, site, 'contributor')).actor;
      editor = (await buildUser(t.db, site, 'editor')).actor;
      leader = (await buildUser(t.db, site, 'approver')).actor;
      secondLeader = (await buildUser(t.db, site, 'site_admin')).actor;
      otherLeader = (await buildUser(t.db, otherSite, 'approver')).actor;
      pdf = await new MediaRepository(t.db, site.id).insert({
        kind: 'file',
        storage_key: 'a'.repeat(24) + '.pdf',
        original_name: 'quyet-dinh.pdf',
        mime_type: 'application/pdf',
        byte_size: 120_000,
        width: null,
        height: null,
        alt: '',
        caption: '',
        uploaded_by: null,
        deleted_at: null,
        created_at: new Date().toISOString(),
      });
    });
    after(() => t.close());

    it('a contributor saves a draft and submits it; the approver publishes; it goes public only then, every step audited', async () => {
      const { id } = await saveDocument(t.db, writer, null, form());
      assert.equal(await status(id), 'draft');
      await submitDocument(t.db, writer, id);
      assert.equal(await status(id), 'submitted');
      await assert.rejects(readDocument(t.db, site.id, id), isCode('not_found'));
      assert.equal(await publishDocument(t.db, leader, id), 'published');
      assert.equal((await readDocument(t.db, site.id, id)).document.id, id);
      const item = await review(id);
      assert.equal(item.published_by, leader.userId);
      assert.equal(item.published_revision, 1);
      await unpublishDocument(t.db, leader, id);
      assert.equal(await status(id), 'unpublished');
      await assert.rejects(readDocument(t.db, site.id, id), isCode('not_found'));
      // An unpublished document can go back up without a new round.
      await publishDocument(t.db, leader, id);
      assert.equal(await status(id), 'published');
      assert.deepEqual(await trail(id), ['document.created', 'document.submitted', 'document.published', 'document.unpublished', 'document.published']);
    });

    it('returning needs a comment: without one it is a clear error and nothing stored changes', async () => {
      const { id } = await saveDocument(t.db, writer, null, form());
      await submitDocument(t.db, writer, id);
      const before = await stored(id);
      for (const comment of [undefined, '', '   ', 'ok']) {
        const error = await returnDocument(t.db, leader, id, comment).catch((e: unknown) => e);
        assert.ok(isCode('validation_failed', 'comment')(error), String(comment));
        // The message is Vietnamese and says what to do.
        assert.match((error as AppError).fields[0]!.message, /nhận xét/);
      }
      assert.deepEqual(await stored(id), before);
    });

    it('a returned document shows the comment to its writer, who edits and submits it again', async () => {
      const { id } = await saveDocument(t.db, writer, null, form());
      await submitDocument(t.db, writer, id);
      assert.equal(await returnDocument(t.db, leader, id, '  Sai ngày ban hành, hãy sửa lại.  '), 'returned');
      const item = await review(id);
      assert.equal(item.status, 'returned');
      assert.equal(item.return_comment, 'Sai ngày ban hành, hãy sửa lại.');
      await saveDocument(t.db, writer, id, form({ number_symbol: (await loadDocument(t.db, leader, id)).number_symbol, issued_on: '04/03/2024' }));
      assert.equal(await status(id), 'returned');
      await submitDocument(t.db, writer, id);
      await publishDocument(t.db, leader, id);
      assert.equal((await review(id)).return_comment, '');
      const audit = await new AuditRepository(t.db).forTarget(site.id, 'document', id);
      assert.deepEqual(
        audit.map((e) => e.action),
        ['document.created', 'document.submitted', 'document.returned', 'document.updated', 'document.submitted', 'document.published'],
      );
      assert.match(audit[2]!.summary, /nhận xét: Sai ngày ban hành/);
    });

    it('nobody publishes or returns a document they wrote; nothing changes when they try', async () => {
      const { id } = await saveDocument(t.db, leader, null, form());
      await submitDocument(t.db, leader, id);
      const before = await stored(id);
      await assert.rejects(publishDocument(t.db, leader, id), isCode('forbidden'));
      await assert.rejects(returnDocument(t.db, leader, id, 'Tự trả lại bài của mình'), isCode('forbidden'));
      assert.deepEqual(await stored(id), before);
      await publishDocument(t.db, secondLeader, id);
      assert.equal(await status(id), 'published');
    });

    it('nobody publishes or returns a document they edited last, even one someone else wrote', async () => {
      const { id } = await saveDocument(t.db, writer, null, form());
      await submitDocument(t.db, writer, id);
      // A waiting document is left to approvers; this one fixes a typo and so becomes its last editor.
      await assert.rejects(saveDocument(t.db, writer, id, form({ summary: 'Sửa khi đang chờ duyệt' })), isCode('forbidden'));
      const symbol = (await loadDocument(t.db, leader, id)).number_symbol;
      await saveDocument(t.db, leader, id, form({ number_symbol: symbol, summary: 'Về việc thành lập Tổ công nghệ số cộng đồng' }));
      assert.equal(await status(id), 'submitted');
      await assert.rejects(publishDocument(t.db, leader, id), isCode('forbidden'));
      await assert.rejects(returnDocument(t.db, leader, id, 'Không được tự trả lại'), isCode('forbidden'));
      await returnDocument(t.db, secondLeader, id, 'Trích yếu cần ghi rõ hơn');
      assert.equal(await status(id), 'returned');
    });

    it('only those who may publish review; writers and editors only submit', async () => {
      const { id } = await saveDocument(t.db, editor, null, form());
      await assert.rejects(submitDocument(t.db, otherLeader, id), isCode('not_found'));
      await submitDocument(t.db, editor, id);
      const before = await stored(id);
      await assert.rejects(publishDocument(t.db, editor, id), isCode('forbidden'));
      await assert.rejects(publishDocument(t.db, writer, id), isCode('forbidden'));
      await assert.rejects(returnDocument(t.db, writer, id, 'Tôi không có quyền trả lại'), isCode('forbidden'));
      await assert.rejects(publishDocument(t.db, otherLeader, id), isCode('not_found'));
      assert.deepEqual(await stored(id), before);
      await publishDocument(t.db, leader, id);
      await assert.rejects(unpublishDocument(t.db, writer, id), isCode('forbidden'));
      await assert.rejects(saveDocument(t.db, writer, id, form({ summary: 'Sửa văn bản đã công bố' })), isCode('forbidden'));
    });

    it('each action starts only from its statuses, with a clear error otherwise', async () => {
      const { id } = await saveDocument(t.db, writer, null, form());
      const before = await stored(id);
      await assert.rejects(publishDocument(t.db, leader, id), isCode('invalid_transition'));
      await assert.rejects(returnDocument(t.db, leader, id, 'Chưa gửi mà đã trả'), isCode('invalid_transition'));
      await assert.rejects(unpublishDocument(t.db, leader, id), isCode('invalid_transition'));
      assert.deepEqual(await stored(id), before);
      await submitDocument(t.db, writer, id);
      await assert.rejects(submitDocument(t.db, writer, id), isCode('invalid_transition'));
      await publishDocument(t.db, leader, id);
      const error = await submitDocument(t.db, writer, id).catch((e: unknown) => e);
      assert.ok(isCode('invalid_transition')(error));
      assert.match((error as AppError).message, /Đã xuất bản/);
    });

    it('every save is a revision, listed with its author, and any two compare word by word', async () => {
      const { id } = await saveDocument(t.db, writer, null, form({ summary: 'Về việc thành lập Tổ công tác' }));
      const symbol = (await loadDocument(t.db, leader, id)).number_symbol;
      await saveDocument(
        t.db,
        writer,
        id,
        form({ number_symbol: symbol, summary: 'Về việc giải thể Tổ công tác', issued_on: '06/03/2024', effective_on: '06/03/2024' }),
      );
      const revisions = await itemRevisions(t.db, site.id, documentReview, String(id));
      assert.deepEqual(
        revisions.map((r) => r.number),
        [2, 1],
      );
      assert.deepEqual(
        revisions.map((r) => r.author_name),
        [writer.displayName, writer.displayName],
      );
      assert.equal(JSON.parse(revisions[1]!.snapshot).files[0], 'quyet-dinh.pdf');
      const diff = diffItemRevisions(documentReview, revisions[1]!, revisions[0]!);
      const summary = diff.find((d) => d.field === 'summary')!;
      assert.ok(summary.changed);
      assert.deepEqual(
        summary.parts.filter((p) => p.kind === 'removed').map((p) => p.text),
        ['thành', 'lập'],
      );
      assert.deepEqual(
        summary.parts.filter((p) => p.kind === 'added').map((p) => p.text),
        ['giải', 'thể'],
      );
      assert.equal(
        summary.parts
          .filter((p) => p.kind !== 'added')
          .map((p) => p.text)
          .join(''),
        'Về việc thành lập Tổ công tác',
      );
      assert.equal(diff.find((d) => d.field === 'issued_on')!.parts.find((p) => p.kind === 'added')!.text, '06/03/2024');
      assert.equal(diff.find((d) => d.field === 'signer')!.changed, false);
      // Another site sees no revisions of it.
      assert.equal((await itemRevisions(t.db, otherSite.id, documentReview, String(id))).length, 0);
    });

    it('a document saved before the workflow keeps its state and can be reviewed', async () => {
      const repo = new DocumentRepository(t.db, site.id);
      const now = new Date().toISOString();
      const id = await repo.insert({
        doc_type: 'thong-bao',
        number_symbol: '900/TB-UBND',
        number_key: '900tbubnd',
        number_value: 900,
        issue_year: 2023,
        issuing_body: 'UBND xã',
        signer: 'Lê Văn Cũ',
        issued_on: '2023-01-02',
        effective_on: '2023-01-02',
        expires_on: null,
        summary: 'Thông báo cũ',
        field: '',
        search_text: 'thong bao cu',
        status: 'published',
        published_at: now,
        created_by: writer.userId,
        updated_by: writer.userId,
        created_at: now,
        updated_at: now,
      });
      await repo.setFiles(id, [pdf]);
      await unpublishDocument(t.db, leader, id);
      assert.equal(await status(id), 'unpublished');
      const revisions = await itemRevisions(t.db, site.id, documentReview, String(id));
      assert.equal(revisions.length, 1);
      assert.equal(JSON.parse(revisions[0]!.snapshot).summary, 'Thông báo cũ');
    });

    it('the approver\u2019s queue lists waiting documents of this site only, marking their own', async () => {
      const s = await buildSite(t.db);
      const w = (await buildUser(t.db, s, 'contributor')).actor;
      const boss = (await buildUser(t.db, s, 'approver')).actor;
      const fileId = await new MediaRepository(t.db, s.id).insert({
        kind: 'file',
        storage_key: 'b'.repeat(24) + '.pdf',
        original_name: 'kh.pdf',
        mime_type: 'application/pdf',
        byte_size: 1,
        width: null,
        height: null,
        alt: '',
        caption: '',
        uploaded_by: null,
        deleted_at: null,
        created_at: new Date().toISOString(),
      });
      const a = (await saveDocument(t.db, w, null, form({ media_ids: [String(fileId)] }))).id;
      const b = (await saveDocument(t.db, boss, null, form({ media_ids: [String(fileId)] }))).id;
      await saveDocument(t.db, w, null, form({ media_ids: [String(fileId)] }));
      await submitDocument(t.db, w, a);
      await submitDocument(t.db, boss, b);
      const queue = await reviewQueue(t.db, boss, REVIEW_KINDS);
      assert.deepEqual(
        queue.map((q) => [q.item.item_key, q.own]),
        [
          [String(a), false],
          [String(b), true],
        ],
      );
      assert.match(queue[0]!.item.title, /^Quyết định \d+\/QĐ-UBND$/);
      assert.equal(queue[0]!.kind.adminPath(queue[0]!.item.item_key), `/quan-tri/van-ban/${a}`);
      assert.deepEqual(await reviewQueue(t.db, w, REVIEW_KINDS), []);
      assert.ok((await reviewQueue(t.db, otherLeader, REVIEW_KINDS)).every((q) => q.item.site_id === otherSite.id));
    });
  });
}
