import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/**
 * What the site admin shapes from the newsroom: the accent colour (a key of
 * the palette), the logo and banner images, the home page's blocks (their
 * keys in order, blank for the default), and the main menu, item by item.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sites')
    .addColumn('accent', 'text', (c) => c.notNull().defaultTo('do'))
    .execute();
  await db.schema
    .alterTable('sites')
    .addColumn('logo_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('sites')
    .addColumn('banner_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('sites')
    .addColumn('home_blocks', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('menu_items')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.references('categories.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('menu_items_site_position').on('menu_items').columns(['site_id', 'position']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('menu_items').execute();
  for (const column of ['home_blocks', 'banner_media_id', 'logo_media_id', 'accent']) {
    await db.schema.alterTable('sites').dropColumn(column).execute();
  }
}
