import { type Compilable, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { CompiledOnce } from '../db/compiled-query.ts';
import { likePattern } from './like.ts';
import type { ArticleRow, ArticleUpdate, CategoryKind, Database, NewArticle } from '../db/schema.ts';

/** The category fields every public read of an article carries. */
interface CategoryFields {
  category_slug: string;
  category_name: string;
  category_kind: CategoryKind;
}

/** An article row with its category: all but the folded search text. */
export interface ArticleWithCategory extends Omit<ArticleRow, 'search_text'>, CategoryFields {}

/**
 * What a listing shows of an article. The body and the folded search text
 * weigh most of a row, and a list of eight or ten never reads them: leaving
 * them out made the "Thông tin khác" query three times cheaper.
 */
const LISTED_COLUMNS = [
  'id',
  'site_id',
  'category_id',
  'title',
  'slug',
  'summary',
  'writer',
  'published_at',
  'featured_media_id',
  'lead_media_id',
  'is_featured',
  'is_demo',
  'created_at',
  'updated_at',
] as const;

/** An article in a listing (home, category, feeds, "Thông tin khác", the API's list). */
export interface ListedArticle extends Pick<ArticleRow, (typeof LISTED_COLUMNS)[number]>, CategoryFields {}

/** Every column but the folded search text: for the index and the newsroom. */
const ALL_COLUMNS = [
  ...LISTED_COLUMNS,
  'photographer',
  'status',
  'body_html',
  'source_key',
  'featured_until',
  'author_id',
  'submitted_at',
  'submitted_by',
  'published_by',
  'return_comment',
  'force_published',
  'force_reason',
  'deleted_at',
  'deleted_by',
  'preview_token',
  'preview_expires_at',
] as const;

/**
 * What an article's public page (and the API) shows of it. Turning each
 * column of a row into a JS value is most of what a short query costs
 * here, so a page reads only these.
 */
const PUBLIC_COLUMNS = [
  'id',
  'site_id',
  'category_id',
  'title',
  'slug',
  'summary',
  'body_html',
  'writer',
  'photographer',
  'published_at',
  'featured_media_id',
  'lead_media_id',
  'is_demo',
  'created_at',
  'updated_at',
] as const;

/** An article as its public page reads it, with its category and views. */
export interface PublicArticle extends Pick<ArticleRow, (typeof PUBLIC_COLUMNS)[number]>, CategoryFields {
  view_count: number;
  /** The former commune a merged ward's article came from ("Phường 1"), if any. */
  former_unit?: string | null;
  former_unit_slug?: string | null;
}

/** What an entry of "Thông tin khác" shows: five columns, where a listing reads thirteen and its category. */
const OTHER_POST_COLUMNS = ['id', 'title', 'slug', 'published_at', 'created_at'] as const;
export type OtherPostRow = Pick<ArticleRow, (typeof OTHER_POST_COLUMNS)[number]>;

const qualified = <C extends string>(columns: readonly C[]) => columns.map((c) => `articles.${c}` as const);
const CATEGORY_SELECT = ['categories.slug as category_slug', 'categories.name as category_name', 'categories.kind as category_kind'] as const;

/**
 * An article's views (see ArticleViewsTable), 0 before its first reader,
 * for a query that has left-joined article_views on the article (as
 * publicBySlug does): one row at most, by its primary key.
 */
export const viewCount = sql<number>`coalesce(${sql.ref('article_views.views')}, 0)`.as('view_count');

/** The most articles one statement of a view flush carries (two parameters each). */
const VIEW_BATCH_MAX = 512;

/** What a published listing can be narrowed by. */
export interface PublishedFilter {
  categoryId?: number;
  categoryKind?: CategoryKind;
  excludeId?: number;
  featuredOnly?: boolean;
  /** Only articles a merged ward took in from this former unit. */
  formerUnitId?: number;
  /** Folded words that must all appear in the folded text. */
  foldedWords?: string[];
}

/**
 * Adds each article's category, for the queries that show it. The others
 * ("Thông tin khác", counts, the sitemap) do without the join: every
 * article has a category (a foreign key).
 */
function withCategory<O>(query: SelectQueryBuilder<Database, 'articles', O>) {
  return query.innerJoin('categories', 'categories.id', 'articles.category_id').select(CATEGORY_SELECT);
}

/** One site's articles that the public may see, narrowed by a filter. */
function publishedOnly(db: Kysely<Database>, siteId: number, now: string, filter: PublishedFilter) {
  let q = db
    .selectFrom('articles')
    .where('articles.site_id', '=', siteId)
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', now)
    .where('articles.deleted_at', 'is', null);
  if (filter.categoryId !== undefined) q = q.where('articles.category_id', '=', filter.categoryId);
  const kind = filter.categoryKind;
  if (kind !== undefined) {
    q = q.where('articles.category_id', 'in', (eb) =>
      eb.selectFrom('categories').select('categories.id').where('categories.site_id', '=', siteId).where('categories.kind', '=', kind),
    );
  }
  if (filter.excludeId !== undefined) q = q.where('articles.id', '!=', filter.excludeId);
  const unitId = filter.formerUnitId;
  if (unitId !== undefined) {
    q = q.where('articles.id', 'in', (eb) =>
      eb
        .selectFrom('former_unit_items')
        .select('former_unit_items.item_id')
        .where('former_unit_items.unit_id', '=', unitId)
        .where('former_unit_items.item_type', '=', 'article'),
    );
  }
  // A featured article stops leading the home page at its end time, if it has one.
  if (filter.featuredOnly) {
    q = q.where('articles.is_featured', '=', 1).where((eb) => eb.or([eb('articles.featured_until', 'is', null), eb('articles.featured_until', '>', now)]));
  }
  for (const word of filter.foldedWords ?? []) {
    q = q.where(likePattern('articles.search_text', '%', word, '%'));
  }
  return q;
}

/** An article as its public page reads it, compiled once (see CompiledOnce); its "Thông tin khác" is otherPostsQuery. */
const publicBySlug = new CompiledOnce(['siteId', 'now', 'slug'], (db, a: { siteId: number; now: string; slug: string }) =>
  withCategory(publishedOnly(db, a.siteId, a.now, {}).where('articles.slug', '=', a.slug).select(qualified(PUBLIC_COLUMNS)))
    .leftJoin('article_views', 'article_views.article_id', 'articles.id')
    // A merged ward's article shows the former unit it came from: one row at most, by its key.
    .leftJoin('former_unit_items', (join) =>
      join
        .onRef('former_unit_items.site_id', '=', 'articles.site_id')
        .on('former_unit_items.item_type', '=', 'article')
        .onRef('former_unit_items.item_id', '=', 'articles.id'),
    )
    .leftJoin('former_units', 'former_units.id', 'former_unit_items.unit_id')
    .select(viewCount)
    .select(['former_units.name as former_unit', 'former_units.slug as former_unit_slug']),
);

/** A filter's values that reach the SQL as parameters. */
const FILTER_VALUES = ['categoryId', 'categoryKind', 'excludeId', 'formerUnitId'] as const;

type PublishedArgs = {
  siteId: number;
  now: string;
  limit: number;
  offset: number;
  categoryId?: number | undefined;
  categoryKind?: CategoryKind | undefined;
  excludeId?: number | undefined;
  formerUnitId?: number | undefined;
};

/**
 * A listing or count query, compiled once per shape: which fields of its
 * filter are set, and its limit, which is written into the SQL (see
 * LiteralLimits). Home, category pages, feeds and "Thông tin khác" ask for
 * a handful of shapes, and the API's page sizes are at most 100. Filters on
 * folded words are built each time: their values reach the SQL wrapped in
 * LIKE patterns.
 */
class ShapedQuery<R> {
  private readonly byShape = new Map<string, CompiledOnce<PublishedArgs, R>>();

  constructor(
    private readonly extra: Array<keyof PublishedArgs & string>,
    private readonly build: (db: Kysely<Database>, a: PublishedArgs, filter: PublishedFilter) => Compilable<R>,
  ) {}

  async run(db: Kysely<Database>, args: PublishedArgs, filter: PublishedFilter): Promise<R[]> {
    if (filter.foldedWords?.length) return (await db.executeQuery(this.build(db, args, filter))).rows;
    const values = FILTER_VALUES.filter((name) => filter[name] !== undefined);
    const { limit } = args;
    const key = `${values.join(',')}|${filter.featuredOnly ? 'featured' : ''}|${limit}`;
    let query = this.byShape.get(key);
    if (!query) {
      const featuredOnly = Boolean(filter.featuredOnly);
      query = new CompiledOnce<PublishedArgs, R>(['siteId', 'now', ...this.extra, ...values], (d, a) =>
        this.build(d, { ...a, limit }, { featuredOnly, ...Object.fromEntries(values.map((name) => [name, a[name]])) }),
      );
      this.byShape.set(key, query);
    }
    return query.execute(db, args);
  }
}

const listedQuery = new ShapedQuery<ListedArticle>(
  ['offset'],
  (db, a, f) =>
    withCategory(publishedOnly(db, a.siteId, a.now, f).select(qualified(LISTED_COLUMNS)))
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(a.limit)
      .offset(a.offset) as Compilable<ListedArticle>,
);
/** "Thông tin khác": the latest published articles but one. */
const otherPostsQuery = new ShapedQuery<OtherPostRow>(
  [],
  (db, a, f) =>
    publishedOnly(db, a.siteId, a.now, f)
      .select(qualified(OTHER_POST_COLUMNS))
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(a.limit) as Compilable<OtherPostRow>,
);
const countQuery = new ShapedQuery<{ n: number | string }>(
  [],
  (db, a, f) => publishedOnly(db, a.siteId, a.now, f).select((eb) => eb.fn.countAll<number>().as('n')) as Compilable<{ n: number | string }>,
);

/** SQL for one site's articles. Every query is bound to the site given at construction. */
export class ArticleRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  /** Published articles, newest first. */
  async listPublished(now: string, filter: PublishedFilter, limit: number, offset = 0): Promise<ListedArticle[]> {
    return listedQuery.run(this.db, { siteId: this.siteId, now, limit, offset, ...filter }, filter);
  }

  /** The latest published articles, but the one excluded (if any), for "Thông tin khác". */
  async listOtherPosts(now: string, excludeId: number | null, limit: number): Promise<OtherPostRow[]> {
    const filter = excludeId === null ? {} : { excludeId };
    return otherPostsQuery.run(this.db, { siteId: this.siteId, now, limit, offset: 0, ...filter }, filter);
  }

  /** How many published articles match, for pagination. */
  async countPublished(now: string, filter: PublishedFilter): Promise<number> {
    const [row] = await countQuery.run(this.db, { siteId: this.siteId, now, limit: 0, offset: 0, ...filter }, filter);
    return Number(row!.n);
  }

  /** A published article by slug, or undefined when missing or not yet public. */
  async findPublishedBySlug(slug: string, now: string): Promise<PublicArticle | undefined> {
    const [row] = await publicBySlug.execute(this.db, { siteId: this.siteId, now, slug });
    return row as PublicArticle | undefined;
  }

  async findBySourceKey(sourceKey: string): Promise<ArticleRow | undefined> {
    return this.db.selectFrom('articles').selectAll().where('site_id', '=', this.siteId).where('source_key', '=', sourceKey).executeTakeFirst();
  }

  /** Slugs of this site that start with `prefix`, to pick a free one. */
  async slugsLike(prefix: string, exceptId?: number): Promise<string[]> {
    let q = this.db
      .selectFrom('articles')
      .select('slug')
      .where('site_id', '=', this.siteId)
      .where(likePattern('slug', '', prefix, '%'));
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    const rows = await q.execute();
    return rows.map((r) => r.slug);
  }

  async insert(article: Omit<NewArticle, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('articles')
      .values({ ...article, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async update(id: number, changes: Omit<ArticleUpdate, 'id' | 'site_id'>): Promise<void> {
    await this.db.updateTable('articles').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** What an article's lead image is chosen from, and the one it has. */
  async leadImageSource(id: number): Promise<Pick<ArticleRow, 'body_html' | 'featured_media_id' | 'lead_media_id'> | undefined> {
    return this.db
      .selectFrom('articles')
      .select(['body_html', 'featured_media_id', 'lead_media_id'])
      .where('site_id', '=', this.siteId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Published articles after an id, in id order: for walking a whole site in batches. */
  async publishedAfterId(now: string, afterId: number, limit: number): Promise<ArticleWithCategory[]> {
    const rows = await withCategory(publishedOnly(this.db, this.siteId, now, {}).where('articles.id', '>', afterId).select(qualified(ALL_COLUMNS)))
      .orderBy('articles.id')
      .limit(limit)
      .execute();
    return rows as ArticleWithCategory[];
  }

  /** How many published articles are newer than an instant: is an article among the latest few? */
  async countPublishedAfter(now: string, at: string): Promise<number> {
    const row = await publishedOnly(this.db, this.siteId, now, {})
      .where('articles.published_at', '>', at)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every published article's address and last change, newest first, for the XML sitemap. */
  async publishedForSitemap(now: string, limit: number): Promise<Array<{ slug: string; updated_at: string }>> {
    return publishedOnly(this.db, this.siteId, now, {})
      .select(['articles.slug', 'articles.updated_at'])
      .orderBy('articles.published_at', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * Adds views to articles' counts, many articles a statement; an id that is
   * not one of this site's articles is skipped. Batches come in powers of
   * two, so the statements a flush prepares are a handful of shapes and the
   * statement cache keeps the pages' own.
   */
  async addViews(counts: ReadonlyMap<number, number>): Promise<void> {
    const entries = [...counts];
    for (let i = 0; i < entries.length;) {
      const size = Math.min(VIEW_BATCH_MAX, 2 ** Math.floor(Math.log2(entries.length - i)));
      const batch = entries.slice(i, i + size);
      i += size;
      const rows = sql.join(batch.map(([id, views]) => sql`(cast(${id} as integer), cast(${views} as integer))`));
      await sql`insert into article_views (article_id, views)
        select articles.id, v.column2 from (values ${rows}) as v join articles on articles.id = v.column1 where articles.site_id = ${this.siteId}
        on conflict (article_id) do update set views = article_views.views + excluded.views`.execute(this.db);
    }
  }
}
