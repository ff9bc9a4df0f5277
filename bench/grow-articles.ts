import { sql } from 'kysely';
import { openPostgres } from '../src/db/database.ts';
import { existingSites } from './load.ts';

/**
 * Gives the sites that grow-corpus.ts added the articles of the sites their
 * index was copied from, so `npx xaphuong reindex` can rebuild the index of a
 * whole 1.000.000-item province through the product's own code, as an
 * operator would (BENCH_DATABASE_URL). Each copy keeps its slug, in its own
 * site's category of the same slug. Sites that have articles are left alone.
 */
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL chưa được đặt.');
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

const { db, close } = openPostgres(url);
try {
  const sites = await existingSites(db);
  const counts = await db
    .selectFrom('articles')
    .select(['site_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('site_id')
    .execute();
  const holding = new Set(counts.filter((c) => Number(c.n) > 0).map((c) => c.site_id));
  const sources = sites.filter((s) => holding.has(s.row.id));
  const empty = sites.filter((s) => !holding.has(s.row.id));
  if (sources.length === 0) throw new Error('Không trang nào có bài để chép.');
  const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns
    where table_name = 'articles' and column_name not in ('id', 'site_id', 'category_id') order by ordinal_position`.execute(db);
  const copied = sql.join(columns.rows.map((c) => sql.ref(c.column_name)));
  const fromSource = sql.join(columns.rows.map((c) => sql.ref(`a.${c.column_name}`)));
  for (const [i, site] of empty.entries()) {
    const source = sources[i % sources.length]!;
    await sql`insert into articles (site_id, category_id, ${copied})
      select ${site.row.id}, mine.id, ${fromSource} from articles a
      join categories theirs on theirs.id = a.category_id
      join categories mine on mine.site_id = ${site.row.id} and mine.slug = theirs.slug
      where a.site_id = ${source.row.id}`.execute(db);
    log(`site ${i + 1}/${empty.length}: articles of ${source.row.name} copied`);
  }
  await sql`analyze articles`.execute(db);
  log('done');
} finally {
  await close();
}
