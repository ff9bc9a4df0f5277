import fs from 'node:fs';
import path from 'node:path';
import type { Deadline } from '../load.ts';
import { waitForIdleMachine } from '../machine.ts';
import type { DataSet, Target } from './dataset.ts';
import { get, machineCpuMs, repoRoot, treeCpuMs } from './procs.ts';
import { summarizeProfile } from './profile.ts';
import { type BenchSettings, type CaseDef, type CaseResult, type ProfileRun, fmt } from './report.ts';
import { startPortal, stopPortal } from './servers.ts';
import { ACCEPT_ENCODING, runWrk, writeScript } from './wrk.ts';

/** Above this many cores used by other processes during a measured run, the run is done again (at most BENCH_HTTP_RETRIES times). */
const CONTENDED_CORES = 0.3;

/** A case on a running server, as alternate() takes it. */
export interface CaseRun {
  c: CaseDef;
  port: number;
  pid: number;
  server: string;
}

/** What the runner needs from the benchmark: its settings, its temporary folder and where results go. */
export interface RunnerOptions {
  settings: BenchSettings;
  wrkBin: string;
  tempDir: string;
  resultsDir: string;
  deadline: Deadline;
  log: (line: string) => void;
}

/**
 * Measures the HTTP benchmark's cases under wrk: each case's requests, its
 * server's CPU and the machine's other work during the window, run again
 * when other processes crowded it.
 */
export class CaseRunner {
  /** Runs measured while other processes used the machine, after every retry. */
  contendedRuns = 0;
  private scriptCounter = 0;
  /** All waits before re-runs together stay within this budget, so a machine that never rests still gets a result. */
  private retryWaitBudgetMs = 10 * 60_000;

  constructor(private readonly o: RunnerOptions) {}

  private async probe(port: number, targets: Target[]): Promise<CaseResult['probe']> {
    let first: CaseResult['probe'] | null = null;
    for (const t of targets.slice(0, 5)) {
      const res = await get(port, t.host, t.path, { 'Accept-Encoding': ACCEPT_ENCODING });
      if (res.status !== 200) throw new Error(`GET ${t.host}${t.path} trả ${res.status}, không phải 200: ${res.body.subarray(0, 300).toString()}`);
      first ??= {
        status: res.status,
        encoding: String(res.headers['content-encoding'] ?? 'identity'),
        bytes: res.body.length,
        cacheControl: String(res.headers['cache-control'] ?? ''),
      };
    }
    return first!;
  }

