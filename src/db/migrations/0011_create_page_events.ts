import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/**
 * Page-change events: which cached public pages a committed change made
 * stale, as tags ("s3:home", "s3:a42"). Every process (worker or node) reads
 * new events and drops those pages from its own cache.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('page_events')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('page_events').execute();
}
