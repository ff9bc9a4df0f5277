import type { Kysely } from 'kysely';
import type { ArticleRow, ArticleStatus, Database } from '../db/schema.ts';

/** A featured article as the newsroom lists it. */
export interface FeaturedRow extends Pick<ArticleRow, 'id' | 'title' | 'slug' | 'status' | 'published_at' | 'featured_until'> {
  category_name: string;
}

/** A published article that may be marked featured. */
export type FeaturableRow = Pick<ArticleRow, 'id' | 'title' | 'published_at' | 'is_featured'>;

/** SQL for one site's "Tin nổi bật" marks. */
export class FeaturedRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  /** Every marked article not in the trash, newest first, whatever its state. */
  async listMarked(): Promise<FeaturedRow[]> {
    return this.db
      .selectFrom('articles')
      .innerJoin('categories', 'categories.id', 'articles.category_id')
      .select([
        'articles.id',
        'articles.title',
        'articles.slug',
        'articles.status',
        'articles.published_at',
        'articles.featured_until',
        'categories.name as category_name',
      ])
      .where('articles.site_id', '=', this.siteId)
      .where('articles.is_featured', '=', 1)
      .where('articles.deleted_at', 'is', null)
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .execute();
  }

  /** The latest published articles, to choose one to mark. */
  async latestPublished(now: string, limit: number): Promise<FeaturableRow[]> {
    return this.db
      .selectFrom('articles')
      .select(['id', 'title', 'published_at', 'is_featured'])
      .where('site_id', '=', this.siteId)
      .where('status', '=', 'published')
      .where('published_at', '<=', now)
      .where('deleted_at', 'is', null)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** An article of the site, not in the trash. */
  async find(id: number): Promise<{ id: number; title: string; status: ArticleStatus; is_featured: number; featured_until: string | null } | undefined> {
    return this.db
      .selectFrom('articles')
      .select(['id', 'title', 'status', 'is_featured', 'featured_until'])
      .where('site_id', '=', this.siteId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  /** Marks or unmarks an article; `until` is when the mark ends (null: never). */
  async set(id: number, featured: boolean, until: string | null): Promise<void> {
    await this.db
      .updateTable('articles')
      .set({ is_featured: featured ? 1 : 0, featured_until: featured ? until : null })
      .where('site_id', '=', this.siteId)
      .where('id', '=', id)
      .execute();
  }

  /** Marks whose end has come, on every site: for the expiry job. */
  static async due(db: Kysely<Database>, now: string): Promise<Array<{ id: number; site_id: number; title: string }>> {
    return db
      .selectFrom('articles')
      .select(['id', 'site_id', 'title'])
      .where('is_featured', '=', 1)
      .where('featured_until', '<=', now)
      .orderBy('id')
      .limit(500)
      .execute();
  }

  /** Ends a mark whose time has come; false when another process already did. */
  static async claimExpired(db: Kysely<Database>, id: number, now: string): Promise<boolean> {
    const result = await db
      .updateTable('articles')
      .set({ is_featured: 0, featured_until: null })
      .where('id', '=', id)
      .where('is_featured', '=', 1)
      .where('featured_until', '<=', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
