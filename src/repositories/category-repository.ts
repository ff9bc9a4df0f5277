import type { Kysely } from 'kysely';
import type { CategoryKind, CategoryRow, Database } from '../db/schema.ts';

/** SQL for one site's categories. Every query is bound to the site given at construction. */
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

  async insert(category: { slug: string; name: string; kind: CategoryKind; position: number; createdAt: string }): Promise<number> {
    const row = await this.db
      .insertInto('categories')
      .values({
        site_id: this.siteId,
        slug: category.slug,
        name: category.name,
        kind: category.kind,
        position: category.position,
        created_at: category.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
}
