import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ArticleRepository } from '../../repositories/article-repository.ts';

/**
 * Counts article views in memory and writes them in batches, so a page
 * served from the cache still counts, and a rush on one storm notice is one
 * UPDATE every few seconds instead of one per reader.
 */
export class ViewCounter {
  private pending = new Map<string, number>();

  add(siteId: number, articleId: number): void {
    const key = `${siteId}:${articleId}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  /** Writes the counted views; counts that fail to write are kept for the next flush. */
  async flush(db: Kysely<Database>): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    for (const [key, count] of batch) {
      const [siteId, articleId] = key.split(':').map(Number) as [number, number];
      try {
        await new ArticleRepository(db, siteId).addViews(articleId, count);
      } catch (error) {
        this.pending.set(key, (this.pending.get(key) ?? 0) + count);
        throw error;
      }
    }
  }
}
