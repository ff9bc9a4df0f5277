import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { DisclosureEntryRow } from '../../db/schema/disclosure.ts';
import { DisclosureRepository } from '../../repositories/disclosure-repository.ts';
import { type IndexedDocument, SearchRepository } from '../../repositories/search-repository.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { documentLabel } from '../documents/document-review.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { titleTerms } from '../search/index-text.ts';
import { disclosurePaths, disclosureTag } from './disclosure-paths.ts';

/** The kind disclosure entries carry in site search: the same as disclosure categories', so the "Công khai" filter finds both. */
export const DISCLOSURE_SEARCH_KIND = 'disclosure';

/** The site-search entry of a published disclosure: found by its title, item, period, body and the names of what it attaches. */
async function indexEntry(repo: DisclosureRepository, entry: DisclosureEntryRow): Promise<IndexedDocument> {
  const [item, files, documents] = await Promise.all([repo.itemById(entry.item_id), repo.files(entry.id), repo.documents(entry.id)]);
  const body = [
    item?.name ?? '',
    entry.period,
    htmlToPlainText(entry.body_html),
    ...files.map((f) => f.title || f.original_name),
    ...documents.map(documentLabel),
  ];
  return {
    siteId: entry.site_id,
    source: 'disclosure',
    refId: entry.id,
    kind: DISCLOSURE_SEARCH_KIND,
    categoryId: null,
    publishedAt: entry.published_at ?? entry.updated_at,
    title: entry.title,
    body: body.filter(Boolean).join('\n'),
    path: disclosurePaths.entry(item?.slug ?? 'muc', entry),
  };
}

/**
 * What every command that changes an entry does last, in its transaction:
 * brings its search entry up to date (present only while published) and,
 * when it is or was public, marks the Công khai pages and the home page stale.
 */
export async function disclosureChanged(db: Kysely<Database>, siteId: number, entryId: number): Promise<void> {
  const search = new SearchRepository(db);
  const before = await search.indexedEntry('disclosure', entryId);
  if (before) await search.adjustTerms(before.siteId, titleTerms(before.title), -1);
  const repo = new DisclosureRepository(db, siteId);
  const entry = await repo.findById(entryId);
  if (entry?.status === 'published') {
    const indexed = await indexEntry(repo, entry);
    await search.upsert(indexed, nowIso());
    await search.adjustTerms(siteId, titleTerms(indexed.title), 1);
  } else {
    await search.remove('disclosure', entryId);
  }
  if (before || entry?.status === 'published') await pagesChanged(db, [disclosureTag(siteId), pageTags.home(siteId)]);
}

/** Adds a site's published entries to the search index, in batches; for rebuilding the whole index. */
export async function reindexSiteDisclosures(db: Kysely<Database>, siteId: number): Promise<number> {
  let done = 0;
  let afterId = 0;
  for (;;) {
    const batch = await new DisclosureRepository(db, siteId).publishedAfterId(afterId, 500);
    if (batch.length === 0) break;
    await inTransaction(db, async (trx) => {
      const repo = new DisclosureRepository(trx, siteId);
      const search = new SearchRepository(trx);
      for (const entry of batch) {
        const indexed = await indexEntry(repo, entry);
        await search.upsert(indexed, nowIso());
        await search.adjustTerms(siteId, titleTerms(indexed.title), 1);
      }
    });
    done += batch.length;
    afterId = batch.at(-1)!.id;
  }
  return done;
}
