import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { DisclosureEntryRow } from '../../db/schema/disclosure.ts';
import { DisclosureRepository } from '../../repositories/disclosure-repository.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { documentLabel } from '../documents/document-review.ts';
import { formatDay } from '../documents/document-types.ts';
import { itemStore, moduleRules } from '../review/item-store.ts';
import type { ReviewKind } from '../review/kind.ts';
import { disclosurePaths } from './disclosure-paths.ts';
import { disclosureChanged } from './disclosure-index.ts';

/** An entry's fields as one revision keeps them (days yyyy-mm-dd, attachments by name). */
export interface DisclosureSnapshot {
  item: string;
  title: string;
  period: string;
  year: number;
  body_html: string;
  starts_on: string;
  ends_on: string | null;
  files: string[];
  documents: string[];
}

/** An entry of the site as it now stands, as a revision keeps it; null when there is none. */
async function current(db: Kysely<Database>, siteId: number, key: string): Promise<{ entry: DisclosureEntryRow; snapshot: DisclosureSnapshot } | null> {
  const repo = new DisclosureRepository(db, siteId);
  const entry = /^\d{1,10}$/.test(key) ? await repo.findById(Number(key)) : undefined;
  if (!entry) return null;
  const [item, files, documents] = await Promise.all([repo.itemById(entry.item_id), repo.files(entry.id), repo.documents(entry.id)]);
  return {
    entry,
    snapshot: {
      item: item?.name ?? '',
      title: entry.title,
      period: entry.period,
      year: entry.year,
      body_html: entry.body_html,
      starts_on: entry.starts_on,
      ends_on: entry.ends_on,
      files: files.map((f) => f.title || f.original_name),
      documents: documents.map(documentLabel),
    },
  };
}

/**
 * Công khai in the review engine, as documents are: a contributor writes and
 * submits, an approver who did not write or last edit it publishes or returns
 * it; the entries row mirrors the status, so the public side reads only
 * 'published'. A published entry is changed in place, by publishers only.
 */
export const disclosureReview: ReviewKind = {
  type: 'disclosure',
  noun: 'nội dung công khai',
  targetType: 'disclosure',
  ...moduleRules('disclosure.edit', 'disclosure.publish', 'live'),
  audit: { submit: 'disclosure.submitted', return: 'disclosure.returned', publish: 'disclosure.published', unpublish: 'disclosure.unpublished' },
  adminPath: (key) => disclosurePaths.adminEntry(key),
  store: itemStore('disclosure', {
    snapshot: async (db, siteId, key) => (await current(db, siteId, key))?.snapshot ?? null,
  }),
  diff: {
    fields: [
      { field: 'item', label: 'Mục công khai' },
      { field: 'title', label: 'Tiêu đề' },
      { field: 'period', label: 'Kỳ' },
      { field: 'year', label: 'Năm' },
      { field: 'body', label: 'Nội dung' },
      { field: 'dates', label: 'Thời hạn công khai' },
      { field: 'files', label: 'Tệp đính kèm' },
      { field: 'documents', label: 'Văn bản liên quan' },
    ],
    asText(snapshot) {
      const s = snapshot as DisclosureSnapshot;
      return {
        item: s.item,
        title: s.title,
        period: s.period,
        year: String(s.year),
        body: htmlToPlainText(s.body_html),
        dates: `${formatDay(s.starts_on)} – ${s.ends_on ? formatDay(s.ends_on) : 'thường xuyên'}`,
        files: s.files.join('\n'),
        documents: s.documents.join('\n'),
      };
    },
  },
  async publishProblems(db, siteId, key) {
    const repo = new DisclosureRepository(db, siteId);
    const entry = await repo.findById(Number(key));
    if (!entry) return [];
    const hasBody = htmlToPlainText(entry.body_html).trim().length > 0;
    const attached = (await repo.files(entry.id)).length + (await repo.documents(entry.id)).length;
    return hasBody || attached ? [] : [{ field: 'body_html', message: 'cần có nội dung hoặc tệp, văn bản đính kèm trước khi công bố' }];
  },
  async changed(db, siteId, key, item) {
    const repo = new DisclosureRepository(db, siteId);
    const entry = await repo.findById(Number(key));
    if (!entry) return;
    await repo.update(entry.id, {
      status: item.status as DisclosureEntryRow['status'],
      // The first publication's time stays, through unpublishing and republishing.
      published_at: item.status === 'published' ? (entry.published_at ?? nowIso()) : entry.published_at,
    });
    await disclosureChanged(db, siteId, entry.id);
  },
};
