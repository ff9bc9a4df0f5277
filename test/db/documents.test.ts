import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { DocumentRepository } from '../../src/repositories/document-repository.ts';
import { MediaRepository } from '../../src/repositories/media-repository.ts';
import { type DocumentForm, loadDocument, parseDocumentForm, saveDocument } from '../../src/services/documents/document-editor.ts';
import { type DocumentQuery, readDocument, readDocumentList } from '../../src/services/documents/document-reader.ts';
import { numberKey } from '../../src/services/documents/document-types.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { search } from '../../src/services/search/search-service.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { publishDocument, submitDocument, unpublishDocument } from '../support/review.ts';

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));

let fileCounter = 0;

/** A PDF in a site's media library, as POST /quan-tri/media would have stored it. */
async function buildFile(db: TestDatabase['db'], site: SiteRow, kind: 'file' | 'image' = 'file', name?: string): Promise<number> {
  fileCounter += 1;
  return new MediaRepository(db, site.id).insert({
    kind,
    storage_key: `${String(fileCounter).padStart(24, '0')}.${kind === 'file' ? 'pdf' : 'jpg'}`,
    original_name: name ?? `van-ban-${fileCounter}.pdf`,
    mime_type: kind === 'file' ? 'application/pdf' : 'image/jpeg',
    byte_size: 250_000,
    width: null,
    height: null,
    alt: '',
    caption: '',
    uploaded_by: null,
    deleted_at: null,
    created_at: new Date().toISOString(),
  });
}

const query = (overrides: Partial<DocumentQuery> = {}): DocumentQuery => ({ sort: { by: 'issued', direction: 'desc' }, page: 1, ...overrides });

