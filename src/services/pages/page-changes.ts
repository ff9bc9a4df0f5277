import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { ArticleRepository } from '../../repositories/article-repository.ts';
import { PageEventRepository } from '../../repositories/page-event-repository.ts';
import { SearchRepository } from '../../repositories/search-repository.ts';
import { OTHER_POSTS_COUNT } from '../article-reader.ts';
import { refreshLeadImage } from '../lead-image.ts';
import { reindexArticle } from '../search/indexer.ts';

/**
 * Which cached public pages a change makes stale, named by tags. A page is
 * cached with the tags of what it shows:
 * - `s3:all`: every page of site 3 (its menu, header and footer);
 * - `s3:home`: the home page;
 * - `s3:c7`: the listing of category 7;
 * - `s3:a42`: article 42's page and print view;
 * - `s3:others`: every article page, for its "Thông tin khác" list.
 */
export const pageTags = {
  all: (siteId: number) => `s${siteId}:all`,
  home: (siteId: number) => `s${siteId}:home`,
  category: (siteId: number, categoryId: number) => `s${siteId}:c${categoryId}`,
  article: (siteId: number, articleId: number) => `s${siteId}:a${articleId}`,
  others: (siteId: number) => `s${siteId}:others`,
};

/** Records, in the caller's transaction, that pages with these tags are stale; every process drops them. */
export async function pagesChanged(db: Kysely<Database>, tags: string[]): Promise<void> {
  if (tags.length) await new PageEventRepository(db).insert([...new Set(tags)], nowIso());
}

/**
 * What every command that changes an article does last, in its transaction:
 * brings its lead image and the search index up to date and marks stale exactly the pages that
 * showed the article before or show it now: its page, its category listings,
 * the home page, and "Thông tin khác" when it is (or was) among the latest.
 */
export async function articleChanged(db: Kysely<Database>, siteId: number, articleId: number, now = new Date()): Promise<void> {
  await refreshLeadImage(db, siteId, articleId);
  const search = new SearchRepository(db);
  const before = await search.indexedEntry('article', articleId);
  await reindexArticle(db, siteId, articleId, now);
  const after = await search.indexedEntry('article', articleId);
  const articles = new ArticleRepository(db, siteId);
  const tags = [pageTags.article(siteId, articleId)];
  for (const state of [before, after]) {
    if (!state) continue;
    tags.push(pageTags.home(siteId));
    if (state.categoryId !== null) tags.push(pageTags.category(siteId, state.categoryId));
    // "Thông tin khác" lists the latest posts but the page's own, so one more than it shows.
    if ((await articles.countPublishedAfter(now.toISOString(), state.publishedAt)) <= OTHER_POSTS_COUNT) tags.push(pageTags.others(siteId));
  }
  await pagesChanged(db, tags);
}
