import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { refreshLeadImage } from './lead-image.ts';
import { articlePagesChanged } from './pages/page-changes.ts';
import { reindexArticle } from './search/indexer.ts';

/**
 * What every command that changes an article does last, in its transaction:
 * brings its lead image and search entry up to date, then marks stale the
 * pages that showed it before or show it now.
 */
export async function articleChanged(db: Kysely<Database>, siteId: number, articleId: number, now = new Date()): Promise<void> {
  await refreshLeadImage(db, siteId, articleId);
  const { before, after } = await reindexArticle(db, siteId, articleId, now);
  await articlePagesChanged(db, siteId, articleId, [before, after], now);
}
