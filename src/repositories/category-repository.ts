import type { Kysely } from 'kysely';
import type { CategoryKind, CategoryRow, Database } from '../db/schema.ts';

/** What the site admin may change of a category. */
export interface CategoryChanges {
  name?: string;
  slug?: string;
  kind?: CategoryKind;
  hidden?: number;
  position?: number;
}

/** SQL for one site's categories and their old slugs. Every query is bound to the site given at construction. */
export class CategoryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  async list(): Promise<CategoryRow[]> {
    return this.db.selectFrom('categories').selectAll().where('site_id', '=', this.siteId).orderBy('position').orderBy('id').execute();
  }

  async findBySlug(slug: string): Promise<CategoryRow | undefined> {
    return this.db.selectFrom('categories').selectAll().where('site_id', '=', this.siteId).where('slug', '=', slug).executeTakeFirst();
  }

  async findById(id: number): Promise<CategoryRow | undefined> {
    return this.db.selectFrom('categories').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async insert(category: { slug: string; name: string; kind: CategoryKind; position: number; createdAt: string; hidden?: number }): Promise<number> {
    const row = await this.db
      .insertInto('categories')
      .values({
        site_id: this.siteId,
        slug: category.slug,
        name: category.name,
        kind: category.kind,
        position: category.position,
        hidden: category.hidden ?? 0,
        created_at: category.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async update(id: number, changes: CategoryChanges): Promise<void> {
    await this.db.updateTable('categories').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** How many of the site's articles (any state, trash included) are in a category. */
  async articleCount(id: number): Promise<number> {
    const row = await this.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', this.siteId)
      .where('category_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The category an old slug now points at. */
  async redirectOf(slug: string): Promise<CategoryRow | undefined> {
    return this.db
      .selectFrom('category_redirects')
      .innerJoin('categories', 'categories.id', 'category_redirects.category_id')
      .selectAll('categories')
      .where('category_redirects.site_id', '=', this.siteId)
      .where('category_redirects.slug', '=', slug)
      .executeTakeFirst();
  }

  /** Points an old slug at a category, replacing whatever it pointed at. */
  async addRedirect(slug: string, categoryId: number, createdAt: string): Promise<void> {
    await this.dropRedirect(slug);
    await this.db.insertInto('category_redirects').values({ site_id: this.siteId, slug, category_id: categoryId, created_at: createdAt }).execute();
  }

  /** Forgets an old slug: a category now answers at it. */
  async dropRedirect(slug: string): Promise<void> {
    await this.db.deleteFrom('category_redirects').where('site_id', '=', this.siteId).where('slug', '=', slug).execute();
  }

  /** A category's old slugs, oldest first. */
  async redirectsTo(categoryId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('category_redirects')
      .select('slug')
      .where('site_id', '=', this.siteId)
      .where('category_id', '=', categoryId)
      .orderBy('created_at')
      .orderBy('slug')
      .execute();
    return rows.map((r) => r.slug);
  }
}
