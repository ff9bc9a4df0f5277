import type { Kysely } from 'kysely';

/**
 * A category page reads one site's category, newest first, skipping the
 * pages before it. No index held the site, the category, the status and
 * the deletion ahead of the date: SQLite walked the site's date index and
 * read every article row it skipped, body included, to check its category
 * and whether it was deleted, so deep pages were slow. This one holds them
 * all, in the order the page sorts by (the row id last), so skipped articles
 * are passed over in the index and a deep page costs what the first does.
 * It also covers the page's
 * count, which is what articles_category_listing (0018) was for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('articles_site_category_listing')
    .on('articles')
    .columns(['site_id', 'category_id', 'status', 'deleted_at', 'published_at'])
    .execute();
  await db.schema.dropIndex('articles_category_listing').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('articles_category_listing').on('articles').columns(['category_id', 'status', 'deleted_at', 'published_at', 'site_id']).execute();
  await db.schema.dropIndex('articles_site_category_listing').execute();
}
