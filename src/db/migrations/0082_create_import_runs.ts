import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/**
 * Imports from WordPress and old portals: each run, how far it got (so an
 * interrupted run resumes) and its report; and which of our items each
 * source item became (so a re-run updates instead of adding again).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_runs')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // What was read: a file's name, size and a hash of its start, or a list of addresses.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('import_runs_site_source').on('import_runs').columns(['site_id', 'kind', 'source']).execute();
  await db.schema
    .createTable('import_items')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    // The source's own last-modified stamp: an unchanged item is skipped on a re-run.
    .addColumn('source_version', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_items_pkey', ['site_id', 'source_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_items').execute();
  await db.schema.dropTable('import_runs').execute();
}
