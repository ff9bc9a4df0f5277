import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.ts';

/** The search index's columns that a search reads for every match it counts, ranks or sorts: all but the body. */
const READ_PER_MATCH = ['source', 'kind', 'published_at', 'title', 'path', 'updated_at', 'fts_title_folded', 'fts_title_accented'];

/**
 * PostgreSQL keeps each search item's small columns in its row. An item
 * whose vectors fill more than a page before compression had every other
 * column that may leave the row moved out to TOAST first (title, path,
 * published_at), as PostgreSQL compresses the vectors, which must stay,
 * only after that: each match read then cost a TOAST lookup per column, and
 * sorting matches by date one per comparison. Only the body, read for the
 * results shown, may now leave the row. CLUSTER rewrites the items already
 * there, bringing their columns back in. SQLite's FTS5 keeps its own index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table search_documents ${sql.join(READ_PER_MATCH.map((c) => sql`alter column ${sql.ref(c)} set storage main`))}`.execute(db);
  // The rewrite rebuilds the word and phrase indexes, which build faster with more memory than PostgreSQL's default.
  await sql`set local maintenance_work_mem = '256MB'`.execute(db);
  await sql`cluster search_documents using search_documents_site_published`.execute(db);
  await sql`analyze search_documents`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table search_documents ${sql.join(READ_PER_MATCH.map((c) => sql`alter column ${sql.ref(c)} set storage extended`))}`.execute(db);
}
