import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * PostgreSQL's folded search vectors gain the starts of their words (see
 * wordStarts in index-text.ts), so that a word still being typed is looked up
 * as one entry of the word index. They are made here from the words each
 * vector holds already, the same starts as indexing makes (2 to 8 letters
 * after the word's 4-letter site scope, so 6 to 12 characters); the folded word
 * index is dropped first and built once at the end, as updating it row by
 * row costs far more, and CLUSTER puts the rewritten rows back in order of site
 * and date, leaving no old versions behind. SQLite's FTS5 indexes prefixes
 * itself.
 */
const withStarts = sql`fts_folded || array_to_tsvector(array(
    select distinct '0' || left(w, k) from unnest(tsvector_to_array(fts_folded)) w, generate_series(6, least(length(w) - 1, 12)) k
    where w !~ '^[0-9]'))`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop index search_documents_fts_folded`.execute(db);
  await sql`update search_documents set fts_folded = ${withStarts}`.execute(db);
  await sql`set local maintenance_work_mem = '256MB'`.execute(db);
  await sql`cluster search_documents using search_documents_site_published`.execute(db);
  await sql`create index search_documents_fts_folded on search_documents using gin (fts_folded)`.execute(db);
  await sql`analyze search_documents`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`update search_documents set fts_folded = ts_delete(fts_folded, array(select w from unnest(tsvector_to_array(fts_folded)) w where w ~ '^[0-9]'))`.execute(
    db,
  );
}
