import { ArticleRepository, type OtherPostRow } from '../../repositories/article-repository.ts';
import { OTHER_POSTS_COUNT, type OtherPostsReader } from '../article-reader.ts';
import { pageTags } from './page-changes.ts';

/** More sites than one installation hosts: past this, every list is read again. */
const MAX_SITES = 10_000;

/**
 * Each site's latest published posts, the rows its article pages list as
 * "Thông tin khác", kept in memory whether or not the page cache is on:
 * every article page of a site shows the same list but its own entry, so
 * an uncached article page need not query it again. A site's list is
 * dropped by the same page events as the cached pages that show it (its
 * `others` and `all` tags), in every process, so it is exactly as fresh
 * as a cached article page. One more post than the list shows is kept, so
 * that a page can leave out its own.
 */
export class LatestPosts {
  private readonly lists = new Map<number, readonly OtherPostRow[]>();
  /** Counts invalidations: a list read before one of them is not kept. */
  private generation = 0;

  /** The site's latest posts but `excludeId`, newest first, as many as "Thông tin khác" shows (a reader for readArticle). */
  readonly others: OtherPostsReader = async (db, siteId, now, excludeId) => {
    let rows = this.lists.get(siteId);
    if (!rows) {
      const generation = this.generation;
      rows = await new ArticleRepository(db, siteId).listOtherPosts(now, null, OTHER_POSTS_COUNT + 1);
      // A page event applied while the list was read may concern it.
      if (generation === this.generation) this.keep(siteId, rows);
    }
    return rows.filter((row) => row.id !== excludeId).slice(0, OTHER_POSTS_COUNT);
  };

  private keep(siteId: number, rows: readonly OtherPostRow[]): void {
    if (this.lists.size >= MAX_SITES) this.clear();
    this.lists.set(siteId, rows);
  }

  /** Drops the lists that pages with these tags show. Events are rare (an edit), so each kept site is simply checked. */
  invalidate(tags: readonly string[]): void {
    this.generation += 1;
    const stale = new Set(tags);
    for (const siteId of this.lists.keys()) {
      if (stale.has(pageTags.others(siteId)) || stale.has(pageTags.all(siteId))) this.lists.delete(siteId);
    }
  }

  clear(): void {
    this.generation += 1;
    this.lists.clear();
  }

  get size(): number {
    return this.lists.size;
  }
}
