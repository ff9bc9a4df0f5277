import { type Kysely, sql } from 'kysely';
import { type DialectName, inTransaction, nowIso } from '../src/db/database.ts';
import type { Database, SiteRow } from '../src/db/schema.ts';
import { ArticleRepository } from '../src/repositories/article-repository.ts';
import { SearchRepository } from '../src/repositories/search-repository.ts';
import { rebuildSearchIndex } from '../src/services/search/rebuild.ts';
import { createSite } from '../src/services/site-service.ts';
import { type CategorySlug, type GeneratedArticle, generateArticle } from './corpus.ts';

/** Throws when the run has gone on longer than allowed; every long loop calls it. */
export class Deadline {
  constructor(readonly at: number) {}

  check(what: string): void {
    if (Date.now() > this.at) throw new Error(`Quá thời gian cho phép của benchmark (BENCH_MAX_MINUTES) khi đang ${what}.`);
  }
}

export interface BenchSite {
  row: SiteRow;
  categories: Record<CategorySlug, number>;
}

const UNITS = ['phuong', 'xa', 'phuong', 'xa', 'dac_khu'] as const;

/** Creates the benchmark's sites (numbered from `first`) through the product's createSite, with their default categories. */
export async function createSites(db: Kysely<Database>, count: number, first = 1): Promise<BenchSite[]> {
  const sites: BenchSite[] = [];
  for (let n = first; n < first + count; n++) {
    const unitType = UNITS[(n - 1) % UNITS.length]!;
    const name = unitType === 'phuong' ? `Phường ${n}` : unitType === 'xa' ? `Xã Bình ${n}` : `Đặc khu ${n}`;
    const row = await createSite(db, { name, unitType, province: 'Đồng Tháp', hosts: [`site${n}.bench.xaphuong.test`] });
    sites.push(await benchSite(db, row));
  }
  return sites;
}

/** The sites createSites made in an earlier run, in the same order. */
export async function existingSites(db: Kysely<Database>): Promise<BenchSite[]> {
  const rows = await db.selectFrom('sites').selectAll().orderBy('id').execute();
  return Promise.all(rows.map((row) => benchSite(db, row)));
}

async function benchSite(db: Kysely<Database>, row: SiteRow): Promise<BenchSite> {
  const rows = await db.selectFrom('categories').select(['id', 'slug']).where('site_id', '=', row.id).execute();
  return { row, categories: Object.fromEntries(rows.map((r) => [r.slug, r.id])) as Record<CategorySlug, number> };
}

export interface LoadStats {
  articles: number;
  seconds: number;
  /** Of which generating the text in JavaScript. */
  generateSeconds: number;
  bodyBytes: number;
}

/**
 * Inserts articles [from, to) of the corpus straight into the articles table,
 * published, through ArticleRepository.insert, 500 per transaction.
 */
export async function loadArticles(
  db: Kysely<Database>,
  sites: BenchSite[],
  seed: number,
  from: number,
  to: number,
  deadline: Deadline,
  onProgress?: (done: number) => void,
): Promise<LoadStats> {
  const started = performance.now();
  let generateMs = 0;
  let bodyBytes = 0;
  const BATCH = 500;
  for (let start = from; start < to; start += BATCH) {
    deadline.check('nạp bài viết');
    const end = Math.min(to, start + BATCH);
    const t0 = performance.now();
    const batch: GeneratedArticle[] = [];
    for (let i = start; i < end; i++) batch.push(generateArticle(seed, i, sites.length));
    generateMs += performance.now() - t0;
    const now = nowIso();
    await db.transaction().execute(async (trx) => {
      for (const a of batch) {
        const site = sites[a.site]!;
        bodyBytes += Buffer.byteLength(a.bodyHtml);
        await new ArticleRepository(trx, site.row.id).insert({
          category_id: site.categories[a.category],
          title: a.title,
          slug: a.slug,
          summary: a.summary,
          body_html: a.bodyHtml,
          writer: '',
          photographer: '',
          status: 'published',
          published_at: a.publishedAt,
          featured_media_id: null,
          is_featured: 0,
          is_demo: 0,
          source_key: null,
          search_text: a.searchText,
          created_at: now,
          updated_at: now,
        });
      }
    });
    onProgress?.(end - from);
  }
  return { articles: to - from, seconds: (performance.now() - started) / 1000, generateSeconds: generateMs / 1000, bodyBytes };
}

export interface IndexStats {
  docs: number;
  /** Emptying the previous index of every site (zero on the first build). */
  clearSeconds: number;
  /** rebuildSearchIndex over every site. */
  seconds: number;
  docsPerSecond: number;
  /** After the build, as `npx xaphuong reindex` does: SQLite merges the index (optimize); PostgreSQL runs VACUUM ANALYZE, as autovacuum would. */
  maintenanceSeconds: number;
}

/**
 * Builds the search index with the product's rebuildSearchIndex, site by
 * site. The previous index (of a smaller step) is emptied first and timed
 * apart, so the build figure is a build from empty.
 */
export async function buildIndex(
  db: Kysely<Database>,
  dialect: DialectName,
  sites: BenchSite[],
  deadline: Deadline,
  onProgress?: (done: number) => void,
): Promise<IndexStats> {
  const c0 = performance.now();
  for (const site of sites) await inTransaction(db, (trx) => new SearchRepository(trx).clearSite(site.row.id));
  const clearSeconds = (performance.now() - c0) / 1000;
  const t0 = performance.now();
  await new SearchRepository(db).beginBulk();
  let docs = 0;
  for (const site of sites) {
    deadline.check('xây chỉ mục');
    const before = docs;
    docs += await rebuildSearchIndex(db, site.row.id, (done) => onProgress?.(before + done));
  }
  const seconds = (performance.now() - t0) / 1000;
  const m0 = performance.now();
  await new SearchRepository(db).optimize();
  if (dialect === 'postgres') {
    for (const table of ['articles', 'search_documents', 'search_terms']) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  }
  const maintenanceSeconds = (performance.now() - m0) / 1000;
  return { docs, clearSeconds, seconds, docsPerSecond: docs / seconds, maintenanceSeconds };
}
