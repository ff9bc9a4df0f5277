/**
 * npm run bench: the search benchmark. Builds a seeded Vietnamese corpus on
 * SQLite and PostgreSQL, in growing steps (10 %, 30 %, 100 % of BENCH_SIZE),
 * builds the search index with the product's rebuild, runs the query mix
 * through the product's search and through the naive LIKE listing as the
 * baseline, prints every figure with its ratio to the baseline, fits latency
 * against corpus size to extrapolate to 1M, and writes bench/results/*.json.
 * See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { type DatabaseHandle, type DialectName, openPostgres, openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { listArticles } from '../src/services/article-reader.ts';
import { search } from '../src/services/search/search-service.ts';
import { type BenchSite, Deadline, buildIndex, createSites, loadArticles } from './load.ts';
import { gitState, intEnv, waitForOtherBenchmarks } from './machine.ts';
import { startPostgres } from './postgres.ts';
import { runPass } from './search-pass.ts';
import { type BenchQuery, CLASS_NOTES, QUERY_CLASSES, makeQueries } from './queries.ts';
import {
  type DialectResult,
  type Extrapolation,
  type StepResult,
  corpusFacts,
  extrapolationReport,
  int,
  ms,
  num,
  pad,
  ratio,
  secs,
  stepReport,
} from './search-report.ts';
import { fitSize } from './stats.ts';

// ---------------------------------------------------------------- settings

const SIZE = intEnv('BENCH_SIZE', 100_000, 100);
const SITES = intEnv('BENCH_SITES', 10);
const SEED = intEnv('BENCH_SEED', 20_260_101, 0);
const PER_CLASS = intEnv('BENCH_QUERIES_PER_CLASS', 50);
const WARMUP = intEnv('BENCH_WARMUP', 30, 0);
const PASS_SECONDS = intEnv('BENCH_PASS_SECONDS', 120);
const MAX_MINUTES = intEnv('BENCH_MAX_MINUTES', 30);
const WAIT_MINUTES = intEnv('BENCH_WAIT_MINUTES', 10, 0);
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim()) as DialectName[];
for (const d of DIALECTS) if (d !== 'sqlite' && d !== 'postgres') throw new Error(`BENCH_DIALECTS: "${d}" không phải sqlite hay postgres.`);
/** Corpus sizes measured, growing: 10 %, 30 % and 100 % of BENCH_SIZE. */
const STEPS = [...new Set([Math.round(SIZE / 10), Math.round((SIZE * 3) / 10), SIZE])].filter((n) => n >= SITES);
const EXTRAPOLATE_TO = 1_000_000;
/** The issue's target: p95 under 20 ms at 100k articles on SQLite. */
const TARGET = { dialect: 'sqlite' as DialectName, size: 100_000, p95Ms: 20 };
const RESULTS_DIR = path.join(import.meta.dirname, 'results');

// ------------------------------------------------------- cleanup, always

