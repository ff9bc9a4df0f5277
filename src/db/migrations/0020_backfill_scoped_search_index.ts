import { type Kysely, sql } from 'kysely';
import { ftsTags } from '../../repositories/search-repository.ts';
import { indexTexts } from '../../services/search/index-text.ts';
import { isPostgres } from './helpers.ts';

interface Row {
  id: number;
  site_id: number;
  kind: string;
  category_id: number | null;
  title: string;
  body: string;
}

/**
 * Writes every indexed item back with site-scoped words, from the title and
 * body the index keeps, in batches (no article needs reading).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  let afterId = 0;
  for (;;) {
    const rows = (
      await sql<Row>`select id, site_id, kind, category_id, title, body from search_documents where id > ${afterId} order by id limit 500`.execute(db)
    ).rows;
    if (rows.length === 0) return;
    for (const row of rows) {
      const t = indexTexts(row.site_id, row.title, row.body);
      if (pg) {
        await sql`update search_documents set
          fts_folded = setweight(to_tsvector('simple', ${t.foldedTitle}), 'A') || setweight(to_tsvector('simple', ${t.foldedBody}), 'B'),
          fts_accented = setweight(to_tsvector('simple', ${t.accentedTitle}), 'A') || setweight(to_tsvector('simple', ${t.accentedBody}), 'B'),
          fts_title_folded = to_tsvector('simple', ${t.foldedTitle}),
          fts_title_accented = to_tsvector('simple', ${t.accentedTitle})
          where id = ${row.id}`.execute(db);
      } else {
        await sql`insert into search_fts (rowid, tags, title_f, body_f, title_a, body_a)
          values (${row.id}, ${ftsTags(row.kind, row.category_id)}, ${t.foldedTitle}, ${t.foldedBody}, ${t.accentedTitle}, ${t.accentedBody})`.execute(db);
      }
    }
    afterId = rows.at(-1)!.id;
  }
}

/** The words stay scoped: rebuild the index (npx xaphuong reindex) after going back. */
export async function down(): Promise<void> {}
