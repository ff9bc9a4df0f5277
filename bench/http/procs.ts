import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

/**
 * Child processes of the HTTP benchmark: the portal, the bare baseline
 * server, and what /proc says about them (memory, CPU time). Every process
 * started here is remembered and ended, by its id, on exit and on error.
 */

const started = new Set<ChildProcess>();

/** Ends every process this benchmark started and has not stopped yet (by process group id). */
export function killAll(): void {
  for (const child of started) {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        try {
          child.kill('SIGKILL');
        } catch {}
      }
    }
  }
  started.clear();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  port: number;
  logFile: string;
  /** Where this process's output starts in its log file: a reused data folder keeps earlier runs' logs. */
  logStart: number;
  stop(): Promise<void>;
}

/** Starts a node process in its own process group, output to a log file. */
export function spawnNode(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; port: number; logFile: string }): Spawned {
  const out = fs.openSync(options.logFile, 'a');
  const logStart = fs.fstatSync(out).size;
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  started.add(child);
  if (!child.pid) throw new Error(`Không khởi động được ${args.join(' ')}`);
  const pid = child.pid;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      started.delete(child);
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    // A graceful stop flushes the views and writes a --cpu-prof profile; then the whole group goes.
    const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 15_000).unref());
    if ((await Promise.race([exited, timer])) === 'late') {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000).unref())]);
    }
    // Workers of a cluster leave with their primary; make sure of it.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
    started.delete(child);
  };
  return { child, pid, port: options.port, logFile: options.logFile, logStart, stop };
}

export function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** One GET to 127.0.0.1 with a Host header; the raw (still compressed) body. */
export function get(
  port: number,
  host: string,
  pathname: string,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; rawHeaders: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, headers: { Host: host, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${pathname}: quá ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** Waits until GET `pathname` answers 200, the process died, or the time is up. */
export async function waitReady(proc: Spawned, host: string, pathname: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < until) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`Tiến trình ${proc.pid} đã dừng (${proc.child.exitCode ?? proc.child.signalCode}) trước khi sẵn sàng:\n${tail(proc.logFile)}`);
    }
    try {
      const res = await get(proc.port, host, pathname, {}, 2000);
      if (res.status === 200) return;
      lastError = `HTTP ${res.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Tiến trình ${proc.pid} không trả lời ${pathname} sau ${timeoutMs} ms (${lastError}):\n${tail(proc.logFile)}`);
}

// ---------------------------------------------------------------- /proc

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {}

/** Direct children of a process (a cluster primary's workers). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
    return out;
  } catch {}
  // Without /proc/…/children: scan every process for its parent.
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) out.push(Number(entry));
    } catch {}
  }
  return out;
}

/** The process and its descendants. */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length && all.length < 256; i++) all.push(...childrenOf(all[i]!));
  return all;
}

/**
 * User + system CPU time of a process, in milliseconds (0 once it is gone);
 * `reaped` adds that of its children it has waited for (cutime, cstime).
 */
export function cpuMs(pid: number, reaped = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, utime field 14, stime field 15, cutime 16, cstime 17 (1-based over the whole line).
    const ticks = Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
    return (ticks * 1000) / clockTicks;
  } catch {
    return 0;
  }
}

/** CPU time of a process and its descendants, ms; `reaped` as for cpuMs, so a tree's figure does not fall when a child ends. */
export function treeCpuMs(pid: number, reaped = false): number {
  return processTree(pid).reduce((sum, p) => sum + cpuMs(p, reaped), 0);
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  return procKb(`/proc/${pid}/status`, field);
}

/** A "Name:   N kB" field of a /proc file, 0 when the process is gone. */
function procKb(file: string, field: string): number {
  try {
    const m = fs.readFileSync(file, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export interface MemoryReport {
  /** Highest VmHWM (kernel's peak RSS) of any one process of the tree, MB. */
  peakProcessMb: number;
  /** Highest sampled sum of VmRSS over the tree (primary + workers), MB. */
  peakTreeMb: number;
  /**
   * Highest sampled sum of PSS over the tree, MB: each page shared by the
   * processes (the node binary, libraries, SQLite's file pages) counted once
   * in all, where the RSS sum counts it in each process.
   */
  peakTreePssMb: number;
  /** Highest sampled VmRSS of the top process, MB. */
  peakSampledMb: number;
  samples: number;
  /** VmHWM per process id at the last sample, MB. */
  perProcessMb: Record<string, number>;
}

/** Samples a process tree's memory every `everyMs` until stopped. */
export class MemorySampler {
  private timer: NodeJS.Timeout;
  private report: MemoryReport = { peakProcessMb: 0, peakTreeMb: 0, peakTreePssMb: 0, samples: 0, peakSampledMb: 0, perProcessMb: {} };

  constructor(
    private readonly pid: number,
    everyMs = 200,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
    this.sample();
  }

  sample(): void {
    const pids = processTree(this.pid);
    let sum = 0;
    let pss = 0;
    for (const p of pids) {
      const rss = statusKb(p, 'VmRSS') / 1024;
      const hwm = statusKb(p, 'VmHWM') / 1024;
      sum += rss;
      if (pids.length > 1) pss += procKb(`/proc/${p}/smaps_rollup`, 'Pss') / 1024;
      if (p === this.pid) this.report.peakSampledMb = Math.max(this.report.peakSampledMb, rss);
      if (hwm > 0) this.report.perProcessMb[String(p)] = Math.max(this.report.perProcessMb[String(p)] ?? 0, hwm);
      this.report.peakProcessMb = Math.max(this.report.peakProcessMb, hwm, rss);
    }
    this.report.peakTreeMb = Math.max(this.report.peakTreeMb, sum);
    this.report.peakTreePssMb = Math.max(this.report.peakTreePssMb, pss);
    this.report.samples += 1;
  }

  stop(): MemoryReport {
    this.sample();
    clearInterval(this.timer);
    return this.report;
  }
}

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Busy and total CPU time of the whole machine so far (all cores), ms, from /proc/stat. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal guest guest_nice: guest time is already in user.
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = v;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: (busy * 1000) / clockTicks, total: ((busy + idle + iowait) * 1000) / clockTicks };
}

/** The processes using the most CPU right now (over `ms`), for a message about a busy machine. */
export async function busiestProcesses(ms = 1000, exclude: number[] = []): Promise<Array<{ pid: number; cores: number; cmd: string }>> {
  const read = () => {
    const out = new Map<number, number>();
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const ms = cpuMs(Number(entry));
      if (ms > 0) out.set(Number(entry), ms);
    }
    return out;
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  const rows: Array<{ pid: number; cores: number; cmd: string }> = [];
  for (const [pid, after] of b) {
    if (exclude.includes(pid)) continue;
    const cores = (after - (a.get(pid) ?? after)) / ms;
    if (cores < 0.05) continue;
    let cmd = '';
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 90);
    } catch {}
    rows.push({ pid, cores, cmd });
  }
  return rows.sort((x, y) => y.cores - x.cores).slice(0, 5);
}
