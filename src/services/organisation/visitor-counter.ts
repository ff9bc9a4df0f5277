import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { VisitorRepository } from '../../repositories/visitor-repository.ts';
import { vietnamDayKey } from './ratings.ts';

/** Who counts as "đang truy cập": a distinct visitor seen in the last five minutes. */
export const ONLINE_WINDOW_MS = 5 * 60_000;
/** How long the stored totals are reused: every page's footer asks for the figures, so each page view must not cost a query. */
export const STORED_TOTALS_MS = 5_000;

/** The figures the footer of the statistics page shows. */
export interface VisitorFigures {
  online: number;
  today: number;
  total: number;
}

/**
 * Counts page views without cookies or personal data. Views are added up in
 * memory and written per site and day in batches, like article views.
 * "Online now" is the number of distinct visitors in the last five minutes,
 * known only by a hash of the IP with a random salt that lives in this
 * process's memory and is never stored; each process counts its own.
 */
export class VisitorCounter {
  private pending = new Map<string, number>();
  private readonly online = new Map<number, Map<string, number>>();
  private readonly salt = randomBytes(32).toString('hex');
  private readonly stored = new Map<string, { at: number; today: number; total: number }>();

  /** Counts one page view of a site by the visitor at this IP. */
  add(siteId: number, ip: string, now = new Date()): void {
    const key = `${siteId}:${vietnamDayKey(now)}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    let seen = this.online.get(siteId);
    if (!seen) this.online.set(siteId, (seen = new Map()));
    seen.set(createHash('sha256').update(`${this.salt}\n${ip}`).digest('base64url').slice(0, 22), now.getTime());
    // Bounded: forget visitors outside the window once the map grows.
    if (seen.size > 50_000) this.prune(seen, now.getTime());
  }

  private prune(seen: Map<string, number>, nowMs: number): void {
    for (const [hash, at] of seen) if (nowMs - at > ONLINE_WINDOW_MS) seen.delete(hash);
  }

  /** Distinct visitors of a site in the last five minutes, as this process saw them. */
  onlineNow(siteId: number, now = new Date()): number {
    const seen = this.online.get(siteId);
    if (!seen) return 0;
    this.prune(seen, now.getTime());
    return seen.size;
  }

  /** Writes the counted views; counts that fail to write are kept for the next flush. */
  async flush(db: Kysely<Database>): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    for (const [key, count] of batch) {
      const [siteId, day] = key.split(':') as [string, string];
      try {
        await new VisitorRepository(db, Number(siteId)).addViews(day, count);
      } catch (error) {
        this.pending.set(key, (this.pending.get(key) ?? 0) + count);
        throw error;
      } finally {
        // Written views left `pending`: totals read before this flush would now miss them.
        this.stored.clear();
      }
    }
  }

  private async storedTotals(db: Kysely<Database>, siteId: number, day: string, nowMs: number): Promise<{ today: number; total: number }> {
    const key = `${siteId}:${day}`;
    const cached = this.stored.get(key);
    if (cached && nowMs >= cached.at && nowMs - cached.at < STORED_TOTALS_MS) return cached;
    const totals = await new VisitorRepository(db, siteId).totals(day);
    if (this.stored.size > 10_000) this.stored.clear();
    this.stored.set(key, { at: nowMs, ...totals });
    return totals;
  }

  /**
   * Online now, views today and views in total, with unflushed views
   * included. The stored part is reused for up to 5 s (views other processes
   * flush show up within that).
   */
  async figures(db: Kysely<Database>, siteId: number, now = new Date()): Promise<VisitorFigures> {
    const day = vietnamDayKey(now);
    const stored = await this.storedTotals(db, siteId, day, now.getTime());
    const unflushed = this.pending.get(`${siteId}:${day}`) ?? 0;
    let unflushedAll = 0;
    for (const [key, count] of this.pending) if (key.startsWith(`${siteId}:`)) unflushedAll += count;
    return { online: this.onlineNow(siteId, now), today: stored.today + unflushed, total: stored.total + unflushedAll };
  }
}
