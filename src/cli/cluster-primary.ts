import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config/config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { failureLogger } from '../db/failures.ts';
import { startJobs } from '../jobs/scheduler.ts';
import { metricsText, workersRegistry } from '../metrics/metrics.ts';
import { startMetricsServer } from '../metrics/server.ts';
import { closeHandoffsOfDeadWorkers } from './cluster-handoff.ts';

/** A worker that lived this long before dying was working: its next restart is immediate again. */
export const STABLE_MS = 30_000;
/** The longest wait before restarting a worker that keeps dying. */
export const MAX_RESTART_DELAY_MS = 30_000;
/** How long the primary waits, on SIGTERM, for its workers to finish their requests and exit. */
const WORKERS_EXIT_MS = 15_000;

/** What a worker tells the primary when it cannot start for a reason a restart would not fix (the port is taken). */
export interface FatalMessage {
  xaphuong: 'fatal';
  message: string;
}

/** Restart delay after `quickDeaths` deaths in a row soon after starting: at once, then 1 s, 2 s, 4 s … up to 30 s. */
export function restartDelay(quickDeaths: number): number {
  return quickDeaths === 0 ? 0 : Math.min(1000 * 2 ** (quickDeaths - 1), MAX_RESTART_DELAY_MS);
}

/** One of the N places for a worker: how often its workers died young, and a restart it waits for. */
interface Slot {
  quickDeaths: number;
  timer: NodeJS.Timeout | null;
}

/** Resolves when every worker has exited, or after `ms`; then kills those left. */
async function workersExited(workers: Worker[], ms: number): Promise<void> {
  const alive = workers.filter((w) => !w.isDead());
  const exited = Promise.all(alive.map((w) => new Promise((resolve) => w.once('exit', resolve))));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
  for (const worker of alive) if (!worker.isDead()) worker.process.kill('SIGKILL');
}

/**
 * The primary of a cluster: runs the background jobs (once per machine) and
 * keeps `config.workers` workers serving the port. A worker that dies is
 * restarted, after a pause that doubles while workers keep dying young, so
 * a crash loop does not spin. A worker that cannot take the port stops the
 * whole portal with its one message. On SIGTERM or SIGINT the workers
 * finish their requests before the primary exits. With XAPHUONG_METRICS_PORT
 * it serves the metrics, its own and its workers' summed.
 */
export async function runPrimary(config: Config, handle: DatabaseHandle, announce: () => void): Promise<void> {
  let stopping = false;
  const logFailure = failureLogger({ warn: (_, message) => console.error(message), error: (details, message) => console.error(message, details) });
  const stopJobs = startJobs(handle.db, logFailure, config.mail);
  // The primary serves the metrics: its jobs' and, summed, its workers' requests.
  if (config.metrics) {
    const workers = workersRegistry();
    await startMetricsServer(config.metrics, () => metricsText(workers));
  }
  const slots: Slot[] = Array.from({ length: config.workers }, () => ({ quickDeaths: 0, timer: null }));
  const running = new Map<number, { slot: Slot; startedAt: number }>();
  closeHandoffsOfDeadWorkers();

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const slot of slots) if (slot.timer) clearTimeout(slot.timer);
    stopJobs();
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    for (const worker of workers) worker.process.kill('SIGTERM');
    await workersExited(workers, WORKERS_EXIT_MS);
    await handle.close().catch(() => undefined);
    process.exit(code);
  };

  const start = (slot: Slot) => {
    const worker = cluster.fork();
    running.set(worker.id, { slot, startedAt: Date.now() });
    worker.on('message', (message: Partial<FatalMessage>) => {
      if (message?.xaphuong !== 'fatal' || stopping) return;
      console.error(message.message);
      void stop(1);
    });
  };

  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === config.workers) announce();
  });
  cluster.on('exit', (worker, code, signal) => {
    const entry = running.get(worker.id);
    running.delete(worker.id);
    if (stopping || !entry) return;
    if (Date.now() - entry.startedAt >= STABLE_MS) entry.slot.quickDeaths = 0;
    const delay = restartDelay(entry.slot.quickDeaths);
    entry.slot.quickDeaths += 1;
    const when = delay === 0 ? 'khởi động lại ngay' : `khởi động lại sau ${delay / 1000} giây`;
    console.error(`Tiến trình ${worker.process.pid} dừng (${signal ?? code}); ${when}.`);
    entry.slot.timer = setTimeout(() => {
      entry.slot.timer = null;
      if (!stopping) start(entry.slot);
    }, delay);
  });

  for (const slot of slots) start(slot);
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
}
