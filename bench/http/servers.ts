import fs from 'node:fs';
import path from 'node:path';
import { sleep } from '../machine.ts';
import type { DataSet } from './dataset.ts';
import { type MemoryReport, MemorySampler, type Spawned, freePort, get, repoRoot, spawnNode, waitReady } from './procs.ts';

/**
 * The servers the HTTP benchmark measures: the portal as deployed
 * (`xaphuong serve` on the data set's folder) and the bare node:http
 * server of baseline-server.ts, each with its memory sampled until stopped.
 */

export interface PortalOptions {
  name: string;
  cacheMb: number;
  workers: number;
  nodeArgs?: string[];
}

export interface Portal extends Spawned {
  options: PortalOptions;
  memory: MemorySampler;
  /** process.hrtime (µs) just before the spawn. */
  startedUs: number;
}

/**
 * Waits until the server answers its health check, and with several
 * workers until each has answered (the check gives the answering process's
 * pid): a measurement must not begin while one worker is still starting.
 */
async function waitForWorkers(proc: Spawned, host: string, workers: number, timeoutMs: number): Promise<void> {
  await waitReady(proc, host, '/healthz', timeoutMs);
  if (workers <= 1) return;
  const pids = new Set<number>();
  const until = Date.now() + 30_000;
  while (pids.size < workers && Date.now() < until) {
    const res = await get(proc.port, host, '/healthz');
    if (res.status === 200) pids.add((JSON.parse(res.body.toString()) as { pid: number }).pid);
    else await sleep(100);
  }
  if (pids.size < workers) console.log(`! chỉ thấy ${pids.size}/${workers} tiến trình trả lời /healthz`);
}

/** Starts `xaphuong serve` on the data set's folder as deployed (SQLite, production), and waits until every worker answers. */
export async function startPortal(data: DataSet, options: PortalOptions): Promise<Portal> {
  const dir = path.dirname(data.file);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    XAPHUONG_DATA: dir,
    XAPHUONG_DEMO: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    XAPHUONG_WORKERS: String(options.workers),
    XAPHUONG_CACHE_MB: String(options.cacheMb),
  };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  const startedUs = Number(process.hrtime.bigint() / 1000n);
  const proc = spawnNode([...(options.nodeArgs ?? []), 'bin/xaphuong.js', 'serve'], {
    cwd: repoRoot,
    env,
    port,
    logFile: path.join(dir, `portal-${options.name}.log`),
  });
  const memory = new MemorySampler(proc.pid, 200);
  try {
    await waitForWorkers(proc, data.hosts[0]!, options.workers, 60_000);
  } catch (error) {
    memory.stop();
    await proc.stop();
    throw error;
  }
  return { ...proc, options, memory, startedUs };
}

/** Stops a portal; returns its memory figures and says if what it logged since it started has warnings or errors. */
export async function stopPortal(portal: Portal): Promise<MemoryReport> {
  const memory = portal.memory.stop();
  await portal.stop();
  const problems = fs
    .readFileSync(portal.logFile)
    .subarray(portal.logStart)
    .toString()
    .split('\n')
    .filter((l) => /"level":(40|50|60)|Error|error/.test(l));
  if (problems.length > 0) console.log(`  ! nhật ký ${portal.options.name} có ${problems.length} dòng cảnh báo/lỗi, ví dụ: ${problems[0]!.slice(0, 300)}`);
  return memory;
}

/** A bare node:http server (baseline-server.ts) answering the storm page, in one process or `workers`, with its memory sampled until stopped. */
export async function startBare(
  pageFile: string,
  id: string,
  options: { compressEach?: boolean; workers?: number },
  host: string,
): Promise<{ port: number; pid: number; stop: () => Promise<MemoryReport> }> {
  const port = await freePort();
  const workers = options.workers ?? 1;
  const flags = [...(options.compressEach ? ['--compress-each'] : []), '--workers', String(workers)];
  const server = spawnNode(['--import', 'tsx', 'bench/http/baseline-server.ts', pageFile, String(port), ...flags], {
    cwd: repoRoot,
    env: { ...process.env, NODE_OPTIONS: '' },
    port,
    logFile: path.join(path.dirname(pageFile), `${id}.log`),
  });
  const sampler = new MemorySampler(server.pid, 200);
  const stop = async () => {
    const memory = sampler.stop();
    await server.stop();
    return memory;
  };
  try {
    await waitForWorkers(server, host, workers, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, pid: server.pid, stop };
}
