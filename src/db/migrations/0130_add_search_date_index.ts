import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * A PostgreSQL index on the publication date alone, for a search with many
 * matches, which ranks the newest matches instead of every one
 * (SearchRepository.candidates): a search over a whole province reads its
 * newest items first (one site's uses the site's own index on site and
 * date). SQLite's FTS5 reads its rows newest first already.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create index search_documents_published on search_documents (published_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop index search_documents_published`.execute(db);
}
