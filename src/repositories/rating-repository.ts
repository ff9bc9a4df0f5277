import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { RatingRow } from '../db/schema/organisation.ts';

/** SQL for one site's anonymous satisfaction ratings and their per-visitor daily limit. */
export class RatingRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  async insert(rating: { path: string; rating: number; comment: string; created_at: string }): Promise<void> {
    await this.db
      .insertInto('satisfaction_ratings')
      .values({ ...rating, site_id: this.siteId })
      .execute();
  }

  /** How many ratings this hashed visitor sent on this day. */
  async sentToday(day: string, ipHash: string): Promise<number> {
    const row = await this.db
      .selectFrom('rating_limits')
      .select('count')
      .where('site_id', '=', this.siteId)
      .where('day', '=', day)
      .where('ip_hash', '=', ipHash)
      .executeTakeFirst();
    return row?.count ?? 0;
  }

  /** Counts one more rating for this hashed visitor and day. */
  async countSent(day: string, ipHash: string): Promise<void> {
    await this.db
      .insertInto('rating_limits')
      .values({ site_id: this.siteId, day, ip_hash: ipHash, count: 1 })
      .onConflict((oc) => oc.columns(['site_id', 'day', 'ip_hash']).doUpdateSet({ count: sql<number>`rating_limits.count + 1` }))
      .execute();
  }

  /** Forgets the limits of days before this one: yesterday's hashes serve no purpose. */
  async pruneLimitsBefore(day: string): Promise<void> {
    await this.db.deleteFrom('rating_limits').where('site_id', '=', this.siteId).where('day', '<', day).execute();
  }

  /** How many ratings of each value (1–5). */
  async countsByRating(): Promise<Array<{ rating: number; n: number }>> {
    const rows = await this.db
      .selectFrom('satisfaction_ratings')
      .select(['rating', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('site_id', '=', this.siteId)
      .groupBy('rating')
      .execute();
    return rows.map((r) => ({ rating: Number(r.rating), n: Number(r.n) }));
  }

  /** Ratings per page path, most rated first. */
  async byPath(limit: number): Promise<Array<{ path: string; n: number; sum: number }>> {
    const rows = await this.db
      .selectFrom('satisfaction_ratings')
      .select(['path', (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.sum<number | string>('rating').as('total')])
      .where('site_id', '=', this.siteId)
      .groupBy('path')
      .orderBy('n', 'desc')
      .orderBy('path')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ path: r.path, n: Number(r.n), sum: Number(r.total) }));
  }

  /** The latest ratings that carry a comment. */
  async latestComments(limit: number): Promise<RatingRow[]> {
    return this.db
      .selectFrom('satisfaction_ratings')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('comment', '<>', '')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}

/** SQL for the installation's random secrets; not scoped by site, like sites themselves. */
export class PrivacySaltRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(name: string): Promise<string | undefined> {
    return (await this.db.selectFrom('privacy_salts').select('value').where('name', '=', name).executeTakeFirst())?.value;
  }

  /** Stores a salt unless another process stored one first. */
  async insertIfMissing(name: string, value: string, now: string): Promise<void> {
    await this.db
      .insertInto('privacy_salts')
      .values({ name, value, created_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
}
