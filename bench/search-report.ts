import type { DialectName } from '../src/db/database.ts';
import { generateArticle } from './corpus.ts';
import type { IndexStats, LoadStats } from './load.ts';
import { QUERY_CLASSES, type QueryClass } from './queries.ts';
import type { LatencyStats, SizeFit } from './stats.ts';

/**
 * The search benchmark's figures (one pass, one step of corpus size, one
 * database) and how bench/run.ts prints them: every latency with its ratio
 * to the LIKE baseline, and the fits extrapolated to 1M articles.
 */

// ---------------------------------------------------------- formatting

const nf = (digits: number) => new Intl.NumberFormat('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const int = (n: number) => nf(0).format(n);
export const num = (n: number, digits = 1) => (Number.isFinite(n) ? nf(digits).format(n) : '–');
export const ms = (n: number) => (Number.isFinite(n) ? `${num(n, n < 10 ? 2 : 1)} ms` : '–');
export const ratio = (a: number, b: number) => {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return '–';
  const r = a / b;
  return `${num(r, r < 0.1 ? 3 : 2)} ×`;
};
export const mb = (bytes: number) => `${num(bytes / 1024 / 1024, 0)} MB`;
export const secs = (s: number) => `${num(s, 1)} s`;
export const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
export const lpad = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

// ------------------------------------------------------------ figures

/** How busy the machine was around a measurement: 1-minute load average before and after, and other benchmarks seen. */
export interface MachineLoad {
  loadStart: number;
  loadEnd: number;
  cores: number;
  /** Other benchmarks seen during the pass, with the share of one core their process trees used. */
  otherBenchmarks: Array<{ process: string; cpuShare: number }>;
  /** Load above the number of cores, or another benchmark running: the figures are skewed. */
  busy: boolean;
}

export interface ClassFigures extends LatencyStats {
  /** Mean number of matching articles reported (the result count). */
  meanTotal: number;
  /** Share of queries with no match. */
  zeroShare: number;
}

export type Breakdown = Record<QueryClass | 'overall', ClassFigures>;

export interface PassResult {
  engine: 'fts' | 'like';
  planned: number;
  measured: number;
  /** False when the time budget cut the pass short. */
  complete: boolean;
  seconds: number;
  figures: Breakdown;
  machine: MachineLoad;
}

export interface StepResult {
  size: number;
  perSite: number;
  load: LoadStats & { rowsPerSecond: number; totalArticles: number };
  index: IndexStats;
  databaseBytes: number;
  fts: PassResult;
  like: PassResult;
}

export interface DialectResult {
  dialect: DialectName;
  version: string;
  complete: boolean;
  error?: string;
  seconds: number;
  steps: StepResult[];
  extrapolation?: Extrapolation;
  target?: { size: number; p95Ms: number; measuredP95Ms: number; met: boolean; applies: boolean };
}

export interface Extrapolation {
  to: number;
  assumption: string;
  ftsP95: { power: SizeFit; linear: SizeFit };
  likeP95: { power: SizeFit; linear: SizeFit };
  ftsP50: { power: SizeFit; linear: SizeFit };
  ftsP95ByClass: Record<QueryClass, { power: SizeFit; linear: SizeFit }>;
  indexBuildSeconds: { power: SizeFit; linear: SizeFit };
}

// --------------------------------------------------------------- report

/** What the generated corpus looks like: mean sizes over its first 2.000 articles (or fewer), and the first one. */
export function corpusFacts(
  size: number,
  seed: number,
  sites: number,
): { avgTitleWords: number; avgBodyWords: number; avgBodyBytes: number; sample: { title: string; firstParagraph: string } } {
  let titleWords = 0;
  let bodyWords = 0;
  let bodyBytes = 0;
  const n = Math.min(2000, size);
  for (let i = 0; i < n; i++) {
    const a = generateArticle(seed, i, sites);
    titleWords += a.titleWords;
    bodyWords += a.bodyWords;
    bodyBytes += Buffer.byteLength(a.plain);
  }
  const first = generateArticle(seed, 0, sites);
  return {
    avgTitleWords: titleWords / n,
    avgBodyWords: bodyWords / n,
    avgBodyBytes: bodyBytes / n,
    sample: { title: first.title, firstParagraph: first.plain.slice(0, 200) },
  };
}

export function stepReport(r: DialectResult, s: StepResult, sites: number): string[] {
  const out: string[] = [];
  out.push(`${r.version}: ${int(s.size)} articles (${sites} sites × ${int(s.perSite)}), database ${mb(s.databaseBytes)}`);
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
    out.push(
      `  ${pad(cls, 11)} ${lpad(String(f.n), 4)} │ ${cells.join(' ')} │ ${likeCells.join(' ')} │ ${lpad(num(f.meanTotal, 0), 9)} ${lpad(num(l.meanTotal, 0), 9)}`,
    );
  }
  const o = s.fts.figures.overall;
  const b = s.like.figures.overall;
  out.push(`  FTS p50 = ${ms(o.p50)} = ${ratio(o.p50, b.p50)} LIKE (${ms(b.p50)})`);
  out.push(`  FTS p95 = ${ms(o.p95)} = ${ratio(o.p95, b.p95)} LIKE (${ms(b.p95)})`);
  out.push(`  FTS p99 = ${ms(o.p99)} = ${ratio(o.p99, b.p99)} LIKE (${ms(b.p99)})`);
  out.push(`  FTS mean = ${ms(o.mean)} = ${ratio(o.mean, b.mean)} LIKE (${ms(b.mean)})`);
  return out;
}

export function extrapolationReport(r: DialectResult): string[] {
  const e = r.extrapolation;
  if (!e) return [];
  const fitLine = (label: string, f: { power: SizeFit; linear: SizeFit }, unit: (n: number) => string) =>
    `  ${pad(label, 22)} ${f.power.points.map((p) => `${int(p.n)}: ${unit(p.y)}`).join(', ')}  →  1M ≈ ${unit(f.power.predicted)} (power law, b = ${num(f.power.exponent, 2)}); linear fit ≈ ${unit(f.linear.predicted)}`;
  const out = [`${r.version}: extrapolation to ${int(e.to)} articles`];
  out.push(
    `  method: least-squares fit of the figure against corpus size N over the measured steps, as a power law y = c·N^b on log–log axes (primary) and as a straight line y = a + s·N; assumes ${e.assumption}.`,
  );
  out.push(fitLine('FTS p95', e.ftsP95, ms));
  out.push(fitLine('FTS p50', e.ftsP50, ms));
  out.push(fitLine('LIKE p95 (baseline)', e.likeP95, ms));
  out.push(
    `  FTS p95 at 1M = ${ms(e.ftsP95.power.predicted)} = ${ratio(e.ftsP95.power.predicted, e.likeP95.power.predicted)} LIKE (${ms(e.likeP95.power.predicted)}), both extrapolated`,
  );
  for (const cls of QUERY_CLASSES) out.push(fitLine(`FTS p95 ${cls}`, e.ftsP95ByClass[cls], ms));
  out.push(fitLine('index build', e.indexBuildSeconds, secs));
  return out;
}
