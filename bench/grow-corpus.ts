import { sql } from 'kysely';
import { openPostgres } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { siteScope } from '../src/services/search/index-text.ts';
import { createSites, existingSites } from './load.ts';

/**
 * Grows a kept PostgreSQL corpus (BENCH_DATABASE_URL, loaded by
 * compare-search.ts or province-search.ts over 10 sites) to BENCH_SITES
 * sites (100) by copying each first site's index under the new sites'
 * scopes: the province of 100 communes × 10.000 items that issue 26 sizes
 * search for, built in SQL in about half an hour instead of indexing
 * 1.000.000 generated articles through JavaScript. Only the search index and
 * its vocabulary are copied (the articles stay with the first sites): it is
 * all a search reads. The indexes are dropped first and built once at the end.
 */
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL chưa được đặt.');
const SITES = Number(process.env.BENCH_SITES ?? 100);
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

const INDEXES = {
  search_documents_fts_folded: sql`create index search_documents_fts_folded on search_documents using gin (fts_folded)`,
  search_documents_fts_accented: sql`create index search_documents_fts_accented on search_documents using gin (fts_accented)`,
  search_documents_published: sql`create index search_documents_published on search_documents (published_at)`,
  search_documents_site_published: sql`create index search_documents_site_published on search_documents (site_id, published_at)`,
};

const { db, close } = openPostgres(url);
try {
  await migrateToLatest(db);
  const first = await existingSites(db);
  if (first.length >= SITES) throw new Error(`Kho đã có ${first.length} trang.`);
  const base = first.length;
  const added = await createSites(db, SITES - base, base + 1);
  log(`${added.length} new sites`);
  await sql`set maintenance_work_mem = '1GB'`.execute(db);
  for (const name of Object.keys(INDEXES)) await sql`drop index if exists ${sql.ref(name)}`.execute(db);
  // A tsvector's text form quotes each word, so a site's scope is found at the start of each quoted word, or after the 0 of a word start.
  const rescoped = (column: string, from: string, to: string) =>
    sql`replace(replace(${sql.ref(column)}::text, ${`'${from}`}, ${`'${to}`}), ${`'0${from}`}, ${`'0${to}`})::tsvector`;
  for (const [i, site] of added.entries()) {
    const source = first[i % base]!;
    const [from, to] = [siteScope(source.row.id), siteScope(site.row.id)];
    await sql`insert into search_documents (site_id, source, ref_id, kind, category_id, published_at, title, body, path, updated_at,
        fts_folded, fts_accented, fts_title_folded, fts_title_accented)
      select ${site.row.id}, d.source, d.ref_id + ${site.row.id * 1_000_000}, d.kind, mine.id, d.published_at, d.title, d.body, d.path, d.updated_at,
        ${rescoped('fts_folded', from, to)}, ${rescoped('fts_accented', from, to)}, ${rescoped('fts_title_folded', from, to)}, ${rescoped('fts_title_accented', from, to)}
      from search_documents d
      left join categories theirs on theirs.id = d.category_id
      left join categories mine on mine.site_id = ${site.row.id} and mine.slug = theirs.slug
      where d.site_id = ${source.row.id}`.execute(db);
    await sql`insert into search_terms (site_id, term, docs) select ${site.row.id}, term, docs from search_terms where site_id = ${source.row.id}`.execute(db);
    log(`site ${base + i + 1}/${SITES} copied`);
  }
  for (const [name, statement] of Object.entries(INDEXES)) {
    await statement.execute(db);
    log(`index ${name} built`);
  }
  await sql`vacuum analyze search_documents`.execute(db);
  log('done');
} finally {
  await close();
}