for (const dialect of DIALECTS) {
  describe(`documents database [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let otherSite: SiteRow;
    let leader: Actor;
    let contributor: Actor;
    let otherLeader: Actor;
    let pdf: number;

    const form = (overrides: Record<string, unknown> = {}): DocumentForm =>
      parseDocumentForm({
        doc_type: 'quyet-dinh',
        number_symbol: '12/QĐ-UBND',
        issuing_body: 'Ủy ban nhân dân xã',
        signer: 'Lê Thị Bình',
        issued_on: '05/03/2024',
        effective_on: '05/03/2024',
        summary: 'Về việc thành lập Tổ công tác chuyển đổi số cộng đồng',
        field: 'Chuyển đổi số',
        media_ids: [String(pdf)],
        ...overrides,
      });

    /** A writer saves and submits a document, and an approver who did not write it publishes it; returns its id. */
    const published = async (overrides: Record<string, unknown>, writer = contributor, approver = leader) => {
      const { id } = await saveDocument(t.db, writer, null, form(overrides));
      await submitDocument(t.db, writer, id);
      await publishDocument(t.db, approver, id);
      return id;
    };

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      otherSite = await buildSite(t.db);
      leader = (await buildUser(t.db, site, 'approver')).actor;
      contributor = (await buildUser(t.db, site, 'contributor')).actor;
      otherLeader = (await buildUser(t.db, otherSite, 'approver')).actor;
      pdf = await buildFile(t.db, site);
    });
    after(() => t.close());

    it('number and symbol must look like 12/QĐ-UBND; bad input stores nothing', async () => {
      for (const bad of ['QĐ-UBND', '12', '12/', '12/QĐ UBND', '12/QĐ--UBND', 'abc/QĐ-UBND', '12/QĐ-UBND/']) {
        assert.throws(() => form({ number_symbol: bad }), isCode('validation_failed', 'number_symbol'), bad);
      }
      for (const good of ['12/QĐ-UBND', '05/KH-UBND', '123/2024/QĐ-UBND', '3/NQ-HĐND']) assert.equal(form({ number_symbol: good }).number_symbol, good);
      assert.throws(() => form({ issued_on: '31/02/2024' }), isCode('validation_failed', 'issued_on'));
      assert.throws(() => form({ expires_on: '01/01/2024' }), isCode('validation_failed', 'expires_on'));
      assert.throws(() => form({ doc_type: 'thu-tinh' }), isCode('validation_failed', 'doc_type'));
      assert.equal(await new DocumentRepository(t.db, site.id).count(), 0);
    });

    it('stores the number as typed in NFC, with a folded key for searching', async () => {
      const decomposed = '7/QĐ-UBND'.normalize('NFD');
      const { id } = await saveDocument(t.db, leader, null, form({ number_symbol: decomposed, issued_on: '01/01/2020', effective_on: '01/01/2020' }));
      const document = await loadDocument(t.db, leader, id);
      assert.equal(document.number_symbol, '7/QĐ-UBND'.normalize('NFC'));
      assert.equal(document.number_key, '7qdubnd');
      assert.equal(document.issue_year, 2020);
      assert.equal(numberKey('12 qđ ubnd'), numberKey('12/QĐ-UBND'));
    });

    it('a number and symbol is unique per site and issue year, however it is typed', async () => {
      const { id } = await saveDocument(t.db, leader, null, form({ number_symbol: '40/QĐ-UBND' }));
      await assert.rejects(
        saveDocument(t.db, leader, null, form({ number_symbol: '40/qđ-ubnd', summary: 'Bản trùng' })),
        isCode('validation_failed', 'number_symbol'),
      );
      // Another year, or another site, may reuse it.
      await saveDocument(t.db, leader, null, form({ number_symbol: '40/QĐ-UBND', issued_on: '02/01/2025', effective_on: '02/01/2025' }));
      await saveDocument(t.db, otherLeader, null, { ...form({ number_symbol: '40/QĐ-UBND' }), media_ids: [] });
      // Saving a document again does not collide with itself.
      await saveDocument(t.db, leader, id, form({ number_symbol: '40/QĐ-UBND', summary: 'Đã sửa' }));
      assert.equal((await loadDocument(t.db, leader, id)).summary, 'Đã sửa');
    });

    it('attaches only this site\u2019s library files, and replaces the set on save', async () => {
      const image = await buildFile(t.db, site, 'image');
      const foreign = await buildFile(t.db, otherSite);
      await assert.rejects(
        saveDocument(t.db, leader, null, form({ number_symbol: '41/QĐ-UBND', media_ids: [String(image)] })),
        isCode('validation_failed', 'media_ids'),
      );
      await assert.rejects(
        saveDocument(t.db, leader, null, form({ number_symbol: '41/QĐ-UBND', media_ids: [String(foreign)] })),
        isCode('validation_failed', 'media_ids'),
      );
      const second = await buildFile(t.db, site);
      const { id } = await saveDocument(t.db, leader, null, form({ number_symbol: '41/QĐ-UBND', media_ids: [String(pdf), String(second)] }));
      const repo = new DocumentRepository(t.db, site.id);
      assert.deepEqual(
        (await repo.files(id)).map((f) => f.id),
        [pdf, second],
      );
      await saveDocument(t.db, leader, id, form({ number_symbol: '41/QĐ-UBND', media_ids: [String(second)] }));
      assert.deepEqual(
        (await repo.files(id)).map((f) => f.id),
        [second],
      );
    });

    it('publishing shows the document publicly, audited; unpublishing hides it again', async () => {
      const { id } = await saveDocument(t.db, contributor, null, form({ number_symbol: '50/QĐ-UBND' }));
      await assert.rejects(readDocument(t.db, site.id, id), isCode('not_found'));
      await submitDocument(t.db, contributor, id);
      await assert.rejects(readDocument(t.db, site.id, id), isCode('not_found'));
      await publishDocument(t.db, leader, id);
      assert.equal((await readDocument(t.db, site.id, id)).files.length, 1);
      await unpublishDocument(t.db, leader, id);
      await assert.rejects(readDocument(t.db, site.id, id), isCode('not_found'));
      const trail = await new AuditRepository(t.db).forTarget(site.id, 'document', id);
      assert.deepEqual(
        trail.map((e) => e.action),
        ['document.created', 'document.submitted', 'document.published', 'document.unpublished'],
      );
      const events = await t.db.selectFrom('page_events').select('tags').execute();
      assert.ok(events.some((e) => e.tags.includes(`s${site.id}:docs`)));
    });

    it('a document cannot be published without a file', async () => {
      const { id } = await saveDocument(t.db, contributor, null, form({ number_symbol: '51/QĐ-UBND', media_ids: [] }));
      await submitDocument(t.db, contributor, id);
      await assert.rejects(publishDocument(t.db, leader, id), isCode('validation_failed', 'media_ids'));
      assert.equal((await loadDocument(t.db, leader, id)).status, 'submitted');
      await assert.rejects(readDocument(t.db, site.id, id), isCode('not_found'));
    });

    it('a contributor can write a draft but cannot publish, nor change a published document', async () => {
      const { id } = await saveDocument(t.db, contributor, null, form({ number_symbol: '52/QĐ-UBND' }));
      await submitDocument(t.db, contributor, id);
      await assert.rejects(publishDocument(t.db, contributor, id), isCode('forbidden'));
      await publishDocument(t.db, leader, id);
      await assert.rejects(unpublishDocument(t.db, contributor, id), isCode('forbidden'));
      await assert.rejects(saveDocument(t.db, contributor, id, form({ number_symbol: '52/QĐ-UBND', summary: 'Sửa lén' })), isCode('forbidden'));
      assert.notEqual((await loadDocument(t.db, leader, id)).summary, 'Sửa lén');
    });

    it('another site\u2019s documents are never visible', async () => {
      const mine = await published({ number_symbol: '60/QĐ-UBND', summary: 'Văn bản riêng của xã này' });
      await assert.rejects(loadDocument(t.db, otherLeader, mine), isCode('not_found'));
      await assert.rejects(readDocument(t.db, otherSite.id, mine), isCode('not_found'));
      await assert.rejects(publishDocument(t.db, otherLeader, mine), isCode('not_found'));
      const listing = await readDocumentList(t.db, otherSite.id, query());
      assert.ok(listing.documents.every((d) => d.site_id === otherSite.id));
      assert.equal((await readDocumentList(t.db, otherSite.id, query({ q: 'rieng cua xa nay' }))).pagination.total, 0);
    });

    it('the public list filters by every field and sorts by date and number', async () => {
      const s = await buildSite(t.db);
      const boss = (await buildUser(t.db, s, 'approver')).actor;
      const writer = (await buildUser(t.db, s, 'contributor')).actor;
      const file = String(await buildFile(t.db, s));
      const make = async (overrides: Record<string, unknown>) => {
        const { id } = await saveDocument(t.db, writer, null, form({ media_ids: [file], ...overrides }));
        await submitDocument(t.db, writer, id);
        await publishDocument(t.db, boss, id);
        return id;
      };
      const a = await make({
        number_symbol: '3/KH-UBND',
        doc_type: 'ke-hoach',
        issued_on: '10/01/2024',
        effective_on: '20/01/2024',
        signer: 'Lê Thị Bình',
        field: 'Y tế',
        summary: 'Kế hoạch tiêm chủng mở rộng năm 2024',
      });
      const b = await make({
        number_symbol: '15/QĐ-UBND',
        doc_type: 'quyet-dinh',
        issued_on: '05/02/2024',
        effective_on: '05/02/2024',
        signer: 'Trần Văn Đông',
        field: 'Đất đai',
        summary: 'Về việc thu hồi đất để làm đường',
      });
      const c = await make({
        number_symbol: '120/TB-UBND',
        doc_type: 'thong-bao',
        issued_on: '01/03/2024',
        effective_on: '15/01/2025',
        issuing_body: 'Văn phòng HĐND và UBND xã',
        signer: 'Lê Thị Bình',
        field: 'Y tế',
        summary: 'Thông báo lịch tiêm chủng',
      });
      await saveDocument(t.db, boss, null, form({ media_ids: [file], number_symbol: '99/QĐ-UBND', summary: 'Bản nháp tiêm chủng' }));
      const ids = async (overrides: Partial<DocumentQuery>) => (await readDocumentList(t.db, s.id, query(overrides))).documents.map((d) => d.id);

      assert.deepEqual(await ids({}), [c, b, a]);
      assert.deepEqual(await ids({ docType: 'ke-hoach' }), [a]);
      assert.deepEqual(await ids({ signer: 'Lê Thị Bình' }), [c, a]);
      assert.deepEqual(await ids({ field: 'Đất đai' }), [b]);
      assert.deepEqual(await ids({ issuingBody: 'Văn phòng HĐND và UBND xã' }), [c]);
      assert.deepEqual(await ids({ number: '15/qd-ubnd' }), [b]);
      assert.deepEqual(await ids({ number: '15 QĐ UBND' }), [b]);
      assert.deepEqual(await ids({ number: 'tb-ubnd' }), [c]);
      assert.deepEqual(await ids({ issuedFrom: '2024-02-01', issuedTo: '2024-02-29' }), [b]);
      assert.deepEqual(await ids({ issuedFrom: '2024-02-05' }), [c, b]);
      assert.deepEqual(await ids({ q: 'tiem chung' }), [c, a]);
      assert.deepEqual(await ids({ q: 'TIÊM chủng 2024' }), [a]);
      assert.deepEqual(await ids({ q: '100%' }), []);
      assert.deepEqual(await ids({ sort: { by: 'issued', direction: 'asc' } }), [a, b, c]);
      assert.deepEqual(await ids({ sort: { by: 'effective', direction: 'desc' } }), [c, b, a]);
      assert.deepEqual(await ids({ sort: { by: 'number', direction: 'asc' } }), [a, b, c]);
      assert.deepEqual(await ids({ sort: { by: 'number', direction: 'desc' } }), [c, b, a]);
      const listing = await readDocumentList(t.db, s.id, query());
      assert.deepEqual(listing.choices.signers, ['Lê Thị Bình', 'Trần Văn Đông']);
      assert.deepEqual(listing.choices.fields, ['Y tế', 'Đất đai'].sort());
    });

    it('site search finds a published document by summary, number and issuing body, and forgets it when unpublished', async () => {
      const id = await published({ number_symbol: '77/QĐ-UBND', issuing_body: 'Ủy ban nhân dân xã Thử', summary: 'Về việc phê duyệt danh sách hộ nghèo' });
      for (const q of ['hộ nghèo', '77/QĐ-UBND', 'ủy ban nhân dân xã thử']) {
        const outcome = await search(t.db, site, { q, page: 1, perPage: 20 });
        const hit = outcome.hits.find((h) => h.path.startsWith(`/van-ban/${id}-`));
        assert.ok(hit, q);
        assert.equal(hit.kind, 'document');
      }
      await unpublishDocument(t.db, leader, id);
      const outcome = await search(t.db, site, { q: 'hộ nghèo', page: 1, perPage: 20 });
      assert.ok(!outcome.hits.some((h) => h.path.startsWith(`/van-ban/${id}-`)));
      // Other sites never see it.
      await publishDocument(t.db, leader, id);
      assert.equal((await search(t.db, otherSite, { q: 'hộ nghèo', page: 1, perPage: 20 })).total, 0);
    });

    it('site search finds a document by the name of an attached file', async () => {
      const annex = await buildFile(t.db, site, 'file', 'Phụ lục kinh phí sửa chữa cầu Xẻo Mát.pdf');
      const id = await published({ number_symbol: '78/QĐ-UBND', summary: 'Về việc sửa chữa cầu', media_ids: [String(pdf), String(annex)] });
      const outcome = await search(t.db, site, { q: 'cau xeo mat', page: 1, perPage: 20 });
      assert.equal(outcome.total, 1);
      assert.ok(outcome.hits[0]!.path.startsWith(`/van-ban/${id}-`), outcome.hits[0]!.path);
    });
  });
}
