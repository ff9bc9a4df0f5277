import path from 'node:path';
import { sql } from 'kysely';
import { nowIso, openSqlite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { ArticleRepository } from '../../src/repositories/article-repository.ts';
import { summarize } from '../../src/services/article-service.ts';
import { foldVietnamese } from '../../src/text/vietnamese.ts';
import { generateArticle } from '../corpus.ts';
import { type BenchSite, type Deadline, buildIndex, createSites, loadArticles } from '../load.ts';
import { Rng, hashSeed } from '../prng.ts';
import { MAIN } from '../vocabulary.ts';

/**
 * The HTTP benchmark's data set: N sites × M articles in the SQLite file the
 * portal opens (XAPHUONG_DATA/xaphuong.sqlite), loaded straight through the
 * repositories as bench/load.ts does, plus one storm notice on site 1: the
 * page a whole province opens at once.
 */

/** A request target: the Host header and the path. */
export interface Target {
  host: string;
  path: string;
}

export interface DataSet {
  file: string;
  sites: number;
  articlesPerSite: number;
  articles: number;
  hosts: string[];
  storm: Target;
  /** Article pages spread over every site, in a seeded random order. */
  articleTargets: Target[];
  /** Category listing pages (?trang=N) over every site and category. */
  listingTargets: Target[];
  /** Home pages of every site. */
  homeTargets: Target[];
  /** Search pages: rotating queries over rotating sites. */
  searchTargets: Target[];
  searchQueries: string[];
  timings: { sitesSeconds: number; articlesSeconds: number; generateSeconds: number; indexSeconds: number; totalSeconds: number; fileBytes: number };
}

export const STORM_SLUG = 'thong-bao-khan-chu-dong-ung-pho-bao-so-3';
const STORM_TITLE = 'Thông báo khẩn: chủ động ứng phó với bão số 3 và mưa lũ, sơ tán người dân vùng trũng thấp';

/** Queries as residents type them, with and without accents; the first three are the issue's own. */
const FIXED_QUERIES = [
  'nha tinh thuong',
  'đảng ủy',
  'ủy ban nhân dân',
  'bão số 3',
  'bao so 3',
  '"ủy ban nhân dân"',
  'tiêm chủng',
  'an toàn giao thông',
  'cai cach hanh chinh',
  'nông thôn mới',
  'hộ nghèo',
  'học sinh',
  'phong chong dich',
  'thông báo',
  'cấp giấy chứng nhận',
  'hoi nong dan',
];

function searchQueries(rng: Rng): string[] {
  // Phrases of ward news from the corpus vocabulary, beyond the function words; half typed without accents.
  const phrases = MAIN.slice(20, 400).filter((p) => p.includes(' '));
  const drawn: string[] = [];
  for (let i = 0; i < 48 && phrases.length > 0; i++) {
    const p = rng.pick(phrases);
    drawn.push(rng.chance(0.5) ? foldVietnamese(p) : p);
  }
  return [...FIXED_QUERIES, ...drawn];
}

export const hostOf = (n: number) => `site${n}.bench.xaphuong.test`;

/** Builds the data set in `dataDir` (a fresh folder): migrations, sites, articles, storm notice, search index. */
export async function buildDataSet(
  dataDir: string,
  options: { sites: number; articlesPerSite: number; seed: number; deadline: Deadline; log: (line: string) => void },
): Promise<DataSet> {
  const { sites: siteCount, articlesPerSite, seed, deadline, log } = options;
  const file = path.join(dataDir, 'xaphuong.sqlite');
  const handle = openSqlite(file);
  const db = handle.db;
  const t0 = performance.now();
  try {
    await migrateToLatest(db);
    const s0 = performance.now();
    const sites: BenchSite[] = await createSites(db, siteCount);
    const sitesSeconds = (performance.now() - s0) / 1000;
    const hosts = sites.map((s, i) => hostOf(i + 1));
    // createSites names its hosts this way; check, so a change there shows at once.
    const known = await db.selectFrom('site_hosts').select('host').where('host', '=', hosts[0]!).executeTakeFirst();
    if (!known) throw new Error(`bench/load.ts không còn tạo tên miền ${hosts[0]}: sửa hostOf trong bench/http/dataset.ts`);

    const total = siteCount * articlesPerSite;
    let lastLog = 0;
    const stats = await loadArticles(db, sites, seed, 0, total, deadline, (done) => {
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`  nạp bài viết: ${done.toLocaleString('vi-VN')} / ${total.toLocaleString('vi-VN')}`);
      }
    });

    // The storm notice: site 1, category "thông báo", featured, published an hour ago, a realistic body.
    const site1 = sites[0]!;
    const body = generateArticle(seed, total + 1, siteCount);
    const summary = summarize(body.plain);
    const now = nowIso();
    await new ArticleRepository(db, site1.row.id).insert({
      category_id: site1.categories['thong-bao'],
      title: STORM_TITLE,
      slug: STORM_SLUG,
      summary,
      body_html: body.bodyHtml,
      writer: 'Ban Chỉ huy phòng thủ dân sự',
      photographer: '',
      status: 'published',
      published_at: new Date(Date.now() - 3_600_000).toISOString(),
      featured_media_id: null,
      is_featured: 1,
      is_demo: 0,
      source_key: null,
      search_text: foldVietnamese(`${STORM_TITLE} ${summary} ${body.plain}`),
      created_at: now,
      updated_at: now,
    });

    const i0 = performance.now();
    lastLog = 0;
    await buildIndex(db, 'sqlite', sites, deadline, (done) => {
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`  chỉ mục tìm kiếm: ${done.toLocaleString('vi-VN')} / ${(total + 1).toLocaleString('vi-VN')}`);
      }
    });
    const indexSeconds = (performance.now() - i0) / 1000;
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    await sql`analyze`.execute(db);

    // Request targets, drawn with a seeded generator so every run asks the same pages.
    const rng = new Rng(hashSeed(seed, 0x4854_5450));
    const hostBySite = new Map(sites.map((s, i) => [s.row.id, hosts[i]!]));

    const maxId = (
      await db
        .selectFrom('articles')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow()
    ).m as number;
    const wanted = new Set<number>();
    const articleCount = Math.min(5000, total);
    for (let guard = 0; wanted.size < articleCount && guard < articleCount * 20; guard++) wanted.add(rng.int(1, maxId));
    const articleTargets: Target[] = [];
    const ids = [...wanted];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('articles')
        .select(['id', 'site_id', 'slug'])
        .where('id', 'in', ids.slice(i, i + 500))
        .where('slug', '!=', STORM_SLUG)
        .execute();
      for (const r of rows) articleTargets.push({ host: hostBySite.get(r.site_id)!, path: `/bai-viet/${encodeURIComponent(r.slug)}` });
    }
    rng.shuffle(articleTargets);

    const counts = await db
      .selectFrom('articles')
      .innerJoin('categories', 'categories.id', 'articles.category_id')
      .select(['articles.site_id', 'categories.slug'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['articles.site_id', 'categories.slug'])
      .execute();
    const listingTargets: Target[] = [];
    for (let i = 0; i < 3000 && counts.length > 0; i++) {
      const c = rng.pick(counts);
      const pages = Math.max(1, Math.ceil(Number(c.n) / 10));
      // Half the visits stay on the first pages, the rest wander anywhere in the archive.
      const page = rng.chance(0.5) ? rng.int(1, Math.min(3, pages)) : rng.int(1, pages);
      listingTargets.push({ host: hostBySite.get(c.site_id)!, path: `/chuyen-muc/${c.slug}${page > 1 ? `?trang=${page}` : ''}` });
    }

    const homeTargets = rng.shuffle(hosts.map((host) => ({ host, path: '/' })));
    const queries = searchQueries(rng);
    const searchTargets: Target[] = [];
    for (let i = 0; i < 2000; i++) searchTargets.push({ host: rng.pick(hosts), path: `/tim-kiem?q=${encodeURIComponent(rng.pick(queries))}` });

    const fileBytes = (await import('node:fs')).statSync(file).size;
    return {
      file,
      sites: siteCount,
      articlesPerSite,
      articles: total + 1,
      hosts,
      storm: { host: hosts[0]!, path: `/bai-viet/${STORM_SLUG}` },
      articleTargets,
      listingTargets,
      homeTargets,
      searchTargets,
      searchQueries: queries,
      timings: {
        sitesSeconds,
        articlesSeconds: stats.seconds,
        generateSeconds: stats.generateSeconds,
        indexSeconds,
        totalSeconds: (performance.now() - t0) / 1000,
        fileBytes,
      },
    };
  } finally {
    await handle.close();
  }
}
