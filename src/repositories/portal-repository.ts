import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DowntimeNoticeRow, RelatedLinkRow } from '../db/schema/organisation.ts';

/** SQL for one site's portal furniture: related-agency links and downtime notices. */
export class PortalRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  async listLinks(): Promise<RelatedLinkRow[]> {
    return this.db.selectFrom('related_links').selectAll().where('site_id', '=', this.siteId).orderBy('sort_order').orderBy('id').execute();
  }

  /** Replaces every link of the site with these, in this order. */
  async replaceLinks(links: Array<{ title: string; url: string }>, now: string): Promise<void> {
    await this.db.deleteFrom('related_links').where('site_id', '=', this.siteId).execute();
    if (links.length === 0) return;
    await this.db
      .insertInto('related_links')
      .values(links.map((l, i) => ({ site_id: this.siteId, title: l.title, url: l.url, sort_order: i, created_at: now })))
      .execute();
  }

  /** Notices that have not ended by `now`, soonest first. */
  async currentNotices(now: string): Promise<DowntimeNoticeRow[]> {
    return this.db
      .selectFrom('downtime_notices')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('ends_at', '>', now)
      .orderBy('starts_at')
      .orderBy('id')
      .execute();
  }

  /** Every notice, latest start first, for the admin list. */
  async listNotices(limit: number): Promise<DowntimeNoticeRow[]> {
    return this.db
      .selectFrom('downtime_notices')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .orderBy('starts_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async findNotice(id: number): Promise<DowntimeNoticeRow | undefined> {
    return this.db.selectFrom('downtime_notices').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async insertNotice(notice: { starts_at: string; ends_at: string; message: string; created_at: string; updated_at: string }): Promise<number> {
    const row = await this.db
      .insertInto('downtime_notices')
      .values({ ...notice, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async deleteNotice(id: number): Promise<void> {
    await this.db.deleteFrom('downtime_notices').where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }
}
