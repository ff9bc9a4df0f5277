import os from 'node:os';
import path from 'node:path';
import type { DialectName } from '../src/db/database.ts';
import { listArticles } from '../src/services/article-reader.ts';
import { search } from '../src/services/search/search-service.ts';
import { openCorpus } from './corpus-db.ts';
import { QUERY_CLASSES, makeQueries } from './queries.ts';
import { latencyStats } from './stats.ts';

/**
 * Paired before/after: one corpus loaded and indexed once, then the same
 * query mix run through this tree's search and through another tree's
 * (BENCH_BASE_TREE, e.g. an export of main), query by query, alternating
 * which goes first, with LIKE measured in the same rounds. For a machine too
 * busy to run the whole benchmark twice: the index is the same for both.
 * With BENCH_DATABASE_URL (PostgreSQL) the corpus is kept there, and a later
 * run with the same BENCH_SIZE reuses it instead of loading it again.
 */
const SIZE = Number(process.env.BENCH_SIZE ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const base = process.env.BENCH_BASE_TREE;
if (!base) throw new Error('BENCH_BASE_TREE is required');
const baseSearch = (await import(path.join(base, 'src/services/search/search-service.ts'))).search as typeof search;
const log = (s: string) => process.stderr.write(`${s}\n`);

async function run(dialect: DialectName) {
  const { db, sites, close } = await openCorpus(dialect, SIZE, log);
  try {
    const queries = makeQueries(20260101, 50, 10);
    const warm = makeQueries(20260102, 4, 10);
    const run = {
      main: (q: (typeof queries)[0]) => baseSearch(db, sites[q.site]!.row, { q: q.q, page: 1, perPage: 10 }),
      branch: (q: (typeof queries)[0]) => search(db, sites[q.site]!.row, { q: q.q, page: 1, perPage: 10 }),
      like: (q: (typeof queries)[0]) => listArticles(db, sites[q.site]!.row, { page: 1, perPage: 10, foldedWords: q.likeWords }),
    };
    for (const q of warm) for (const f of Object.values(run)) await f(q);
    const samples: Record<string, Array<{ cls: string; ms: number }>> = { main: [], branch: [], like: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, q] of queries.entries()) {
        const order = (i + round) % 2 === 0 ? (['main', 'branch', 'like'] as const) : (['branch', 'main', 'like'] as const);
        for (const engine of order) {
          if (engine === 'like' && round > 0) continue;
          const s = process.hrtime.bigint();
          await run[engine](q);
          samples[engine]!.push({ cls: q.cls, ms: Number(process.hrtime.bigint() - s) / 1e6 });
        }
      }
      log(`[${dialect}] round ${round + 1} done, load ${os.loadavg()[0]!.toFixed(1)}`);
    }
    const line = (cls: string) => {
      const pick = (e: string) => latencyStats(samples[e]!.filter((s) => cls === 'overall' || s.cls === cls).map((s) => s.ms));
      const [m, b, l] = [pick('main'), pick('branch'), pick('like')];
      return `${cls.padEnd(10)} main p50 ${m.p50.toFixed(2)} p95 ${m.p95.toFixed(2)} (${(m.p95 / l.p95).toFixed(3)}× LIKE) | branch p50 ${b.p50.toFixed(2)} p95 ${b.p95.toFixed(2)} (${(b.p95 / l.p95).toFixed(3)}× LIKE) | branch/main p95 ${(b.p95 / m.p95).toFixed(3)} | LIKE p95 ${l.p95.toFixed(1)}`;
    };
    console.log(
      `== ${dialect}, ${SIZE} articles, ${ROUNDS} rounds, load ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    for (const cls of [...QUERY_CLASSES, 'overall']) console.log(line(cls));
  } finally {
    await close();
  }
}

for (const d of (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as DialectName[]) await run(d);
