import { type Insertable, type Kysely, type Updateable, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type {
  ProvinceNoticeFileRow,
  ProvinceNoticeFilesTable,
  ProvinceNoticeKind,
  ProvinceNoticeRow,
  ProvinceNoticesTable,
} from '../db/schema/province-notices.ts';

/** The unit types of a province's communes, the sites its notices can go to. */
const COMMUNE_TYPES = ['xa', 'phuong', 'dac_khu'] as const;

/** A commune a notice can be shown on. */
export interface CommuneChoice {
  id: number;
  name: string;
}

/** A notice as one site shows it, with the id of its place on that site (its search entry's key). */
export interface ShownNotice extends ProvinceNoticeRow {
  placement_id: number;
}

/**
 * SQL for province notices. They belong to a province, not to one site:
 * every query names the province or the site that shows them, and a
 * notice reaches a site only through its row in province_notice_sites.
 */
export class ProvinceNoticeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The provinces that have sites, in order. */
  async provinces(): Promise<string[]> {
    const rows = await this.db.selectFrom('sites').select('province').distinct().orderBy('province').execute();
    return rows.map((r) => r.province);
  }

  /** The communes of a province, by name. */
  async communesOf(province: string): Promise<CommuneChoice[]> {
    return this.db
      .selectFrom('sites')
      .select(['id', 'name'])
      .where('province', '=', province)
      .where('unit_type', 'in', [...COMMUNE_TYPES])
      .orderBy('name')
      .orderBy('id')
      .execute();
  }

  /** Adds a notice; returns its id. */
  async insert(row: Insertable<ProvinceNoticesTable>): Promise<number> {
    const inserted = await this.db.insertInto('province_notices').values(row).returning('id').executeTakeFirstOrThrow();
    return inserted.id;
  }

  /** Changes a notice's row. */
  async update(id: number, changes: Updateable<ProvinceNoticesTable>): Promise<void> {
    await this.db.updateTable('province_notices').set(changes).where('id', '=', id).execute();
  }

  async findById(id: number): Promise<ProvinceNoticeRow | undefined> {
    return this.db.selectFrom('province_notices').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Whether a province already has a notice at this slug (other than `exceptId`). */
  async slugTaken(province: string, slug: string, exceptId = 0): Promise<boolean> {
    const row = await this.db
      .selectFrom('province_notices')
      .select('id')
      .where('province', '=', province)
      .where('slug', '=', slug)
      .where('id', '!=', exceptId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** A province's notices, newest first, with how many sites show each. */
  async listOfProvince(province: string, limit = 200): Promise<Array<ProvinceNoticeRow & { site_count: number }>> {
    const rows = await this.db
      .selectFrom('province_notices')
      .selectAll('province_notices')
      .select((eb) =>
        eb
          .selectFrom('province_notice_sites')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('province_notice_sites.notice_id', '=', 'province_notices.id')
          .as('site_count'),
      )
      .where('province', '=', province)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, site_count: Number(r.site_count ?? 0) }));
  }

  /** The sites a notice is shown on. */
  async siteIdsOf(noticeId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('province_notice_sites').select('site_id').where('notice_id', '=', noticeId).orderBy('site_id').execute();
    return rows.map((r) => r.site_id);
  }

  /** Sets the sites a notice is shown on: adds the new ones, removes those left out, keeps the rest (and their ids). */
  async setSites(noticeId: number, siteIds: number[], now: string): Promise<void> {
    const current = new Set(await this.siteIdsOf(noticeId));
    const wanted = new Set(siteIds);
    const gone = [...current].filter((id) => !wanted.has(id));
    const added = [...wanted].filter((id) => !current.has(id));
    if (gone.length) await this.db.deleteFrom('province_notice_sites').where('notice_id', '=', noticeId).where('site_id', 'in', gone).execute();
    if (added.length) {
      await this.db
        .insertInto('province_notice_sites')
        .values(added.map((siteId) => ({ notice_id: noticeId, site_id: siteId, created_at: now })))
        .execute();
    }
  }

  /** Where a notice is placed on each site: the ids that key its search entries. */
  async placementsOf(noticeId: number): Promise<Array<{ id: number; site_id: number }>> {
    return this.db.selectFrom('province_notice_sites').select(['id', 'site_id']).where('notice_id', '=', noticeId).orderBy('site_id').execute();
  }

  /** The notices placed on a site, published or not. */
  async noticeIdsPlacedOn(siteId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('province_notice_sites').select('notice_id').where('site_id', '=', siteId).execute();
    return rows.map((r) => r.notice_id);
  }

  /** A province's notices that go to every commune, also those created later. */
  async toAllOf(province: string): Promise<ProvinceNoticeRow[]> {
    return this.db.selectFrom('province_notices').selectAll().where('province', '=', province).where('to_all', '=', 1).execute();
  }

  /** The notices placed on a site, each with its placement's id. */
  private placedOn(siteId: number) {
    return this.db
      .selectFrom('province_notices')
      .innerJoin('province_notice_sites', 'province_notice_sites.notice_id', 'province_notices.id')
      .selectAll('province_notices')
      .select('province_notice_sites.id as placement_id')
      .where('province_notice_sites.site_id', '=', siteId);
  }

  /** The published notices a site shows (of one kind, or every kind). */
  private shownOn(siteId: number, kind: ProvinceNoticeKind | null, now: string) {
    let query = this.placedOn(siteId).where('province_notices.status', '=', 'published').where('province_notices.published_at', '<=', now);
    if (kind) query = query.where('province_notices.kind', '=', kind);
    return query;
  }

  /** A page of the published notices a site shows, newest first. */
  async listShownOn(siteId: number, kind: ProvinceNoticeKind | null, now: string, limit: number, offset = 0): Promise<ShownNotice[]> {
    return this.shownOn(siteId, kind, now)
      .orderBy('province_notices.published_at', 'desc')
      .orderBy('province_notices.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** The newest `limit` published notices of each kind a site shows, in one query (the home page's two blocks), newest first. */
  async latestShownByKind(siteId: number, now: string, limit: number): Promise<ShownNotice[]> {
    const ranked = this.shownOn(siteId, null, now).select(
      sql<number>`row_number() over (partition by province_notices.kind order by province_notices.published_at desc, province_notices.id desc)`.as(
        'rank_in_kind',
      ),
    );
    const rows = await this.db
      .selectFrom(ranked.as('r'))
      .selectAll()
      .where('r.rank_in_kind', '<=', limit)
      .orderBy('r.published_at', 'desc')
      .orderBy('r.id', 'desc')
      .execute();
    return rows.map(({ rank_in_kind: _, ...notice }) => notice);
  }

  /** How many published notices of a kind a site shows. */
  async countShownOn(siteId: number, kind: ProvinceNoticeKind | null, now: string): Promise<number> {
    const row = await this.shownOn(siteId, kind, now)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A published notice a site shows, by its slug. */
  async findShownBySlug(siteId: number, slug: string, now: string): Promise<ShownNotice | undefined> {
    return this.shownOn(siteId, null, now).where('province_notices.slug', '=', slug).executeTakeFirst();
  }

  /** Every notice placed on a site (published or not), newest first: what its newsroom lists. */
  async listPlacedOn(siteId: number, limit = 200): Promise<ShownNotice[]> {
    return this.placedOn(siteId).orderBy('province_notices.published_at', 'desc').orderBy('province_notices.id', 'desc').limit(limit).execute();
  }

  /** A notice's files, in the order they were attached. */
  async filesOf(noticeId: number): Promise<ProvinceNoticeFileRow[]> {
    return this.db.selectFrom('province_notice_files').selectAll().where('notice_id', '=', noticeId).orderBy('id').execute();
  }

  /** One file of a notice, by its key. */
  async fileOf(noticeId: number, fileKey: string): Promise<ProvinceNoticeFileRow | undefined> {
    return this.db.selectFrom('province_notice_files').selectAll().where('notice_id', '=', noticeId).where('file_key', '=', fileKey).executeTakeFirst();
  }

  /** Adds files to notices. */
  async insertFiles(rows: Array<Insertable<ProvinceNoticeFilesTable>>): Promise<void> {
    if (rows.length) await this.db.insertInto('province_notice_files').values(rows).execute();
  }

  /** Removes files of a notice by id (ids of other notices are ignored); returns the rows removed. */
  async deleteFiles(noticeId: number, ids: number[]): Promise<ProvinceNoticeFileRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('province_notice_files').selectAll().where('notice_id', '=', noticeId).where('id', 'in', ids).execute();
    if (rows.length)
      await this.db
        .deleteFrom('province_notice_files')
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    return rows;
  }
}
