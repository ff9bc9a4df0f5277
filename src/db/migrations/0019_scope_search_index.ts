import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.ts';

/** The FTS5 table as 0010 made it, with prefix indexes of the given lengths. */
async function recreateFts(db: Kysely<unknown>, prefix: string): Promise<void> {
  await sql`drop table search_fts`.execute(db);
  await sql`create virtual table search_fts using fts5(
    tags, title_f, body_f, title_a, body_a,
    content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0', prefix=${sql.lit(prefix)}
  )`.execute(db);
}

/**
 * Every indexed word now carries its site's four-letter scope (see
 * src/services/search/index-text.ts), so SQLite's prefix indexes move from
 * 2 and 3 characters to 6 and 7 (scope + 2 or 3 letters). PostgreSQL gains
 * small title-only vectors: ranking thousands of matches by them costs a
 * fraction of reading each match's whole (compressed) vector. The rows are
 * written back by the next migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table search_documents add column fts_title_folded tsvector not null default ''::tsvector`.execute(db);
    await sql`alter table search_documents add column fts_title_accented tsvector not null default ''::tsvector`.execute(db);
    return;
  }
  await recreateFts(db, '6 7');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table search_documents drop column fts_title_folded`.execute(db);
    await sql`alter table search_documents drop column fts_title_accented`.execute(db);
    return;
  }
  await recreateFts(db, '2 3');
}
