import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/** Every state change and security event: who, what, when, from which IP. Append-only. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer')
    .addColumn('user_id', 'integer')
    // The account's e-mail at the time, so the record survives renames.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('target_id', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_site_time').on('audit_log').columns(['site_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
}
