import { type Kysely, sql } from 'kysely';
import { ID_TYPE, idColumn, isPostgres } from './helpers.ts';

/**
 * The search index: one row per published item, with its text folded
 * (tones and đ removed) and accented (canonical tones), so a query typed
 * without diacritics finds everything and one typed with them ranks exact
 * matches first. The full-text part is the one place the dialects differ:
 * SQLite keeps an FTS5 table, PostgreSQL tsvector columns with GIN indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    // What the item is (article…), and its id there.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    // news, notice, document…: the filter residents choose.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_documents_source_ref_unique', ['source', 'ref_id'])
    .execute();
  await db.schema.createIndex('search_documents_site_published').on('search_documents').columns(['site_id', 'published_at']).execute();

  // Title words per site, for "did you mean" when nothing matches.
  await db.schema
    .createTable('search_terms')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('docs', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_terms_pk', ['site_id', 'term'])
    .execute();

  if (isPostgres(db)) {
    await sql`alter table search_documents add column fts_folded tsvector not null default ''::tsvector`.execute(db);
    await sql`alter table search_documents add column fts_accented tsvector not null default ''::tsvector`.execute(db);
    await sql`create index search_documents_fts_folded on search_documents using gin (fts_folded)`.execute(db);
    await sql`create index search_documents_fts_accented on search_documents using gin (fts_accented)`.execute(db);
  } else {
    // Text arrives already folded or accent-canonicalised, so the tokenizer only splits and lower-cases.
    await sql`create virtual table search_fts using fts5(
      tags, title_f, body_f, title_a, body_a,
      content='', contentless_delete=1,
      tokenize='unicode61 remove_diacritics 0', prefix='2 3'
    )`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) await sql`drop table search_fts`.execute(db);
  await db.schema.dropTable('search_terms').execute();
  await db.schema.dropTable('search_documents').execute();
}
