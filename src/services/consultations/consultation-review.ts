import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ConsultationRow } from '../../db/schema/consultations.ts';
import { ConsultationRepository } from '../../repositories/consultation-repository.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { formatDay } from '../documents/document-types.ts';
import { itemStore, moduleRules } from '../review/item-store.ts';
import type { ReviewKind } from '../review/kind.ts';
import { consultationChanged } from './consultation-index.ts';

/** A consultation's fields as one revision keeps them (days yyyy-mm-dd). */
export type ConsultationSnapshot = Pick<ConsultationRow, 'title' | 'body_html' | 'document_id' | 'media_id' | 'opens_on' | 'closes_on'>;

/** The snapshot of a consultation's own fields (not its comments or summary). */
export function consultationSnapshot(c: ConsultationSnapshot): ConsultationSnapshot {
  return { title: c.title, body_html: c.body_html, document_id: c.document_id, media_id: c.media_id, opens_on: c.opens_on, closes_on: c.closes_on };
}

async function current(db: Kysely<Database>, siteId: number, key: string): Promise<ConsultationRow | undefined> {
  return /^\d{1,10}$/.test(key) ? new ConsultationRepository(db, siteId).findById(Number(key)) : undefined;
}

/**
 * Lấy ý kiến dự thảo in the review engine, on the documents' rules: whoever
 * edits documents drafts and submits, whoever publishes documents publishes,
 * returns or withdraws; a published consultation is changed in place by
 * publishers only, as a document is. The row mirrors the status.
 */
export const consultationReview: ReviewKind = {
  type: 'consultation',
  noun: 'dự thảo lấy ý kiến',
  targetType: 'consultation',
  ...moduleRules('document.edit', 'document.publish', 'live'),
  audit: {
    submit: 'consultation.submitted',
    return: 'consultation.returned',
    publish: 'consultation.published',
    unpublish: 'consultation.unpublished',
  },
  adminPath: (key) => `/quan-tri/lay-y-kien/${key}`,
  store: itemStore('consultation', {
    snapshot: async (db, siteId, key) => {
      const found = await current(db, siteId, key);
      return found ? consultationSnapshot(found) : null;
    },
  }),
  diff: {
    fields: [
      { field: 'title', label: 'Tên dự thảo' },
      { field: 'body', label: 'Nội dung' },
      { field: 'opens_on', label: 'Ngày bắt đầu' },
      { field: 'closes_on', label: 'Ngày kết thúc' },
    ],
    asText(snapshot) {
      const s = snapshot as ConsultationSnapshot;
      return { title: s.title, body: htmlToPlainText(s.body_html), opens_on: formatDay(s.opens_on), closes_on: formatDay(s.closes_on) };
    },
  },
  async publishProblems(db, siteId, key) {
    const found = await current(db, siteId, key);
    return found && found.document_id === null && found.media_id === null
      ? [{ field: 'document_id', message: 'cần gắn văn bản dự thảo hoặc tệp dự thảo trước khi công bố' }]
      : [];
  },
  async changed(db, siteId, key, item) {
    const found = await current(db, siteId, key);
    if (!found) return;
    await new ConsultationRepository(db, siteId).update(found.id, {
      status: item.status as ConsultationRow['status'],
      published_at: item.status === 'published' ? (found.published_at ?? nowIso()) : found.published_at,
    });
    await consultationChanged(db, siteId, found.id);
  },
};
