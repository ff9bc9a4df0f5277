import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * PostgreSQL's word index keeps no word positions, so a quoted phrase (or a
 * word such as "covid-19") was checked against every row holding its words,
 * together or apart. This index holds each folded vector's words and starts
 * as they are (positions stripped) and, as words of their own, each two
 * words that stand next to each other ("a_b"), read from the vector's own
 * positions: a phrase is then looked up as its pairs (search_phrase), and
 * rows are checked only where they hold them all. The index is made from
 * the folded vectors, so nothing is stored twice and the indexing code is
 * unchanged, though saving an item now also keeps this index up to date.
 * SQLite's FTS5 keeps positions in its index already.
 *
 * search_terms uses built-in functions only, as an index expression must
 * work under any search_path (pg_restore's included). A vector whose pairs
 * would make too large an entry gets the word "1" instead of the rest of
 * them, and every phrase looks for "1" too, so such an item is always
 * checked row by row rather than missed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create or replace function search_terms(v tsvector) returns tsvector
    language plpgsql immutable strict parallel safe as $$
    declare
      words text[] := '{}';
      pairs text[] := '{}';
      size int := 0;
      r record;
      p int;
    begin
      for r in select lexeme, positions from unnest(v) where positions is not null loop
        foreach p in array r.positions loop
          words[p] := r.lexeme;
        end loop;
      end loop;
      for p in coalesce(array_lower(words, 1), 1) .. coalesce(array_upper(words, 1), 0) - 1 loop
        continue when words[p] is null or words[p + 1] is null;
        size := size + octet_length(words[p]) + octet_length(words[p + 1]) + 8;
        if size > 400000 or octet_length(words[p]) + octet_length(words[p + 1]) > 1000 then
          pairs := pairs || '1'::text;
          exit;
        end if;
        pairs := pairs || (words[p] || '_' || words[p + 1]);
      end loop;
      return strip(v) || array_to_tsvector(pairs);
    end
    $$`.execute(db);
  // The pairs of a phrase's words, all required (or the word "1", see above); a single word is looked up as itself.
  await sql`create or replace function search_phrase(words text) returns tsquery
    language sql immutable strict parallel safe as $$
      select case when count(*) = 0 then to_tsquery('simple', words)
        else (string_agg(quote_literal(lexeme), ' & ') || ' | 1')::tsquery end
      from unnest(search_terms(to_tsvector('simple', words))) where lexeme = '1' or position('_' in lexeme) > 0
    $$`.execute(db);
  await sql`set local maintenance_work_mem = '256MB'`.execute(db);
  await sql`create index search_documents_fts_terms on search_documents using gin (search_terms(fts_folded))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop index search_documents_fts_terms`.execute(db);
  await sql`drop function search_phrase(text)`.execute(db);
  await sql`drop function search_terms(tsvector)`.execute(db);
}
