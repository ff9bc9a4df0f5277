import { type Kysely, sql } from 'kysely';
import type { ArticleRow, CategoryKind, Database, SiteRow } from '../db/schema.ts';

/** What a province list shows of a commune's article, with its category. */
export interface ProvinceFeedRow extends Pick<ArticleRow, 'id' | 'site_id' | 'title' | 'slug' | 'summary' | 'published_at' | 'created_at' | 'is_demo'> {
  category_name: string;
  category_kind: CategoryKind;
}

/** Where a page of a feed starts: after the article with this date and id (newest first). */
export interface FeedCursor {
  publishedAt: string;
  id: number;
}

/** A site of the province with the host its links go to. */
export interface CommuneRow extends SiteRow {
  primary_host: string | null;
}

/**
 * SQL for a province portal (the site of kind "tinh"): its communes (the
 * other sites of the same province) and what they publish, read across
 * sites. Every query is bound to site ids the caller took from communesOf,
 * so it never reaches another province.
 */
export class ProvinceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The province's own portal, if it has one. */
  async portalOf(province: string): Promise<SiteRow | undefined> {
    return this.db.selectFrom('sites').selectAll().where('province', '=', province).where('unit_type', '=', 'tinh').orderBy('id').executeTakeFirst();
  }

  /** Every commune and ward of a province (not its portal), with its primary host. */
  async communesOf(province: string): Promise<CommuneRow[]> {
    return this.db
      .selectFrom('sites')
      .selectAll('sites')
      .select((eb) =>
        eb
          .selectFrom('site_hosts')
          .select('site_hosts.host')
          .whereRef('site_hosts.site_id', '=', 'sites.id')
          .orderBy('site_hosts.is_primary', 'desc')
          .orderBy('site_hosts.host')
          .limit(1)
          .as('primary_host'),
      )
      .where('sites.province', '=', province)
      .where('sites.unit_type', '!=', 'tinh')
      .execute();
  }

  /** The ids of these sites' categories of a kind: what a province list reads. */
  async categoryIds(siteIds: readonly number[], kind: CategoryKind): Promise<number[]> {
    if (siteIds.length === 0) return [];
    const rows = await this.db.selectFrom('categories').select('id').where('site_id', 'in', siteIds).where('kind', '=', kind).execute();
    return rows.map((r) => r.id);
  }

  /**
   * The newest published articles of some categories (of several sites),
   * after a cursor, at most `limit`. Several categories are read newest
   * first from articles_province_feed (0090: status, date, id, deletion,
   * category), so the walk stops after `limit` matches; the unary plus keeps
   * SQLite from reading every listed category's articles by their own index
   * and sorting them all. One category reads its own listing index.
   */
  async latestIn(categoryIds: readonly number[], now: string, limit: number, after: FeedCursor | null): Promise<ProvinceFeedRow[]> {
    if (categoryIds.length === 0) return [];
    let q = this.db
      .selectFrom('articles')
      .innerJoin('categories', 'categories.id', 'articles.category_id')
      .select([
        'articles.id',
        'articles.site_id',
        'articles.title',
        'articles.slug',
        'articles.summary',
        'articles.published_at',
        'articles.created_at',
        'articles.is_demo',
        'categories.name as category_name',
        'categories.kind as category_kind',
      ])
      .where('articles.status', '=', 'published')
      .where('articles.deleted_at', 'is', null)
      .where('articles.published_at', '<=', after && after.publishedAt < now ? after.publishedAt : now)
      .where(categoryIds.length === 1 ? 'articles.category_id' : sql<number>`+articles.category_id`, 'in', categoryIds);
    if (after) {
      // The plain bound above starts the index range at the cursor; this breaks ties of the same instant.
      q = q.where((eb) =>
        eb.or([
          eb('articles.published_at', '<', after.publishedAt),
          eb.and([eb('articles.published_at', '=', after.publishedAt), eb('articles.id', '<', after.id)]),
        ]),
      );
    }
    return q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
  }
}
