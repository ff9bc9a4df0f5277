import type { Kysely } from 'kysely';

/**
 * Categories the site admin hides (out of the menu and site maps, their
 * pages still answer), and the slugs a category had before: a renamed
 * category's old addresses and feeds answer with a 301 to the new ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('categories')
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('category_redirects')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('category_redirects_pk', ['site_id', 'slug'])
    .execute();
  await db.schema.createIndex('category_redirects_category').on('category_redirects').column('category_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('category_redirects').execute();
  await db.schema.alterTable('categories').dropColumn('hidden').execute();
}
