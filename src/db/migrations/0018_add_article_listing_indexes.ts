import type { Kysely } from 'kysely';

/**
 * Two indexes for the public listings:
 * - the home page asks for a site's latest featured articles; with few or
 *   none featured, the listing index made it walk every published article of
 *   the site; this one leads with the flag;
 * - a category page counts its published articles for the pagination; this
 *   index holds every column that count reads, so it never touches the rows,
 *   and it serves the page itself in date order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('articles_site_featured_status_published').on('articles').columns(['site_id', 'is_featured', 'status', 'published_at']).execute();
  await db.schema.createIndex('articles_category_listing').on('articles').columns(['category_id', 'status', 'deleted_at', 'published_at', 'site_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('articles_category_listing').execute();
  await db.schema.dropIndex('articles_site_featured_status_published').execute();
}