  /** Measures one case on a running server (warm-up, then the measured run), again while the machine was crowded. */
  async run(c: CaseDef, port: number, serverPid: number, server: string): Promise<CaseResult> {
    const { settings, log } = this.o;
    this.o.deadline.check(`đo ${c.id}`);
    log(`• ${c.title} [${server}], ${c.targets.length} URL`);
    const probed = await this.probe(port, c.targets);
    const script = path.join(this.o.tempDir, `case-${++this.scriptCounter}-${c.id}.lua`);
    writeScript(script, c.targets);
    const common = {
      bin: this.o.wrkBin,
      port,
      script,
      connections: settings.connections,
      threads: settings.threads,
      logFile: path.join(this.o.tempDir, 'wrk.log'),
    };
    for (let attempt = 0; ; attempt++) {
      if (settings.warmupSeconds > 0) await runWrk({ ...common, seconds: settings.warmupSeconds });
      const cpu0 = treeCpuMs(serverPid);
      const m0 = machineCpuMs();
      const s0 = process.cpuUsage();
      const fromUs = Number(process.hrtime.bigint() / 1000n);
      const r = await runWrk({ ...common, seconds: settings.seconds });
      const toUs = Number(process.hrtime.bigint() / 1000n);
      const cpu1 = treeCpuMs(serverPid);
      const m1 = machineCpuMs();
      const self = process.cpuUsage(s0);
      const wallMs = (toUs - fromUs) / 1000;
      const serverMs = cpu1 - cpu0;
      // Whatever the machine did beyond the server, wrk and this script: other people's work.
      const otherCores = Math.max(0, (m1.busy - m0.busy - serverMs - r.wrkCpuMs - (self.user + self.system) / 1000) / wallMs);
      const result: CaseResult = {
        id: c.id,
        title: c.title,
        server,
        urls: c.targets.length,
        ...r,
        cpuMsPerRequest: r.requests ? serverMs / r.requests : Number.NaN,
        serverCores: serverMs / 1000 / r.seconds,
        wrkCores: r.wrkCpuMs / 1000 / r.seconds,
        otherCores,
        attempts: attempt + 1,
        probe: probed,
        window: { fromUs, toUs },
      };
      const errs = r.socketErrors + r.non2xx ? ` — LỖI: ${r.socketErrors} lỗi socket, ${r.non2xx} trả lời không 2xx/3xx` : '';
      log(
        `  ${fmt(r.rps, 0)} req/s, p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms, ${fmt(result.cpuMsPerRequest, 3)} ms CPU/req, ${fmt(r.bytesPerRequest / 1024, 1)} KB/trả lời; lõi: máy chủ ${fmt(result.serverCores, 2)}, wrk ${fmt(result.wrkCores, 2)}, tiến trình khác ${fmt(otherCores, 2)}${errs}`,
      );
      if (otherCores <= CONTENDED_CORES) return result;
      if (attempt >= settings.retries || this.retryWaitBudgetMs <= 0) {
        this.contendedRuns += 1;
        log(`  ! tiến trình khác dùng ${fmt(otherCores, 2)} lõi trong lúc đo: số liệu này bị lệch`);
        return result;
      }
      log(`  ! tiến trình khác dùng ${fmt(otherCores, 2)} lõi trong lúc đo: đợi máy rảnh rồi đo lại`);
      const waitStarted = Date.now();
      await waitForIdleMachine(Math.min(5, this.retryWaitBudgetMs / 60_000), log);
      this.retryWaitBudgetMs -= Date.now() - waitStarted;
    }
  }

  /**
   * Runs cases in turn, round after round (A B A B A B), and keeps each
   * case's median round, with every round's req/s in `rounds`. This
   * machine's speed drifts by tens of percent within minutes: a ratio between
   * two cases is only worth something when both were measured in the same
   * minutes.
   */
  async alternate(runs: CaseRun[], rounds: number): Promise<CaseResult[]> {
    const results = runs.map(() => [] as CaseResult[]);
    for (let round = 0; round < rounds; round++) {
      this.o.log(`  vòng ${round + 1}/${rounds}`);
      for (const [i, run] of runs.entries()) results[i]!.push(await this.run(run.c, run.port, run.pid, run.server));
    }
    return results.map((all) => {
      const sorted = [...all].sort((a, b) => a.rps - b.rps);
      return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, rounds: all.map((r) => r.rps) };
    });
  }

  /** Runs one case on a portal started with --cpu-prof; the profile is cut to the measured window and kept in bench/results. */
  async profile(data: DataSet, id: string, cacheMb: number, c: CaseDef): Promise<ProfileRun | null> {
    const profDir = path.join(this.o.tempDir, `cpuprof-${id}`);
    // Empty: a kept data folder (BENCH_HTTP_DATA) still holds the profiles of earlier runs.
    fs.rmSync(profDir, { recursive: true, force: true });
    fs.mkdirSync(profDir, { recursive: true });
    const portal = await startPortal(data, {
      name: `cpu-prof-${id}`,
      cacheMb,
      workers: 1,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=500'],
    });
    let result: CaseResult;
    try {
      result = await this.run(c, portal.port, portal.pid, `có hồ sơ CPU, ${cacheMb ? 'đệm bật' : 'đệm tắt'}`);
    } finally {
      await stopPortal(portal);
    }
    const written = fs.readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
    if (written.length === 0) {
      this.o.log('  ! không có tệp .cpuprofile (tiến trình không dừng êm?)');
      return null;
    }
    const dest = path.join(this.o.resultsDir, `http-${id}.cpuprofile`);
    fs.copyFileSync(path.join(profDir, written[0]!), dest);
    return {
      ...summarizeProfile(dest, { ...result.window, startedUs: portal.startedUs }),
      path: path.relative(repoRoot, dest),
      requests: result.requests,
      rps: result.rps,
    };
  }
}