const cleanups: Array<{ name: string; run: () => void }> = [];
function addCleanup(name: string, run: () => void): () => void {
  const entry = { name, run };
  cleanups.push(entry);
  return () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
    run();
  };
}
function cleanupAll(): void {
  while (cleanups.length) {
    const entry = cleanups.pop()!;
    try {
      entry.run();
    } catch (error) {
      process.stderr.write(`dọn dẹp ${entry.name} thất bại: ${String(error)}\n`);
    }
  }
}
process.on('exit', cleanupAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: dừng benchmark, dọn thư mục tạm và PostgreSQL…\n`);
    cleanupAll();
    process.exit(130);
  });
}

// ---------------------------------------------------------- formatting

const log = (line: string) => process.stderr.write(`${line}\n`);

// ------------------------------------------------------------- machine

// -------------------------------------------------------------- passes

// ------------------------------------------------------------ dialects

interface OpenDatabase {
  handle: DatabaseHandle;
  version: string;
  bytes(): Promise<number>;
  close(): Promise<void>;
}

async function openBenchDatabase(dialect: DialectName): Promise<OpenDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-bench-sqlite-'));
    const removeDir = addCleanup('thư mục SQLite tạm', () => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'bench.sqlite');
    const handle = openSqlite(file);
    const { rows } = await sql<{ v: string }>`select sqlite_version() as v`.execute(handle.db);
    return {
      handle,
      version: `SQLite ${rows[0]?.v ?? '?'}`,
      bytes: async () => ['', '-wal', '-shm'].reduce((sum, suffix) => sum + (fs.existsSync(file + suffix) ? fs.statSync(file + suffix).size : 0), 0),
      close: async () => {
        await handle.close();
        removeDir();
      },
    };
  }
  log('Khởi động PostgreSQL tạm…');
  const server = await startPostgres();
  const stopServer = addCleanup('PostgreSQL tạm', server.stop);
  // One hung query must not hang the run: every statement is bounded.
  const url = `${server.url}?options=${encodeURIComponent('-c statement_timeout=120000')}`;
  const handle = openPostgres(url);
  return {
    handle,
    version: server.version.replace(/^postgres \(PostgreSQL\) (\S+).*$/, 'PostgreSQL $1'),
    bytes: async () => Number((await sql<{ n: number }>`select pg_database_size(current_database()) as n`.execute(handle.db)).rows[0]?.n ?? 0),
    close: async () => {
      try {
        await handle.close();
      } finally {
        stopServer();
      }
    },
  };
}

// ---------------------------------------------------------------- steps

function extrapolate(steps: StepResult[]): Extrapolation {
  const fit = (pick: (s: StepResult) => number) =>
    fitSize(
      steps.map((s) => ({ n: s.size, y: pick(s) })),
      EXTRAPOLATE_TO,
    );
  const byClass = {} as Extrapolation['ftsP95ByClass'];
  for (const cls of QUERY_CLASSES) byClass[cls] = fit((s) => s.fts.figures[cls].p95);
  return {
    to: EXTRAPOLATE_TO,
    assumption: `the corpus grows with the same ${SITES} sites (so ${int(EXTRAPOLATE_TO / SITES)} articles per site at 1M), same vocabulary and query mix`,
    ftsP95: fit((s) => s.fts.figures.overall.p95),
    likeP95: fit((s) => s.like.figures.overall.p95),
    ftsP50: fit((s) => s.fts.figures.overall.p50),
    ftsP95ByClass: byClass,
    indexBuildSeconds: fit((s) => s.index.seconds),
  };
}

async function runDialect(dialect: DialectName, queries: BenchQuery[], warmups: BenchQuery[], deadline: Deadline): Promise<DialectResult> {
  const started = performance.now();
  const result: DialectResult = { dialect, version: '?', complete: false, seconds: 0, steps: [] };
  let open: OpenDatabase | undefined;
  try {
    open = await openBenchDatabase(dialect);
    result.version = open.version;
    const db: Kysely<Database> = open.handle.db;
    await migrateToLatest(db);
    const sites: BenchSite[] = await createSites(db, SITES);
    let loaded = 0;
    for (const size of STEPS) {
      log(`[${dialect}] nạp bài ${int(loaded)} → ${int(size)}…`);
      const load = await loadArticles(db, sites, SEED, loaded, size, deadline, progress(`[${dialect}] nạp`, size - loaded));
      loaded = size;
      log(`[${dialect}] xây chỉ mục cho ${int(size)} bài…`);
      const index = await buildIndex(db, dialect, sites, deadline, progress(`[${dialect}] chỉ mục`, size));
      const databaseBytes = await open.bytes();
      log(`[${dialect}] đo ${queries.length} truy vấn FTS…`);
      const exec = (engine: 'fts' | 'like') => (q: BenchQuery) =>
        engine === 'fts'
          ? search(db, sites[q.site]!.row, { q: q.q, page: 1, perPage: 10 }).then((o) => o.total)
          : listArticles(db, sites[q.site]!.row, { page: 1, perPage: 10, foldedWords: q.likeWords }).then((l) => l.pagination.total);
      const fts = await runPass('fts', queries, warmups, exec('fts'), deadline, PASS_SECONDS);
      log(`[${dialect}] đo ${queries.length} truy vấn LIKE…`);
      const like = await runPass('like', queries, warmups, exec('like'), deadline, PASS_SECONDS);
      const step: StepResult = {
        size,
        perSite: Math.round(size / SITES),
        load: { ...load, rowsPerSecond: load.articles / load.seconds, totalArticles: size },
        index,
        databaseBytes,
        fts,
        like,
      };
      result.steps.push(step);
      log(`[${dialect}] ${int(size)} bài: FTS p95 ${ms(fts.figures.overall.p95)}, LIKE p95 ${ms(like.figures.overall.p95)}`);
    }
    result.extrapolation = extrapolate(result.steps);
    const atTarget = result.steps.find((s) => s.size === TARGET.size);
    const last = result.steps.at(-1)!;
    const measured = (atTarget ?? last).fts.figures.overall.p95;
    result.target = {
      size: TARGET.size,
      p95Ms: TARGET.p95Ms,
      measuredP95Ms: measured,
      met: measured < TARGET.p95Ms,
      applies: atTarget !== undefined && dialect === TARGET.dialect,
    };
    result.complete = true;
  } catch (error) {
    result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`[${dialect}] LỖI: ${result.error}`);
  } finally {
    await open?.close().catch((error) => log(`[${dialect}] đóng CSDL thất bại: ${String(error)}`));
    result.seconds = (performance.now() - started) / 1000;
  }
  return result;
}

function progress(label: string, total: number): (done: number) => void {
  let lastShown = 0;
  return (done) => {
    const now = Date.now();
    if (now - lastShown < 5000 && done < total) return;
    lastShown = now;
    log(`  ${label}: ${int(done)}/${int(total)}`);
  };
}

// --------------------------------------------------------------- report

/** Taken when this module is evaluated, right after the product's modules were loaded. */
const GIT_AT_START = gitState();

// ----------------------------------------------------------------- main

async function main(): Promise<number> {
  const othersAtStart = await waitForOtherBenchmarks(WAIT_MINUTES, log);
  const startedAt = new Date();
  // The time limit counts from here, after any wait for another benchmark.
  const deadline = new Deadline(Date.now() + MAX_MINUTES * 60_000);
  const queries = makeQueries(SEED, PER_CLASS, SITES);
  const warmups = makeQueries(SEED + 1, Math.ceil(WARMUP / QUERY_CLASSES.length), SITES).slice(0, WARMUP);
  const facts = corpusFacts(SIZE, SEED, SITES);
  log(
    `Benchmark tìm kiếm: ${int(SIZE)} bài, các bước ${STEPS.map(int).join(' → ')}, ${SITES} trang, ${queries.length} truy vấn/bước, ${DIALECTS.join(' + ')}; giới hạn ${MAX_MINUTES} phút.`,
  );

  const results: DialectResult[] = [];
  for (const dialect of DIALECTS) results.push(await runDialect(dialect, queries, warmups, deadline));
  const seconds = (Date.now() - startedAt.getTime()) / 1000;

  const meta = {
    startedAt: startedAt.toISOString(),
    seconds,
    commit: GIT_AT_START.commit,
    uncommittedSrcFiles: GIT_AT_START.uncommittedSrcFiles,
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    memoryBytes: os.totalmem(),
    settings: {
      size: SIZE,
      steps: STEPS,
      sites: SITES,
      seed: SEED,
      queriesPerClass: PER_CLASS,
      warmup: WARMUP,
      passSeconds: PASS_SECONDS,
      maxMinutes: MAX_MINUTES,
      waitMinutes: WAIT_MINUTES,
      dialects: DIALECTS,
    },
    otherBenchmarksAtStart: othersAtStart,
    corpus: {
      vocabulary: 'bench/vocabulary.ts, Zipf–Mandelbrot (s = 1,05, q = 2,7) over the ranked words, rare words and numbers sprinkled in',
      categories: 'tin-tuc 60 %, thong-bao 25 %, tai-lieu 15 %',
      dates: '2015-01-01 … 2026-10-31',
      ...facts,
    },
    queryClasses: CLASS_NOTES,
    target: TARGET,
  };

  // ---- the printed report
  const lines: string[] = [];
  lines.push('');
  const dirty = meta.uncommittedSrcFiles ? ` + ${meta.uncommittedSrcFiles} uncommitted file(s) in src/` : '';
  lines.push(`SEARCH BENCHMARK  ${meta.startedAt}  commit ${meta.commit ?? '?'}${dirty}  Node ${meta.node}  ${meta.cpus}`);
  lines.push(
    `corpus: ${int(SIZE)} articles over ${SITES} sites, seed ${SEED}; titles ≈ ${num(facts.avgTitleWords)} words, bodies ≈ ${num(facts.avgBodyWords, 0)} words / ${num(facts.avgBodyBytes / 1024, 2)} KB; steps ${STEPS.map(int).join(' → ')}`,
  );
  lines.push(
    `queries: ${PER_CLASS} per class × ${QUERY_CLASSES.length} classes = ${queries.length} per step and engine, after ${WARMUP} warm-up queries; FTS = search() of the product, LIKE = listArticles(foldedWords) (baseline); "× LIKE" = FTS figure / LIKE figure; hits = mean result count`,
  );
  for (const cls of QUERY_CLASSES) lines.push(`  ${pad(cls, 11)} ${CLASS_NOTES[cls]}`);
  for (const r of results) {
    lines.push('');
    lines.push(`══ ${r.version} ${'═'.repeat(60)}`);
    for (const s of r.steps) {
      lines.push(...stepReport(r, s, SITES));
      lines.push('');
    }
    lines.push(...extrapolationReport(r));
    if (r.error) lines.push(`  ERROR (${r.dialect}): ${r.error.split('\n')[0]}`);
    lines.push(`  time for ${r.dialect}: ${secs(r.seconds)}`);
  }
  lines.push('');
  lines.push('SUMMARY');
  for (const r of results) {
    const last = r.steps.at(-1);
    if (!last) {
      lines.push(`  ${r.dialect}: no figures (${r.error?.split('\n')[0] ?? 'not run'})`);
      continue;
    }
    const o = last.fts.figures.overall;
    const b = last.like.figures.overall;
    lines.push(
      `  ${pad(r.version, 18)} ${int(last.size)} articles: FTS p95 = ${ms(o.p95)} = ${ratio(o.p95, b.p95)} LIKE (${ms(b.p95)}); index build ${secs(last.index.seconds)} (${int(last.index.docsPerSecond)} docs/s); p95 at 1M ≈ ${ms(r.extrapolation?.ftsP95.power.predicted ?? Number.NaN)} (power-law fit)`,
    );
  }
  const sqlite = results.find((r) => r.dialect === TARGET.dialect);
  if (sqlite?.target) {
    const t = sqlite.target;
    lines.push(
      t.applies
        ? `  TARGET p95 < ${t.p95Ms} ms at ${int(t.size)} articles on SQLite: ${t.met ? 'MET' : 'NOT MET'} (p95 = ${ms(t.measuredP95Ms)})`
        : `  TARGET p95 < ${t.p95Ms} ms at ${int(t.size)} articles on SQLite: not evaluated, BENCH_SIZE = ${int(SIZE)} (p95 at ${int(SIZE)} = ${ms(t.measuredP95Ms)})`,
    );
  } else {
    lines.push(`  TARGET p95 < ${TARGET.p95Ms} ms at ${int(TARGET.size)} articles on SQLite: not evaluated (SQLite not run or failed)`);
  }
  lines.push(`  total time ${secs(seconds)} (${num(seconds / 60, 1)} min)`);

  // ---- the JSON files
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const written: string[] = [];
  for (const r of results) {
    const file = path.join(RESULTS_DIR, `search-${r.dialect}.json`);
    fs.writeFileSync(file, `${JSON.stringify({ meta, result: r }, null, 2)}\n`);
    written.push(path.relative(process.cwd(), file));
  }
  const latest = path.join(RESULTS_DIR, 'latest.json');
  fs.writeFileSync(latest, `${JSON.stringify({ meta, results }, null, 2)}\n`);
  written.push(path.relative(process.cwd(), latest));
  lines.push(`  written: ${written.join(', ')}`);

  process.stdout.write(`${lines.join('\n')}\n`);
  return results.every((r) => r.complete) ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  cleanupAll();
}
process.exit(code);
