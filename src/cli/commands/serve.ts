import cluster from 'node:cluster';
import type { Config } from '../../config/config.ts';
import { loadConfig } from '../../config/config.ts';
import { type DatabaseHandle, openDatabase } from '../../db/database.ts';
import { startJobs } from '../../jobs/scheduler.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../services/demo/demo-content.ts';
import { seedDemo } from '../../services/demo/seed-demo.ts';
import { openRuntime } from '../runtime.ts';

/** Migrates, then creates the demo site on a first start, announcing its accounts. */
async function prepare(config: Config, handle: DatabaseHandle): Promise<void> {
  if (!config.seedDemo) return;
  const site = await seedDemo(handle.db, config.mediaDir);
  if (site) {
    console.log(`Đã tạo trang mẫu "${site.name}" (tên miền localhost) kèm bài viết mẫu.`);
    console.log(
      `Tài khoản mẫu (mật khẩu chung "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(', ')}. Vào http://localhost:${config.port}/quan-tri`,
    );
  }
}

function onSignals(stop: (signal: string) => Promise<void>): void {
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** One process serving HTTP; with `withJobs` it also runs the background jobs (single-process mode). */
async function runServer(config: Config, handle: DatabaseHandle, withJobs: boolean): Promise<void> {
  // Loaded here, not at the top: a cluster's primary never serves HTTP and never loads the web app.
  const { buildApp } = await import('../../http/app.ts');
  const app = await buildApp({ db: handle.db, config });
  const stopJobs = withJobs ? startJobs(handle.db, (message, error) => app.log.error({ err: error }, message)) : () => {};
  onSignals(async (signal) => {
    app.log.info(`Nhận ${signal}, đang dừng…`);
    stopJobs();
    await app.close();
    await handle.close();
    process.exit(0);
  });
  await app.listen({ port: config.port, host: config.host });
}

/**
 * The primary of a cluster: prepares the database once, runs the background
 * jobs (so they run once per machine), and keeps N workers serving the port,
 * restarting any that dies.
 */
async function runPrimary(config: Config, handle: DatabaseHandle): Promise<void> {
  let stopping = false;
  const stopJobs = startJobs(handle.db, (message, error) => console.error(message, error));
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`Tiến trình ${worker.process.pid} dừng (${signal ?? code}); đang khởi động lại.`);
    cluster.fork();
  });
  onSignals(async () => {
    stopping = true;
    stopJobs();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    await handle.close();
    process.exit(0);
  });
}

/** `xaphuong serve`: the portal, as one process or as XAPHUONG_WORKERS workers sharing the port. */
export async function serveCommand(): Promise<void> {
  if (cluster.isWorker) {
    // The primary has migrated and seeded already.
    const config = loadConfig();
    return runServer(config, openDatabase(config), false);
  }
  const { config, handle } = await openRuntime();
  await prepare(config, handle);
  const where = config.database.kind === 'sqlite' ? `SQLite tại ${config.database.file}` : 'PostgreSQL';
  console.log(`Cổng thông tin đang chạy tại http://localhost:${config.port} (${where}, ${config.workers} tiến trình).`);
  if (config.workers > 1) return runPrimary(config, handle);
  return runServer(config, handle, true);
}
