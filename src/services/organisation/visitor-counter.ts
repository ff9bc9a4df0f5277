import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { VisitorRepository } from '../../repositories/visitor-repository.ts';
import { vietnamDayKey } from './ratings.ts';

/** Who counts as "đang truy cập": a distinct visitor seen in the last five minutes. */
export const ONLINE_WINDOW_MS = 5 * 60_000;

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
      }
    }
  }

  /** Online now, views today and views in total, with unflushed views included. */
  async figures(db: Kysely<Database>, siteId: number, now = new Date()): Promise<VisitorFigures> {
    const day = vietnamDayKey(now);
    const stored = await new VisitorRepository(db, siteId).totals(day);
    const unflushed = this.pending.get(`${siteId}:${day}`) ?? 0;
    let unflushedAll = 0;
    for (const [key, count] of this.pending) if (key.startsWith(`${siteId}:`)) unflushedAll += count;
    return { online: this.onlineNow(siteId, now), today: stored.today + unflushed, total: stored.total + unflushedAll };
  }
}
