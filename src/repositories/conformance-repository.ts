import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { OrganisationPageRow, PersonRow } from '../db/schema/organisation.ts';

/** The published revision of one reviewed item of a site: null when it has a review state but nothing published. */
export interface PublishedItem {
  site_id: number;
  item_key: string;
  snapshot: string | null;
}

/** A count per site. */
export interface SiteCount {
  site_id: number;
  count: number;
}

const counted = (rows: Array<{ site_id: number; count: number | string | bigint }>): SiteCount[] =>
  rows.map((r) => ({ site_id: Number(r.site_id), count: Number(r.count) }));

/**
 * The reads of the conformance checklist, over many sites at once: each
 * method is one query for every site asked, so a province of a hundred sites
 * costs a query per check, not one per site and check. Every method is
 * scoped by the site ids it is given.
 */
export class ConformanceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** For each site with a review state of these items: the snapshot its public sees. */
  async publishedItems(siteIds: number[], itemType: string, itemKeys?: string[]): Promise<PublishedItem[]> {
    if (siteIds.length === 0 || itemKeys?.length === 0) return [];
    let query = this.db
      .selectFrom('item_reviews as r')
      .leftJoin('item_revisions as v', (join) =>
        join
          .onRef('v.site_id', '=', 'r.site_id')
          .onRef('v.item_type', '=', 'r.item_type')
          .onRef('v.item_key', '=', 'r.item_key')
          .onRef('v.number', '=', 'r.published_revision'),
      )
      .select(['r.site_id', 'r.item_key', 'v.snapshot'])
      .where('r.site_id', 'in', siteIds)
      .where('r.item_type', '=', itemType);
    if (itemKeys) query = query.where('r.item_key', 'in', itemKeys);
    return (await query.execute()).map((r) => ({ site_id: Number(r.site_id), item_key: r.item_key, snapshot: r.snapshot ?? null }));
  }

  /** The Giới thiệu pages of these sites as they stand in their tables. */
  async organisationPages(siteIds: number[]): Promise<OrganisationPageRow[]> {
    if (siteIds.length === 0) return [];
    return this.db.selectFrom('organisation_pages').selectAll().where('site_id', 'in', siteIds).execute();
  }

  /** The leaders and focal officials of these sites as they stand in their tables. */
  async people(siteIds: number[]): Promise<PersonRow[]> {
    if (siteIds.length === 0) return [];
    return this.db.selectFrom('organisation_people').selectAll().where('site_id', 'in', siteIds).execute();
  }

  /** Which of these media ids are images still in their site's library. */
  async liveMediaIds(ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.selectFrom('media').select('id').where('id', 'in', ids).where('deleted_at', 'is', null).execute();
    return new Set(rows.map((r) => Number(r.id)));
  }

  /** Entries of Lịch công tác per site between two days (yyyy-mm-dd, inclusive), as they stand in the table. */
  async calendarEntryCounts(siteIds: number[], from: string, to: string): Promise<SiteCount[]> {
    if (siteIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('calendar_entries')
      .select(['site_id', (eb) => eb.fn.countAll().as('count')])
      .where('site_id', 'in', siteIds)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('site_id')
      .execute();
    return counted(rows);
  }

  /** Rows of Lịch tiếp công dân per site, as they stand in the table. */
  async receptionSlotCounts(siteIds: number[]): Promise<SiteCount[]> {
    if (siteIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('reception_slots')
      .select(['site_id', (eb) => eb.fn.countAll().as('count')])
      .where('site_id', 'in', siteIds)
      .groupBy('site_id')
      .execute();
    return counted(rows);
  }

  /** Published documents per site issued on or after a day (yyyy-mm-dd). */
  async publishedDocumentCounts(siteIds: number[], since: string): Promise<SiteCount[]> {
    if (siteIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('documents')
      .select(['site_id', (eb) => eb.fn.countAll().as('count')])
      .where('site_id', 'in', siteIds)
      .where('status', '=', 'published')
      .where('issued_on', '>=', since)
      .groupBy('site_id')
      .execute();
    return counted(rows);
  }

  /** Per site, the questions still unanswered whose due day is before `today`, and the earliest such day. */
  async overdueQuestions(siteIds: number[], today: string): Promise<Array<SiteCount & { earliest: string }>> {
    if (siteIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('questions')
      .select(['site_id', (eb) => eb.fn.countAll().as('count'), (eb) => eb.fn.min('due_on').as('earliest')])
      .where('site_id', 'in', siteIds)
      .where('status', '!=', 'answered')
      .where('due_on', '<', today)
      .groupBy('site_id')
      .execute();
    return rows.map((r) => ({ site_id: Number(r.site_id), count: Number(r.count), earliest: String(r.earliest) }));
  }

  /** Downtime notices of these sites that started or start on or after `since` (ISO). */
  async downtimeNotices(siteIds: number[], since: string): Promise<Array<{ site_id: number; starts_at: string; created_at: string }>> {
    if (siteIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('downtime_notices')
      .select(['site_id', 'starts_at', 'created_at'])
      .where('site_id', 'in', siteIds)
      .where('starts_at', '>=', since)
      .orderBy(sql`site_id`)
      .execute();
    return rows.map((r) => ({ ...r, site_id: Number(r.site_id) }));
  }

  /** Per site, which of these built-in disclosure items have a published entry of `year` within its disclosure period on `day`. */
  async currentDisclosures(siteIds: number[], itemKeys: readonly string[], day: string, year: number): Promise<Array<{ site_id: number; item_key: string }>> {
    if (siteIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('disclosure_entries as e')
      .innerJoin('disclosure_items as i', 'i.id', 'e.item_id')
      .select(['e.site_id', 'i.builtin_key'])
      .distinct()
      .where('e.site_id', 'in', siteIds)
      .where('i.builtin_key', 'in', [...itemKeys])
      .where('i.hidden', '=', 0)
      .where('e.status', '=', 'published')
      .where('e.year', '=', year)
      .where('e.starts_on', '<=', day)
      .where((eb) => eb.or([eb('e.ends_on', 'is', null), eb('e.ends_on', '>=', day)]))
      .execute();
    return rows.map((r) => ({ site_id: Number(r.site_id), item_key: r.builtin_key }));
  }

  /** Per site, the published consultations closed before `today` whose summary is not published, and the earliest closing day. */
  async unsummarisedConsultations(siteIds: number[], today: string): Promise<Array<SiteCount & { earliest: string }>> {
    if (siteIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('consultations')
      .select(['site_id', (eb) => eb.fn.countAll().as('count'), (eb) => eb.fn.min('closes_on').as('earliest')])
      .where('site_id', 'in', siteIds)
      .where('status', '=', 'published')
      .where('closes_on', '<', today)
      .where('summary_published_at', 'is', null)
      .groupBy('site_id')
      .execute();
    return rows.map((r) => ({ site_id: Number(r.site_id), count: Number(r.count), earliest: String(r.earliest) }));
  }
}
