/**
 * npm run bench: the search benchmark. Builds a seeded Vietnamese corpus on
 * SQLite and PostgreSQL, in growing steps (10 %, 30 %, 100 % of BENCH_SIZE),
 * builds the search index with the product's rebuild, runs the query mix
 * through the product's search and through the naive LIKE listing as the
 * baseline, prints every figure with its ratio to the baseline, fits latency
 * against corpus size to extrapolate to 1M, and writes bench/results/*.json.
 * See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { type DatabaseHandle, type DialectName, openPostgres, openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { listArticles } from '../src/services/article-reader.ts';
import { search } from '../src/services/search/search-service.ts';
import { generateArticle } from './corpus.ts';
import { type BenchSite, Deadline, type IndexStats, type LoadStats, buildIndex, createSites, loadArticles } from './load.ts';
import { startPostgres } from './postgres.ts';
import { type BenchQuery, CLASS_NOTES, QUERY_CLASSES, type QueryClass, makeQueries } from './queries.ts';
import { type LatencyStats, type SizeFit, fitSize, latencyStats } from './stats.ts';

// ---------------------------------------------------------------- settings

function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} phải là số nguyên ≥ ${min}, nhận được "${raw}".`);
  return n;
}

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

const nf = (digits: number) => new Intl.NumberFormat('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (n: number) => nf(0).format(n);
const num = (n: number, digits = 1) => (Number.isFinite(n) ? nf(digits).format(n) : '–');
const ms = (n: number) => (Number.isFinite(n) ? `${num(n, n < 10 ? 2 : 1)} ms` : '–');
const ratio = (a: number, b: number) => {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return '–';
  const r = a / b;
  return `${num(r, r < 0.1 ? 3 : 2)} ×`;
};
const mb = (bytes: number) => `${num(bytes / 1024 / 1024, 0)} MB`;
const secs = (s: number) => `${num(s, 1)} s`;
const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const lpad = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);
const log = (line: string) => process.stderr.write(`${line}\n`);

// ------------------------------------------------------------- machine

/** When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat). */
function startTicks(pid: number | string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return Number.NaN;
  }
}

