import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/** Each province's edits to the abbreviations search reads at query time (see src/services/search/abbreviations.ts). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_abbreviations')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('short_form', 'text', (c) => c.notNull())
    .addColumn('long_form', 'text', (c) => c.notNull())
    .addColumn('pair_key', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_abbreviations_province_pair', ['province', 'pair_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_abbreviations').execute();
}
