import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { ArticleRepository } from '../../repositories/article-repository.ts';
import { SearchRepository } from '../../repositories/search-repository.ts';
import { reindexSiteConsultations } from '../consultations/consultation-index.ts';
import { reindexSiteDocuments } from '../documents/document-index.ts';
import { reindexSiteCampaigns } from '../relief/relief-index.ts';
import { reindexSiteDisclosures } from '../disclosure/disclosure-index.ts';
import { reindexSiteProvinceNotices } from '../province-notices/notice-changes.ts';
import { titleTerms } from './index-text.ts';
import { articleDocument } from './indexer.ts';

/**
 * Rebuilds a site's search index from its published articles, documents, relief campaigns, consultations and the province's notices shown on it,
 * in batches, reporting progress. For operators (npx xaphuong reindex) and benchmarks.
 */
export async function rebuildSearchIndex(db: Kysely<Database>, siteId: number, onProgress?: (done: number) => void, now = new Date()): Promise<number> {
  await inTransaction(db, (trx) => new SearchRepository(trx).clearSite(siteId));
  const articles = new ArticleRepository(db, siteId);
  let done = 0;
  let afterId = 0;
  for (;;) {
    const batch = await articles.publishedAfterId(now.toISOString(), afterId, 500);
    if (batch.length === 0) break;
    await inTransaction(db, async (trx) => {
      const search = new SearchRepository(trx);
      const vocabulary = new Map<string, number>();
      for (const article of batch) {
        await search.upsert(articleDocument(article), nowIso());
        for (const term of titleTerms(article.title)) vocabulary.set(term, (vocabulary.get(term) ?? 0) + 1);
      }
      await search.addTermCounts(siteId, vocabulary);
    });
    done += batch.length;
    afterId = batch.at(-1)!.id;
    onProgress?.(done);
  }
  // Documents (văn bản), relief campaigns and disclosures live in the same index.
  done += await reindexSiteDocuments(db, siteId);
  done += await reindexSiteCampaigns(db, siteId);
  done += await reindexSiteDisclosures(db, siteId);
  done += await reindexSiteConsultations(db, siteId);
  done += await reindexSiteProvinceNotices(db, siteId, now);
  onProgress?.(done);
  return done;
}
