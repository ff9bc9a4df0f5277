import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * PostgreSQL indexes for a search with many matches, which ranks the newest
 * matches instead of every one (SearchRepository.candidates):
 * - the title vectors, so the newest matches with every word in their title
 *   are found from the index where they are few;
 * - the publication date alone, so a search over a whole province walks its
 *   newest items first where matches are many (one site's walk uses the
 *   site's own index on site and date).
 * SQLite's FTS5 reads its rows newest first already.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create index search_documents_fts_title_folded on search_documents using gin (fts_title_folded)`.execute(db);
  await sql`create index search_documents_fts_title_accented on search_documents using gin (fts_title_accented)`.execute(db);
  await sql`create index search_documents_published on search_documents (published_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop index search_documents_published`.execute(db);
  await sql`drop index search_documents_fts_title_accented`.execute(db);
  await sql`drop index search_documents_fts_title_folded`.execute(db);
}
