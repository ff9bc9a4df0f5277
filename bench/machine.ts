import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { busiestProcesses, machineCpuMs, treeCpuMs } from './http/procs.ts';

/**
 * What both benchmarks (bench/run.ts, bench/http/run.ts) need to know about
 * this machine and their settings: integer settings from the environment,
 * the other benchmark processes running (which would skew the figures),
 * waiting for them and for a quiet machine, and the commit measured.
 */

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An integer setting from the environment (1_000 and 1000 alike), at least `min`. */
export function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} phải là số nguyên ≥ ${min}, nhận được "${raw}".`);
  return n;
}

/** When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat). */
function startTicks(pid: number | string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return Number.NaN;
  }
}

/**
 * Other benchmark processes on this machine (bench/run.ts,
 * bench/http/run.ts or bench/http/nginx.ts run by node), by command line, as "PID command";
 * `startedBeforeMe` keeps only those that started before this process.
 */
export function otherBenchmarks(startedBeforeMe = false): string[] {
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
      if (!/bench\/(http\/run|http\/nginx|run)\.ts/.test(cmd) || !/^node/.test(program)) continue;
      if (startedBeforeMe && !(startTicks(entry) <= mine)) continue;
      found.push(`${entry} ${cmd.slice(0, 100)}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * Two benchmarks at once on a small machine skew each other: wait, bounded,
 * for one that started before this one to finish (one that started later
 * waits for this one). An older one that sits idle, with its children, for
 * two checks in a row is taken to be waiting for this one, and this one goes
 * ahead, so two benchmarks never wait for each other. It also waits for the
 * load average to fall under ¾ of the cores (tests, builds…).
 */
export async function waitForOtherBenchmarks(waitMinutes: number, log: (line: string) => void): Promise<string[]> {
  const until = Date.now() + waitMinutes * 60_000;
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
      log(
        `! Máy vẫn bận sau ${waitMinutes} phút: tải ${load.toFixed(1).replace('.', ',')} trên ${cores} nhân${others.length ? `, benchmark khác: ${others.join('; ')}` : ''}; đo tiếp, số liệu có thể bị lệch.`,
      );
      return others;
    }
    if (others.length) {
      const now = new Map(others.map((o) => [o, treeCpuMs(Number(o.split(' ')[0]), true)]));
      // Idle: under 2 % of one core over the last check.
      const idle = others.every((o) => before.has(o) && now.get(o)! - before.get(o)! < 0.02 * CHECK_MS);
      idleChecks = idle ? idleChecks + 1 : 0;
      before = now;
      if (idleChecks >= 2 && !loaded) {
        log(`Benchmark khác đang chờ (không dùng CPU), có lẽ chờ benchmark này: chạy trước. ${others.join('; ')}`);
        return others;
      }
    }
    log(
      `Đợi máy rảnh (tối đa ${waitMinutes} phút): tải ${load.toFixed(1).replace('.', ',')} trên ${cores} nhân${others.length ? `, benchmark khác: ${others.join('; ')}` : ''}`,
    );
    await sleep(Math.min(CHECK_MS, Math.max(1000, until - Date.now())));
  }
}

const coresText = (n: number) => n.toFixed(2);

/** CPU the rest of the machine uses now (cores), measured over `ms`, leaving out this process. */
async function foreignLoad(ms = 3000): Promise<number> {
  const m0 = machineCpuMs();
  const s0 = process.cpuUsage();
  await sleep(ms);
  const m1 = machineCpuMs();
  const self = process.cpuUsage(s0);
  return Math.max(0, (m1.busy - m0.busy - (self.user + self.system) / 1000) / ms);
}

/** Most of the machine must be ours to measure: below this many cores used by others. */
const QUIET_CORES = 0.25;

/**
 * Two benchmarks (or a test suite) at once on 2 cores skew each other:
 * waits, polling every 30 s and at most `minutes`, until no other benchmark
 * runs and the rest of the machine is nearly idle (the HTTP benchmark's
 * wait: it measures the cores others use, where the search benchmark's
 * waitForOtherBenchmarks reads the load average). False if it never was.
 */
export async function waitForIdleMachine(minutes: number, log: (line: string) => void): Promise<boolean> {
  const until = Date.now() + minutes * 60_000;
  for (;;) {
    const others = otherBenchmarks();
    const load = await foreignLoad();
    if (others.length === 0 && load < QUIET_CORES) return true;
    const why = others.length
      ? `benchmark khác đang chạy: ${others.join('; ')}`
      : `máy đang bận ${coresText(load)} lõi: ${(await busiestProcesses(1000, [process.pid])).map((p) => `${p.pid} ${coresText(p.cores)} lõi ${p.cmd}`).join(' | ')}`;
    if (Date.now() + 30_000 > until) {
      log(`! Sau ${minutes} phút máy vẫn chưa rảnh (${why}); đo tiếp nhưng số liệu có thể bị lệch.`);
      return false;
    }
    log(`Đợi máy rảnh (kiểm tra lại sau 30 s) — ${why}`);
    await sleep(30_000);
  }
}

/** The commit measured, and the files of src/ and bin/ changed since it (the code is read when the run starts). */
export function gitState(): { commit: string | null; uncommittedSrcFiles: number | null } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: path.join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  try {
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      uncommittedSrcFiles: git('status', '--porcelain', '--', 'src', 'bin').split('\n').filter(Boolean).length,
    };
  } catch {
    return { commit: null, uncommittedSrcFiles: null };
  }
}
