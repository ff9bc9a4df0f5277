import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/**
 * Bank-statement imports: one job per uploaded file, with its progress, and
 * the rows read so far. Rows wait here until the whole file has been read
 * without error, then move into the ledger in one statement, so a bad row
 * leaves nothing half-imported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('relief_imports')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('relief_campaigns.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.references('relief_accounts.id').onDelete('set null'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('error_message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('error_row', 'integer')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('relief_imports_campaign').on('relief_imports').columns(['campaign_id', 'id']).execute();
  await db.schema
    .createTable('relief_import_rows')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('relief_imports.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('received_time', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('donor_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('bank_ref', 'text', (c) => c.notNull())
    .addColumn('ref_key', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('relief_import_rows_pkey', ['import_id', 'row_number'])
    .execute();
  // The same transaction twice in one file is read once.
  await db.schema.createIndex('relief_import_rows_ref_unique').unique().on('relief_import_rows').columns(['import_id', 'ref_key']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('relief_import_rows').execute();
  await db.schema.dropTable('relief_imports').execute();
}
