import os from 'node:os';
import type { DialectName } from '../src/db/database.ts';
import { search } from '../src/services/search/search-service.ts';
import { openCorpus } from './corpus-db.ts';
import { QUERY_CLASSES, makeQueries } from './queries.ts';
import { latencyStats } from './stats.ts';

/**
 * One site's search against the province portal's (every site of the corpus
 * at once, as `/tim-kiem` on a province portal asks), the same query mix,
 * query by query, alternating which goes first. `npm run bench:province`;
 * BENCH_SIZE (100000), BENCH_ROUNDS (2), BENCH_DIALECTS and
 * BENCH_DATABASE_URL as for compare-search.ts.
 */
const SIZE = Number(process.env.BENCH_SIZE ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const log = (s: string) => process.stderr.write(`${s}\n`);

async function run(dialect: DialectName) {
  const { db, sites, close } = await openCorpus(dialect, SIZE, log);
  try {
    const siteIds = sites.map((s) => s.row.id);
    const queries = makeQueries(20260101, 50, sites.length);
    const engines = {
      site: (q: (typeof queries)[0]) => search(db, sites[q.site]!.row, { q: q.q, page: 1, perPage: 10 }),
      province: (q: (typeof queries)[0]) => search(db, sites[q.site]!.row, { q: q.q, page: 1, perPage: 10, siteIds }),
    };
    for (const q of makeQueries(20260102, 4, sites.length)) for (const f of Object.values(engines)) await f(q);
    const samples: Record<keyof typeof engines, Array<{ cls: string; ms: number }>> = { site: [], province: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, q] of queries.entries()) {
        for (const engine of (i + round) % 2 === 0 ? (['site', 'province'] as const) : (['province', 'site'] as const)) {
          const start = process.hrtime.bigint();
          await engines[engine](q);
          samples[engine].push({ cls: q.cls, ms: Number(process.hrtime.bigint() - start) / 1e6 });
        }
      }
      log(`[${dialect}] round ${round + 1} done, load ${os.loadavg()[0]!.toFixed(1)}`);
    }
    console.log(`== ${dialect}, ${SIZE} articles over ${sites.length} sites, ${ROUNDS} rounds, load ${os.loadavg()[0]!.toFixed(1)}`);
    for (const cls of [...QUERY_CLASSES, 'overall']) {
      const pick = (e: keyof typeof engines) => latencyStats(samples[e].filter((s) => cls === 'overall' || s.cls === cls).map((s) => s.ms));
      const [one, all] = [pick('site'), pick('province')];
      console.log(
        `${cls.padEnd(10)} one site p50 ${one.p50.toFixed(1)} p95 ${one.p95.toFixed(1)} | province p50 ${all.p50.toFixed(1)} p95 ${all.p95.toFixed(1)} (${(all.p95 / one.p95).toFixed(2)}× one site)`,
      );
    }
  } finally {
    await close();
  }
}

for (const d of (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as DialectName[]) await run(d);
