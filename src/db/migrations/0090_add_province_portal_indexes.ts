import type { Kysely } from 'kysely';

/**
 * Two indexes for the province portal (a site of kind "tinh"):
 * - its communes are the other sites of its province (sites.province);
 * - its lists of the communes' latest news or notices walk every published,
 *   undeleted article newest first and stop after a page: this index holds
 *   the status and the deletion ahead of the date, then the category (which
 *   names the site and the kind), so the filter is checked in the index and
 *   no article row is read until it is shown. One commune's list uses the
 *   per-site listing index (0022) instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('sites_province_unit').on('sites').columns(['province', 'unit_type']).execute();
  await db.schema.createIndex('articles_province_feed').on('articles').columns(['status', 'deleted_at', 'published_at', 'category_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('articles_province_feed').execute();
  await db.schema.dropIndex('sites_province_unit').execute();
}
