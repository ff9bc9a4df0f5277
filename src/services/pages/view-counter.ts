import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/database.ts';
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

  /** Views counted and not yet written. */
  get pendingCount(): number {
    let n = 0;
    for (const count of this.pending.values()) n += count;
    return n;
  }

  /**
   * Writes the counted views in one transaction (one commit, not one per
   * article); if it fails, nothing is written and every count is kept for the
   * next flush.
   */
  async flush(db: Kysely<Database>): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const bySite = new Map<number, Map<number, number>>();
    for (const [key, count] of batch) {
      const [siteId, articleId] = key.split(':').map(Number) as [number, number];
      let counts = bySite.get(siteId);
      if (!counts) bySite.set(siteId, (counts = new Map()));
      counts.set(articleId, count);
    }
    try {
      // A few statements per site, not one per article: the transaction holds the one SQLite
      // connection, and 5.000 single-row writes made every request wait about half a second.
      await inTransaction(db, async (trx) => {
        for (const [siteId, counts] of bySite) await new ArticleRepository(trx, siteId).addViews(counts);
      });
    } catch (error) {
      for (const [key, count] of batch) this.pending.set(key, (this.pending.get(key) ?? 0) + count);
      throw error;
    }
  }
}
