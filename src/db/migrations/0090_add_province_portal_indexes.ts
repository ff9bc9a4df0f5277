import type { Kysely } from 'kysely';

/**
 * Two indexes for the province portal (a site of kind "tinh"):
 * - its communes are the other sites of its province (sites.province);
 * - its lists of the communes' latest news or notices walk every published
 *   article newest first and stop after a page: this index holds the status,
 *   then the date and the id in the lists' order (PostgreSQL orders by them
 *   only when no column between is merely IS NULL), then the deletion and
 *   the category (which names the site and the kind), checked on the way.
 *   One commune's list reads its category's own index instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('sites_province_unit').on('sites').columns(['province', 'unit_type']).execute();
  await db.schema.createIndex('articles_province_feed').on('articles').columns(['status', 'published_at', 'id', 'deleted_at', 'category_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('articles_province_feed').execute();
  await db.schema.dropIndex('sites_province_unit').execute();
}