/** Other benchmark processes on this machine (bench/http/run.ts, another bench/run.ts), by command line. */
function otherBenchmarks(startedBeforeMe = false): string[] {
  const found: string[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return found;
  }
  const mine = startTicks(process.pid);
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid || Number(entry) === process.ppid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      const program = path.basename(cmd.split(' ')[0] ?? '');
      if (!/bench\/(http\/)?run\.ts/.test(cmd) || !/^node/.test(program)) continue;
      if (startedBeforeMe && !(startTicks(entry) <= mine)) continue;
      found.push(`${entry} ${cmd.slice(0, 100)}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** CPU time (clock ticks) used so far by a process and all its descendants. */
function treeCpuTicks(root: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields 4 (ppid), 14–17 (utime, stime, and those of reaped children).
      parent.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    } catch {
      // Gone meanwhile.
    }
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== root) p = parent.get(p);
    if (p === root) total += t;
  }
  return total;
}

/**
 * Two benchmarks at once on a small machine skew each other: wait, bounded,
 * for one that started before this one to finish (one that started later
 * waits for this one). An older one that sits idle, with its children, for
 * two checks in a row is taken to be waiting for this one, and this one goes
 * ahead, so two benchmarks never wait for each other. It also waits for the
 * load average to fall under ¾ of the cores (tests, builds…).
 */
async function waitForQuietMachine(): Promise<string[]> {
  const until = Date.now() + WAIT_MINUTES * 60_000;
  const CHECK_MS = 15_000;
  let idleChecks = 0;
  let before = new Map<string, number>();
  const cores = os.cpus().length;
  for (;;) {
    const others = otherBenchmarks(true);
    const load = os.loadavg()[0]!;
    const loaded = load > cores * 0.75;
    if (others.length === 0 && !loaded) return [];
    if (Date.now() >= until) {
      log(`! Máy vẫn bận sau ${WAIT_MINUTES} phút (BENCH_WAIT_MINUTES): tải ${num(load, 1)} trên ${cores} nhân${others.length ? `, benchmark khác: ${others.join('; ')}` : ''}; đo tiếp, số liệu có thể bị lệch.`);
      return others;
    }
    if (others.length) {
      const now = new Map(others.map((o) => [o, treeCpuTicks(Number(o.split(' ')[0]))]));
      // Idle: under 2 % of one core over the last check.
      const idle = others.every((o) => before.has(o) && now.get(o)! - before.get(o)! < 0.02 * (CHECK_MS / 1000) * 100);
      idleChecks = idle ? idleChecks + 1 : 0;
      before = now;
      if (idleChecks >= 2 && !loaded) {
        log(`Benchmark khác đang chờ (không dùng CPU), có lẽ chờ benchmark này: chạy trước. ${others.join('; ')}`);
        return others;
      }
    }
    log(`Đợi máy rảnh (tối đa ${WAIT_MINUTES} phút): tải ${num(load, 1)} trên ${cores} nhân${others.length ? `, benchmark khác: ${others.join('; ')}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(CHECK_MS, Math.max(1000, until - Date.now()))));
  }
}

/** How busy the machine was around a measurement: 1-minute load average before and after, and other benchmarks seen. */
interface MachineLoad {
  loadStart: number;
  loadEnd: number;
  cores: number;
  /** Other benchmarks seen during the pass, with the share of one core their process trees used. */
  otherBenchmarks: Array<{ process: string; cpuShare: number }>;
  /** Load above the number of cores, or another benchmark running: the figures are skewed. */
  busy: boolean;
}

// -------------------------------------------------------------- passes

interface Sample {
  cls: QueryClass;
  ms: number;
  total: number;
}

interface ClassFigures extends LatencyStats {
  /** Mean number of matching articles reported (the result count). */
  meanTotal: number;
  /** Share of queries with no match. */
  zeroShare: number;
}

type Breakdown = Record<QueryClass | 'overall', ClassFigures>;

interface PassResult {
  engine: 'fts' | 'like';
  planned: number;
  measured: number;
  /** False when the time budget cut the pass short. */
  complete: boolean;
  seconds: number;
  figures: Breakdown;
  machine: MachineLoad;
}

function figuresOf(samples: Sample[]): ClassFigures {
  const stats = latencyStats(samples.map((s) => s.ms));
  const totals = samples.map((s) => s.total);
  return {
    ...stats,
    meanTotal: totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : Number.NaN,
    zeroShare: totals.length ? totals.filter((t) => t === 0).length / totals.length : Number.NaN,
  };
}

async function runPass(
  engine: 'fts' | 'like',
  queries: BenchQuery[],
  warmups: BenchQuery[],
  exec: (q: BenchQuery) => Promise<number>,
  deadline: Deadline,
): Promise<PassResult> {
  const loadStart = os.loadavg()[0]!;
  const othersStart = new Map(otherBenchmarks().map((o) => [o, treeCpuTicks(Number(o.split(' ')[0]))]));
  for (const q of warmups) await exec(q);
  const started = performance.now();
  const budgetEnds = started + PASS_SECONDS * 1000;
  const samples: Sample[] = [];
  let complete = true;
  for (const q of queries) {
    deadline.check(`đo truy vấn ${engine}`);
    if (performance.now() > budgetEnds) {
      complete = false;
      break;
    }
    const t0 = process.hrtime.bigint();
    const total = await exec(q);
    const t1 = process.hrtime.bigint();
    samples.push({ cls: q.cls, ms: Number(t1 - t0) / 1e6, total });
  }
  const figures = { overall: figuresOf(samples) } as Breakdown;
  for (const cls of QUERY_CLASSES) figures[cls] = figuresOf(samples.filter((s) => s.cls === cls));
  const seconds = (performance.now() - started) / 1000;
  const loadEnd = os.loadavg()[0]!;
  // CPU the other benchmarks used meanwhile (one that sits waiting for this one uses none).
  const others = [...new Set([...othersStart.keys(), ...otherBenchmarks()])].map((o) => {
    const ticks = treeCpuTicks(Number(o.split(' ')[0])) - (othersStart.get(o) ?? 0);
    return { process: o, cpuShare: Math.max(0, ticks) / 100 / Math.max(seconds, 0.001) };
  });
  const cores = os.cpus().length;
  const machine = { loadStart, loadEnd, cores, otherBenchmarks: others, busy: others.some((o) => o.cpuShare > 0.05) || Math.max(loadStart, loadEnd) > cores };
  return { engine, planned: queries.length, measured: samples.length, complete, seconds, figures, machine };
}

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

interface StepResult {
  size: number;
  perSite: number;
  load: LoadStats & { rowsPerSecond: number; totalArticles: number };
  index: IndexStats;
  databaseBytes: number;
  fts: PassResult;
  like: PassResult;
}

interface DialectResult {
  dialect: DialectName;
  version: string;
  complete: boolean;
  error?: string;
  seconds: number;
  steps: StepResult[];
  extrapolation?: Extrapolation;
  target?: { size: number; p95Ms: number; measuredP95Ms: number; met: boolean; applies: boolean };
}

interface Extrapolation {
  to: number;
  assumption: string;
  ftsP95: { power: SizeFit; linear: SizeFit };
  likeP95: { power: SizeFit; linear: SizeFit };
  ftsP50: { power: SizeFit; linear: SizeFit };
  ftsP95ByClass: Record<QueryClass, { power: SizeFit; linear: SizeFit }>;
  indexBuildSeconds: { power: SizeFit; linear: SizeFit };
}

function extrapolate(steps: StepResult[]): Extrapolation {
  const fit = (pick: (s: StepResult) => number) => fitSize(steps.map((s) => ({ n: s.size, y: pick(s) })), EXTRAPOLATE_TO);
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
      const fts = await runPass('fts', queries, warmups, exec('fts'), deadline);
      log(`[${dialect}] đo ${queries.length} truy vấn LIKE…`);
      const like = await runPass('like', queries, warmups, exec('like'), deadline);
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
    result.target = { size: TARGET.size, p95Ms: TARGET.p95Ms, measuredP95Ms: measured, met: measured < TARGET.p95Ms, applies: atTarget !== undefined && dialect === TARGET.dialect };
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

function corpusFacts(): { avgTitleWords: number; avgBodyWords: number; avgBodyBytes: number; sample: { title: string; firstParagraph: string } } {
  let titleWords = 0;
  let bodyWords = 0;
  let bodyBytes = 0;
  const n = Math.min(2000, SIZE);
  for (let i = 0; i < n; i++) {
    const a = generateArticle(SEED, i, SITES);
    titleWords += a.titleWords;
    bodyWords += a.bodyWords;
    bodyBytes += Buffer.byteLength(a.plain);
  }
  const first = generateArticle(SEED, 0, SITES);
  return {
    avgTitleWords: titleWords / n,
    avgBodyWords: bodyWords / n,
    avgBodyBytes: bodyBytes / n,
    sample: { title: first.title, firstParagraph: first.plain.slice(0, 200) },
  };
}

function stepReport(r: DialectResult, s: StepResult): string[] {
  const out: string[] = [];
  out.push(`${r.version}: ${int(s.size)} articles (${SITES} sites × ${int(s.perSite)}), database ${mb(s.databaseBytes)}`);
  out.push(
    `  load   ${secs(s.load.seconds)} = ${int(s.load.rowsPerSecond)} articles/s for ${int(s.load.articles)} new articles (generating the text: ${secs(s.load.generateSeconds)})`,
  );
  out.push(
    `  index build (rebuildSearchIndex, all sites) ${secs(s.index.seconds)} = ${int(s.index.docsPerSecond)} docs/s for ${int(s.index.docs)} docs` +
      (s.index.clearSeconds > 0.05 ? `; emptying the previous index first ${secs(s.index.clearSeconds)}` : '') +
      (r.dialect === 'postgres' ? `; then VACUUM ANALYZE ${secs(s.index.maintenanceSeconds)}` : `; then optimize (merge) ${secs(s.index.maintenanceSeconds)}`),
  );
  const cut = (p: PassResult) => (p.complete ? '' : ` (cut by BENCH_PASS_SECONDS after ${p.measured}/${p.planned})`);
  out.push(`  queries: FTS ${s.fts.measured} in ${secs(s.fts.seconds)}${cut(s.fts)}, LIKE ${s.like.measured} in ${secs(s.like.seconds)}${cut(s.like)}`);
  const load = (p: PassResult) => `${num(p.machine.loadStart, 1)} → ${num(p.machine.loadEnd, 1)}`;
  out.push(`  machine: load average FTS pass ${load(s.fts)}, LIKE pass ${load(s.like)} on ${s.fts.machine.cores} cores`);
  for (const p of [s.fts, s.like]) {
    if (p.machine.busy) {
      const running = p.machine.otherBenchmarks.filter((o) => o.cpuShare > 0.05);
      const why = running.length
        ? `another benchmark was running (${running.map((o) => `${o.process.split(' ')[0]}: ${num(o.cpuShare * 100, 0)} % of a core`).join(', ')})`
        : `load average above ${p.machine.cores}`;
      out.push(`  ! machine busy during the ${p.engine.toUpperCase()} pass: ${why}; its figures are skewed`);
    }
  }
  const head = `  ${pad('class', 11)} ${lpad('n', 4)} │ ${['p50', 'p95', 'p99', 'mean'].map((h) => pad(`FTS ${h}  (× LIKE)`, 22)).join(' ')} │ ${['p50', 'p95', 'p99', 'mean'].map((h) => lpad(`LIKE ${h}`, 10)).join(' ')} │ ${lpad('hits FTS', 9)} ${lpad('hits LIKE', 9)}`;
  out.push(head);
  out.push(`  ${'─'.repeat(head.length - 2)}`);
  for (const cls of [...QUERY_CLASSES, 'overall'] as const) {
    const f = s.fts.figures[cls];
    const l = s.like.figures[cls];
    const cells = (['p50', 'p95', 'p99', 'mean'] as const).map((k) => pad(`${lpad(ms(f[k]), 9)} (${ratio(f[k], l[k])})`, 22));
    const likeCells = (['p50', 'p95', 'p99', 'mean'] as const).map((k) => lpad(ms(l[k]), 10));
    out.push(`  ${pad(cls, 11)} ${lpad(String(f.n), 4)} │ ${cells.join(' ')} │ ${likeCells.join(' ')} │ ${lpad(num(f.meanTotal, 0), 9)} ${lpad(num(l.meanTotal, 0), 9)}`);
  }
  const o = s.fts.figures.overall;
  const b = s.like.figures.overall;
  out.push(`  FTS p50 = ${ms(o.p50)} = ${ratio(o.p50, b.p50)} LIKE (${ms(b.p50)})`);
  out.push(`  FTS p95 = ${ms(o.p95)} = ${ratio(o.p95, b.p95)} LIKE (${ms(b.p95)})`);
  out.push(`  FTS p99 = ${ms(o.p99)} = ${ratio(o.p99, b.p99)} LIKE (${ms(b.p99)})`);
  out.push(`  FTS mean = ${ms(o.mean)} = ${ratio(o.mean, b.mean)} LIKE (${ms(b.mean)})`);
  return out;
}

function extrapolationReport(r: DialectResult): string[] {
  const e = r.extrapolation;
  if (!e) return [];
  const fitLine = (label: string, f: { power: SizeFit; linear: SizeFit }, unit: (n: number) => string) =>
    `  ${pad(label, 22)} ${f.power.points.map((p) => `${int(p.n)}: ${unit(p.y)}`).join(', ')}  →  1M ≈ ${unit(f.power.predicted)} (power law, b = ${num(f.power.exponent, 2)}); linear fit ≈ ${unit(f.linear.predicted)}`;
  const out = [`${r.version}: extrapolation to ${int(e.to)} articles`];
  out.push(`  method: least-squares fit of the figure against corpus size N over the measured steps, as a power law y = c·N^b on log–log axes (primary) and as a straight line y = a + s·N; assumes ${e.assumption}.`);
  out.push(fitLine('FTS p95', e.ftsP95, ms));
  out.push(fitLine('FTS p50', e.ftsP50, ms));
  out.push(fitLine('LIKE p95 (baseline)', e.likeP95, ms));
  out.push(`  FTS p95 at 1M = ${ms(e.ftsP95.power.predicted)} = ${ratio(e.ftsP95.power.predicted, e.likeP95.power.predicted)} LIKE (${ms(e.likeP95.power.predicted)}), both extrapolated`);
  for (const cls of QUERY_CLASSES) out.push(fitLine(`FTS p95 ${cls}`, e.ftsP95ByClass[cls], ms));
  out.push(fitLine('index build', e.indexBuildSeconds, secs));
  return out;
}

/** The commit measured, and the files of src/ changed since it (the code is read when the run starts). */
function gitState(): { commit: string | null; uncommittedSrcFiles: number | null } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: path.join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  try {
    return { commit: git('rev-parse', '--short', 'HEAD').trim(), uncommittedSrcFiles: git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length };
  } catch {
    return { commit: null, uncommittedSrcFiles: null };
  }
}
/** Taken when this module is evaluated, right after the product's modules were loaded. */
const GIT_AT_START = gitState();

// ----------------------------------------------------------------- main

async function main(): Promise<number> {
  const othersAtStart = await waitForQuietMachine();
  const startedAt = new Date();
  // The time limit counts from here, after any wait for another benchmark.
  const deadline = new Deadline(Date.now() + MAX_MINUTES * 60_000);
  const queries = makeQueries(SEED, PER_CLASS, SITES);
  const warmups = makeQueries(SEED + 1, Math.ceil(WARMUP / QUERY_CLASSES.length), SITES).slice(0, WARMUP);
  const facts = corpusFacts();
  log(`Benchmark tìm kiếm: ${int(SIZE)} bài, các bước ${STEPS.map(int).join(' → ')}, ${SITES} trang, ${queries.length} truy vấn/bước, ${DIALECTS.join(' + ')}; giới hạn ${MAX_MINUTES} phút.`);

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
    settings: { size: SIZE, steps: STEPS, sites: SITES, seed: SEED, queriesPerClass: PER_CLASS, warmup: WARMUP, passSeconds: PASS_SECONDS, maxMinutes: MAX_MINUTES, waitMinutes: WAIT_MINUTES, dialects: DIALECTS },
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
  lines.push(`queries: ${PER_CLASS} per class × ${QUERY_CLASSES.length} classes = ${queries.length} per step and engine, after ${WARMUP} warm-up queries; FTS = search() of the product, LIKE = listArticles(foldedWords) (baseline); "× LIKE" = FTS figure / LIKE figure; hits = mean result count`);
  for (const cls of QUERY_CLASSES) lines.push(`  ${pad(cls, 11)} ${CLASS_NOTES[cls]}`);
  for (const r of results) {
    lines.push('');
    lines.push(`══ ${r.version} ${'═'.repeat(60)}`);
    for (const s of r.steps) {
      lines.push(...stepReport(r, s));
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
