import os from 'node:os';
import { treeCpuMs } from './http/procs.ts';
import type { Deadline } from './load.ts';
import { otherBenchmarks } from './machine.ts';
import { type BenchQuery, QUERY_CLASSES, type QueryClass } from './queries.ts';
import type { Breakdown, ClassFigures, PassResult } from './search-report.ts';
import { latencyStats } from './stats.ts';

/** One timed pass of the search benchmark (run.ts): an engine's queries, their latencies by class, and the machine's load. */

interface Sample {
  cls: QueryClass;
  ms: number;
  total: number;
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

/** Runs one engine's queries after its warm-ups, for at most `passSeconds`, and what the machine did meanwhile. */
export async function runPass(
  engine: 'fts' | 'like',
  queries: BenchQuery[],
  warmups: BenchQuery[],
  exec: (q: BenchQuery) => Promise<number>,
  deadline: Deadline,
  passSeconds: number,
): Promise<PassResult> {
  const loadStart = os.loadavg()[0]!;
  const othersStart = new Map(otherBenchmarks().map((o) => [o, treeCpuMs(Number(o.split(' ')[0]), true)]));
  for (const q of warmups) await exec(q);
  const started = performance.now();
  const budgetEnds = started + passSeconds * 1000;
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
    const cpuMs = treeCpuMs(Number(o.split(' ')[0]), true) - (othersStart.get(o) ?? 0);
    return { process: o, cpuShare: Math.max(0, cpuMs) / 1000 / Math.max(seconds, 0.001) };
  });
  const cores = os.cpus().length;
  const machine = { loadStart, loadEnd, cores, otherBenchmarks: others, busy: others.some((o) => o.cpuShare > 0.05) || Math.max(loadStart, loadEnd) > cores };
  return { engine, planned: queries.length, measured: samples.length, complete, seconds, figures, machine };
}
