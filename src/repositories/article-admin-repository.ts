import { type Kysely, sql } from 'kysely';
import type { ArticleRow, ArticleStatus, Database } from '../db/schema.ts';
import { type ArticleWithCategory, viewCount } from './article-repository.ts';

/** An article as the newsroom lists it, with who wrote it: every column. */
export interface AdminArticleRow extends ArticleWithCategory, Pick<ArticleRow, 'search_text'> {
  author_name: string | null;
  view_count: number;
}

/** What the newsroom's article list can be narrowed by. */
export interface AdminArticleFilter {
  status?: ArticleStatus | undefined;
  /** Where the review of the latest content stands: an edit waiting over a live article counts as its own. */
  reviewStatus?: ArticleStatus | undefined;
  authorId?: number | undefined;
  /** Only force-published articles: "published without second review". */
  forcedOnly?: boolean;
  /** The trash instead of live articles. */
  trashed?: boolean;
  /** Only what a merged ward took in from this former unit. */
  formerUnitId?: number | undefined;
}

/** SQL for the newsroom's view of one site's articles: every status, the trash, the queues. */
export class ArticleAdminRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  private base() {
    return this.db
      .selectFrom('articles')
      .innerJoin('categories', 'categories.id', 'articles.category_id')
      .leftJoin('users', 'users.id', 'articles.author_id')
      .leftJoin('article_views', 'article_views.article_id', 'articles.id')
      .where('articles.site_id', '=', this.siteId);
  }

  private filtered(filter: AdminArticleFilter) {
    let q = this.base();
    q = filter.trashed ? q.where('articles.deleted_at', 'is not', null) : q.where('articles.deleted_at', 'is', null);
    if (filter.status) q = q.where('articles.status', '=', filter.status);
    if (filter.reviewStatus) q = q.where(sql<string>`coalesce(${sql.ref('articles.pending_status')}, ${sql.ref('articles.status')})`, '=', filter.reviewStatus);
    if (filter.authorId !== undefined) q = q.where('articles.author_id', '=', filter.authorId);
    if (filter.forcedOnly) q = q.where('articles.force_published', '=', 1);
    const unitId = filter.formerUnitId;
    if (unitId !== undefined)
      q = q.where('articles.id', 'in', (eb) =>
        eb
          .selectFrom('former_unit_items')
          .select('former_unit_items.item_id')
          .where('former_unit_items.unit_id', '=', unitId)
          .where('former_unit_items.item_type', '=', 'article'),
      );
    return q;
  }

  /** Articles, most recently changed first. */
  async list(filter: AdminArticleFilter, limit: number, offset = 0): Promise<AdminArticleRow[]> {
    const rows = await this.filtered(filter)
      .selectAll('articles')
      .select(['categories.slug as category_slug', 'categories.name as category_name', 'categories.kind as category_kind', 'users.display_name as author_name'])
      .select(viewCount)
      .orderBy('articles.updated_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows as AdminArticleRow[];
  }

  async count(filter: AdminArticleFilter): Promise<number> {
    const row = await this.filtered(filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** One article in any status, trashed or not. */
  async findById(id: number): Promise<AdminArticleRow | undefined> {
    const row = await this.base()
      .selectAll('articles')
      .select(['categories.slug as category_slug', 'categories.name as category_name', 'categories.kind as category_kind', 'users.display_name as author_name'])
      .select(viewCount)
      .where('articles.id', '=', id)
      .executeTakeFirst();
    return row as AdminArticleRow | undefined;
  }

  /** An article by a live preview token. */
  async findByPreviewToken(token: string, now: string): Promise<AdminArticleRow | undefined> {
    const row = await this.base()
      .selectAll('articles')
      .select(['categories.slug as category_slug', 'categories.name as category_name', 'categories.kind as category_kind', 'users.display_name as author_name'])
      .select(viewCount)
      .where('articles.preview_token', '=', token)
      .where('articles.preview_expires_at', '>', now)
      .where('articles.deleted_at', 'is', null)
      .executeTakeFirst();
    return row as AdminArticleRow | undefined;
  }

  /** Whether another article of the site uses a slug. */
  async slugTaken(slug: string, exceptId?: number): Promise<boolean> {
    let q = this.db.selectFrom('articles').select('id').where('site_id', '=', this.siteId).where('slug', '=', slug);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /** Scheduled articles of every site whose time has come (the publishing job is province-wide). */
  static async dueForPublishing(db: Kysely<Database>, now: string): Promise<Array<{ id: number; site_id: number; title: string }>> {
    return db
      .selectFrom('articles')
      .select(['id', 'site_id', 'title'])
      .where('status', '=', 'scheduled')
      .where('published_at', '<=', now)
      .where('deleted_at', 'is', null)
      .execute();
  }

  /** How many scheduled articles are due and not yet published, on every site (for the metrics: above zero for long, the job is stuck). */
  static async countDue(db: Kysely<Database>, now: string): Promise<number> {
    const row = await db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'scheduled')
      .where('published_at', '<=', now)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Moves one scheduled article to published; false when another node got there first. */
  static async markPublished(db: Kysely<Database>, id: number, now: string): Promise<boolean> {
    const result = await db
      .updateTable('articles')
      .set({ status: 'published', updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Deletes, for good, articles that have been in the trash since before `before`. */
  static async purgeTrash(db: Kysely<Database>, before: string): Promise<number> {
    const result = await db.deleteFrom('articles').where('deleted_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
