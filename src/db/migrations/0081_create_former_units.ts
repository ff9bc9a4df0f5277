import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/** The former communes a merged ward took in, and which of its items came from each ("Phường 1 (cũ)"). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('former_units')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('merge_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('former_units_site_slug_unique', ['site_id', 'slug'])
    .execute();
  await db.schema
    .createTable('former_unit_items')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('former_units.id').onDelete('cascade'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('former_unit_items_pkey', ['site_id', 'item_type', 'item_id'])
    .execute();
  // A filter reads "this site's articles from this former unit".
  await db.schema.createIndex('former_unit_items_unit').on('former_unit_items').columns(['unit_id', 'item_type', 'item_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('former_unit_items').execute();
  await db.schema.dropTable('former_units').execute();
}
