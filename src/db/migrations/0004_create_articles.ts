import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/** Articles: every news item, notice and document post of a site. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('articles')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('writer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('photographer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('featured_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('is_featured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source_key', 'text')
    // Folded title, summary and body text; a simple match target until full-text search lands.
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('articles_site_slug_unique', ['site_id', 'slug'])
    .addUniqueConstraint('articles_site_source_unique', ['site_id', 'source_key'])
    .execute();
  // Listings read "published in this site (and category), newest first".
  await db.schema.createIndex('articles_site_status_published').on('articles').columns(['site_id', 'status', 'published_at']).execute();
  await db.schema.createIndex('articles_category_status_published').on('articles').columns(['category_id', 'status', 'published_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('articles').execute();
}
