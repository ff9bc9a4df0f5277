import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/**
 * Old links: every path a site's items answered at before (WordPress
 * permalinks and ?p=123, old portal pages, a merged commune's pages) and
 * where each lives now; and the host names of merged communes, which answer
 * with 301 into the ward that took them in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('redirects')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    // '' for any host of the site itself; a former commune's host name otherwise.
    .addColumn('old_host', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('old_path', 'text', (c) => c.notNull())
    // Null while the old page has no new address: the report of missing targets lists these.
    .addColumn('target_path', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text')
    .addColumn('item_id', 'integer')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('redirects_site_host_path_unique', ['site_id', 'old_host', 'old_path'])
    .execute();
  // An item's old addresses, to move or drop them with the item.
  await db.schema.createIndex('redirects_item').on('redirects').columns(['site_id', 'item_type', 'item_id']).execute();
  await db.schema
    .createTable('site_former_hosts')
    .addColumn('host', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('merge_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('site_former_hosts').execute();
  await db.schema.dropTable('redirects').execute();
}
