import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * PostgreSQL keeps each item's search vectors in its own row, compressed
 * (lz4 where the server has it), instead of out of line in TOAST: checking a
 * phrase, ranking or reading the newest items reads those vectors row by
 * row, and fetching each from TOAST cost many times the check itself. The
 * row may now fill a page before anything moves out of line, so the small
 * columns stay in it too. CLUSTER rewrites the rows already there, in order
 * of site and date, so one site's newest items lie together. SQLite's FTS5
 * keeps its own index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  const lz4 = await sql<{ found: number }>`select 1 as found from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`.execute(db);
  await sql`alter table search_documents set (toast_tuple_target = 8160)`.execute(db);
  await sql`alter table search_documents alter column fts_folded set storage main, alter column fts_accented set storage main`.execute(db);
  if (lz4.rows.length > 0) {
    await sql`alter table search_documents alter column fts_folded set compression lz4, alter column fts_accented set compression lz4`.execute(db);
  }
  // The rewrite rebuilds the word indexes, which build faster with more memory than PostgreSQL's default.
  await sql`set local maintenance_work_mem = '256MB'`.execute(db);
  await sql`cluster search_documents using search_documents_site_published`.execute(db);
  await sql`analyze search_documents`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table search_documents reset (toast_tuple_target)`.execute(db);
  await sql`alter table search_documents alter column fts_folded set storage extended, alter column fts_accented set storage extended`.execute(db);
  await sql`alter table search_documents alter column fts_folded set compression default, alter column fts_accented set compression default`.execute(db);
}
