import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { DocumentRow } from '../../db/schema/documents.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { itemStore, moduleRules } from '../review/item-store.ts';
import type { ReviewKind } from '../review/kind.ts';
import { documentChanged } from './document-index.ts';
import { documentTypeName, formatDay } from './document-types.ts';

/** A document's fields as one revision keeps them (days yyyy-mm-dd, files by name). */
export type DocumentSnapshot = Pick<
  DocumentRow,
  'doc_type' | 'number_symbol' | 'issuing_body' | 'signer' | 'issued_on' | 'effective_on' | 'expires_on' | 'summary' | 'field'
> & { files: string[] };

/** What lists and the audit log call a document: "Quyết định 12/QĐ-UBND". */
export const documentLabel = (d: Pick<DocumentRow, 'doc_type' | 'number_symbol'>) => `${documentTypeName(d.doc_type)} ${d.number_symbol}`;

/** The snapshot of a document and its attached files. */
export function documentSnapshot(d: Omit<DocumentSnapshot, 'files'>, files: Pick<MediaRow, 'title' | 'original_name'>[]): DocumentSnapshot {
  return {
    doc_type: d.doc_type,
    number_symbol: d.number_symbol,
    issuing_body: d.issuing_body,
    signer: d.signer,
    issued_on: d.issued_on,
    effective_on: d.effective_on,
    expires_on: d.expires_on,
    summary: d.summary,
    field: d.field,
    files: files.map((f) => f.title || f.original_name),
  };
}

/** A document of the site as it now stands, with its snapshot (what a revision keeps); null when there is none. */
async function current(db: Kysely<Database>, siteId: number, key: string): Promise<{ document: DocumentRow; snapshot: DocumentSnapshot } | null> {
  const repo = new DocumentRepository(db, siteId);
  const document = /^\d{1,10}$/.test(key) ? await repo.findById(Number(key)) : undefined;
  return document ? { document, snapshot: documentSnapshot(document, await repo.files(document.id)) } : null;
}

/**
 * Văn bản in the review engine: a contributor writes and submits, an
 * approver who did not write or last edit it publishes or returns it. The
 * documents row mirrors the status, so the public side reads only 'published'.
 * Unlike articles, a published document is changed in place, by publishers only: its public page reads the row itself.
 */
export const documentReview: ReviewKind = {
  type: 'document',
  noun: 'văn bản',
  targetType: 'document',
  ...moduleRules('document.edit', 'document.publish', 'live'),
  audit: { submit: 'document.submitted', return: 'document.returned', publish: 'document.published', unpublish: 'document.unpublished' },
  adminPath: (key) => `/quan-tri/van-ban/${key}`,
  store: itemStore('document', {
    snapshot: async (db, siteId, key) => (await current(db, siteId, key))?.snapshot ?? null,
    async legacy(db, siteId, key) {
      const found = await current(db, siteId, key);
      if (!found) return null;
      const { document, snapshot } = found;
      return { title: documentLabel(document), status: document.status, createdBy: document.created_by, updatedBy: document.updated_by, snapshot };
    },
  }),
  diff: {
    fields: [
      { field: 'doc_type', label: 'Loại văn bản' },
      { field: 'number_symbol', label: 'Số, ký hiệu' },
      { field: 'issuing_body', label: 'Cơ quan ban hành' },
      { field: 'signer', label: 'Người ký' },
      { field: 'issued_on', label: 'Ngày ban hành' },
      { field: 'effective_on', label: 'Ngày có hiệu lực' },
      { field: 'expires_on', label: 'Ngày hết hiệu lực' },
      { field: 'summary', label: 'Trích yếu' },
      { field: 'field', label: 'Lĩnh vực' },
      { field: 'files', label: 'Tệp đính kèm' },
    ],
    asText(snapshot) {
      const s = snapshot as DocumentSnapshot;
      return {
        doc_type: documentTypeName(s.doc_type),
        number_symbol: s.number_symbol,
        issuing_body: s.issuing_body,
        signer: s.signer,
        issued_on: formatDay(s.issued_on),
        effective_on: formatDay(s.effective_on),
        expires_on: s.expires_on ? formatDay(s.expires_on) : '',
        summary: s.summary,
        field: s.field,
        files: s.files.join('\n'),
      };
    },
  },
  async publishProblems(db, siteId, key) {
    const files = await new DocumentRepository(db, siteId).files(Number(key));
    return files.length === 0 ? [{ field: 'media_ids', message: 'cần đính kèm ít nhất một tệp trước khi công bố' }] : [];
  },
  async changed(db, siteId, key, item) {
    const repo = new DocumentRepository(db, siteId);
    const id = Number(key);
    const document = await repo.findById(id);
    if (!document) return;
    await repo.update(id, {
      status: item.status as DocumentRow['status'],
      // The first publication's time stays, through unpublishing and republishing.
      published_at: item.status === 'published' ? (document.published_at ?? nowIso()) : document.published_at,
    });
    await documentChanged(db, siteId, id);
  },
};
