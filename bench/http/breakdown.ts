import path from 'node:path';
import { openSqlite } from '../../src/db/database.ts';
import { buildApp } from '../../src/http/app.ts';
import { compressOnce } from '../../src/http/cache/encoding.ts';
import { preparePage } from '../../src/http/cache/page-cache.ts';
import { readArticle } from '../../src/services/article-reader.ts';
import { ViewCounter } from '../../src/services/pages/view-counter.ts';
import { SiteResolver } from '../../src/services/site-service.ts';
import type { Target } from './dataset.ts';
import { ACCEPT_ENCODING } from './wrk.ts';

/**
 * Where the CPU of one uncached article page goes, measured in this process
 * on the same SQLite file (no sockets, no other load): the queries alone
 * (readArticle), the whole route through Fastify's inject with the cache
 * off, and the compression step that the cache plugin runs on every page
 * (gzip + brotli + ETag hash). CPU time comes from process.cpuUsage().
 */

export interface Breakdown {
  pages: number;
  /** CPU ms per call. */
  queriesMs: number;
  injectMs: number;
  prepareMs: number;
  gzipOnlyMs: number;
  brotliOnlyMs: number;
  /** inject − queries: framework, templates, compression. */
  beyondQueriesMs: number;
  /** inject − queries − prepare: framework and templates alone. */
  renderAndFrameworkMs: number;
  /** The floor of Fastify + inject: GET /healthz (one "select 1"). */
  fastifyFloorMs: number;
  /** Writing one article's batched view count (ViewCounter.flush: one row of article_views per distinct article). */
  viewFlushPerArticleMs: number;
  htmlBytes: number;
  brBytes: number;
  gzipBytes: number;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs `fn` over the items for at most `maxMs` (after a short warm-up); CPU ms per call. */
async function perCall<T>(items: T[], maxMs: number, fn: (item: T) => unknown): Promise<{ ms: number; n: number }> {
  for (let i = 0; i < Math.min(200, items.length); i++) await fn(items[i]!);
  const until = performance.now() + maxMs;
  const c0 = cpuNow();
  let n = 0;
  for (const item of items) {
    await fn(item);
    n += 1;
    if (performance.now() > until) break;
  }
  return { ms: n ? (cpuNow() - c0) / n : Number.NaN, n };
}

export async function measureBreakdown(dataDir: string, targets: Target[], maxMsEach = 6000): Promise<Breakdown> {
  const handle = openSqlite(path.join(dataDir, 'xaphuong.sqlite'));
  const app = await buildApp({ db: handle.db, config: { mediaDir: path.join(dataDir, 'media'), trustProxy: false, logLevel: 'silent', cacheBytes: 0 } });
  try {
    const resolver = new SiteResolver(handle.db, 3_600_000);
    const items: Array<Target & { site: NonNullable<Awaited<ReturnType<SiteResolver['resolve']>>>; slug: string }> = [];
    for (const t of targets.slice(0, 3000)) {
      const site = await resolver.resolve(t.host);
      if (site) items.push({ ...t, site, slug: decodeURIComponent(t.path.replace(/^\/bai-viet\//, '')) });
    }
    // As the article route reads them: "Thông tin khác" from each site's list kept in memory.
    const queries = await perCall(items, maxMsEach, (t) => readArticle(handle.db, t.site, t.slug, new Date(), app.latestPosts.others));
    const inject = await perCall(items, maxMsEach, async (t) => {
      const res = await app.inject({ method: 'GET', url: t.path, headers: { host: t.host, 'accept-encoding': ACCEPT_ENCODING } });
      if (res.statusCode !== 200) throw new Error(`inject ${t.host}${t.path}: HTTP ${res.statusCode}`);
    });
    const htmls: string[] = [];
    for (const t of items.slice(0, 200)) htmls.push((await app.inject({ method: 'GET', url: t.path, headers: { host: t.host } })).body);
    const many = Array.from({ length: 4000 }, (_, i) => htmls[i % htmls.length]!);
    const prepare = await perCall(many, maxMsEach / 2, (html) => preparePage('http://x/y', html, 'text/html; charset=utf-8', ['a', 'b'], 1));
    // At the quick levels a miss compresses with (see page-cache.ts).
    const gzipOnly = await perCall(many, maxMsEach / 4, (html) => compressOnce(Buffer.from(html), 'gzip'));
    const brotliOnly = await perCall(many, maxMsEach / 4, (html) => compressOnce(Buffer.from(html), 'br'));
    const sample = preparePage('http://x/y', htmls[0]!, 'text/html', [], null);
    const floor = await perCall(items, maxMsEach / 4, () => app.inject({ method: 'GET', url: '/healthz', headers: { host: items[0]!.host } }));
    // As under the cache-miss load: nearly every view is of a different article, so each flush writes one row per view.
    const views = new ViewCounter();
    const ids = new Map<string, { site: number; id: number }>();
    for (const t of items.slice(0, 1000)) {
      const content = await readArticle(handle.db, t.site, t.slug);
      ids.set(`${t.site.id}:${content.article.id}`, { site: t.site.id, id: content.article.id });
    }
    for (const v of ids.values()) views.add(v.site, v.id);
    const f0 = cpuNow();
    await views.flush(handle.db);
    const viewFlushPerArticleMs = ids.size ? (cpuNow() - f0) / ids.size : Number.NaN;
    return {
      pages: inject.n,
      queriesMs: queries.ms,
      injectMs: inject.ms,
      prepareMs: prepare.ms,
      gzipOnlyMs: gzipOnly.ms,
      brotliOnlyMs: brotliOnly.ms,
      beyondQueriesMs: inject.ms - queries.ms,
      renderAndFrameworkMs: inject.ms - queries.ms - prepare.ms,
      fastifyFloorMs: floor.ms,
      viewFlushPerArticleMs,
      htmlBytes: sample.identity.length,
      brBytes: sample.br!.length,
      gzipBytes: sample.gzip!.length,
    };
  } finally {
    await app.close();
    await handle.close();
  }
}
