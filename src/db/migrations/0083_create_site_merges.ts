import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/**
 * Merging former communes' sites into their new ward: the merge, with its
 * report, and every change it made to an item, kept until the merge is
 * confirmed so that it can be undone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('site_merges')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    // 'pending' (reversible), 'confirmed' or 'undone'.
    .addColumn('status', 'text', (c) => c.notNull())
    // The former sites as they were: id, name, hosts (JSON): their rows go at confirmation.
    .addColumn('from_sites', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createTable('site_merge_moves')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('merge_id', 'integer', (c) => c.notNull().references('site_merges.id').onDelete('cascade'))
    .addColumn('table_name', 'text', (c) => c.notNull())
    // The row's key as JSON ({"id": 7}, or a composite key).
    .addColumn('row_key', 'text', (c) => c.notNull())
    // The columns the merge changed, with their values before (JSON); '{}' for a row the merge added.
    .addColumn('before', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('site_merge_moves_merge').on('site_merge_moves').columns(['merge_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('site_merge_moves').execute();
  await db.schema.dropTable('site_merges').execute();
}
