import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ConsultationRow } from '../../db/schema/consultations.ts';
import { ConsultationRepository } from '../../repositories/consultation-repository.ts';
import { type IndexedDocument, SearchRepository } from '../../repositories/search-repository.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { formatDay } from '../documents/document-types.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { titleTerms } from '../search/index-text.ts';
import { consultationPaths, consultationsTag } from './consultation-phase.ts';

/** The kind consultations carry in site search, and the name its filter shows. */
export const CONSULTATION_SEARCH_KIND = 'consultation';

/** The site-search entry of a published consultation: found by its title, its text, its period and its summary. */
export function consultationIndexEntry(c: ConsultationRow): IndexedDocument {
  const period = `Lấy ý kiến từ ngày ${formatDay(c.opens_on)} đến ngày ${formatDay(c.closes_on)}`;
  const summary = c.summary_published_at ? htmlToPlainText(c.summary_html) : '';
  return {
    siteId: c.site_id,
    source: 'consultation',
    refId: c.id,
    kind: CONSULTATION_SEARCH_KIND,
    categoryId: null,
    publishedAt: c.published_at ?? c.updated_at,
    title: c.title,
    body: [htmlToPlainText(c.body_html), period, summary].filter(Boolean).join('\n'),
    path: consultationPaths.detail(c),
  };
}

/**
 * What every command that changes a consultation does last, in its
 * transaction: brings its search entry up to date (present only while
 * published) and, when it is or was public, marks its pages stale.
 */
export async function consultationChanged(db: Kysely<Database>, siteId: number, id: number): Promise<void> {
  const search = new SearchRepository(db);
  const before = await search.indexedEntry('consultation', id);
  if (before) await search.adjustTerms(before.siteId, titleTerms(before.title), -1);
  const found = await new ConsultationRepository(db, siteId).findById(id);
  if (found?.status === 'published') {
    const entry = consultationIndexEntry(found);
    await search.upsert(entry, nowIso());
    await search.adjustTerms(siteId, titleTerms(entry.title), 1);
  } else {
    await search.remove('consultation', id);
  }
  if (before || found?.status === 'published') await pagesChanged(db, [consultationsTag(siteId), pageTags.home(siteId)]);
}

/** Adds a site's published consultations to the search index, in batches; for rebuilding the whole index. */
export async function reindexSiteConsultations(db: Kysely<Database>, siteId: number): Promise<number> {
  const repo = new ConsultationRepository(db, siteId);
  let done = 0;
  let afterId = 0;
  for (;;) {
    const batch = await repo.publishedAfterId(afterId, 500);
    if (batch.length === 0) break;
    await inTransaction(db, async (trx) => {
      const search = new SearchRepository(trx);
      for (const c of batch) {
        const entry = consultationIndexEntry(c);
        await search.upsert(entry, nowIso());
        await search.adjustTerms(siteId, titleTerms(entry.title), 1);
      }
    });
    done += batch.length;
    afterId = batch.at(-1)!.id;
  }
  return done;
}
