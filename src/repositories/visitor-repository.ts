import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** SQL for one site's page views per day. */
export class VisitorRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  /** Adds views to a day, creating its row the first time. */
  async addViews(day: string, views: number): Promise<void> {
    await this.db
      .insertInto('visitor_days')
      .values({ site_id: this.siteId, day, views })
      .onConflict((oc) => oc.columns(['site_id', 'day']).doUpdateSet({ views: sql<number>`visitor_days.views + ${views}` }))
      .execute();
  }

  /** Views on one day and in total. */
  async totals(day: string): Promise<{ today: number; total: number }> {
    const row = await this.db
      .selectFrom('visitor_days')
      .select([
        (eb) => eb.fn.sum<number | string | null>('views').as('total'),
        (eb) => eb.fn.sum<number | string | null>(eb.case().when('day', '=', day).then(eb.ref('views')).else(0).end()).as('today'),
      ])
      .where('site_id', '=', this.siteId)
      .executeTakeFirst();
    return { today: Number(row?.today ?? 0), total: Number(row?.total ?? 0) };
  }
}
