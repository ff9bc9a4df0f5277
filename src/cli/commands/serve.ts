import cluster from 'node:cluster';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.ts';
import { loadConfig } from '../../config/config.ts';
import { type DatabaseHandle, openDatabase } from '../../db/database.ts';
import { failureLogger } from '../../db/failures.ts';
import { ASSETS_DIR, AssetBundle } from '../../http/assets.ts';
import { withStartupLock } from '../../db/startup-lock.ts';
import { startJobs } from '../../jobs/scheduler.ts';
import { answerPrimary, metricsText } from '../../metrics/metrics.ts';
import { startMetricsServer } from '../../metrics/server.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../services/demo/demo-content.ts';
import { seedDemo, seedDemoProvince } from '../../services/demo/seed-demo.ts';
import { type FatalMessage, runPrimary } from '../cluster-primary.ts';
import { parseOptions } from '../options.ts';
import { StartupError, listenFailure, openRuntime, waitingForOtherNode } from '../runtime.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

/** How long a stopping process lets requests in flight finish before closing their connections. */
export const DRAIN_MS = 10_000;

/** Creates the demo site on a first start, announcing its accounts; nodes starting together take turns, so one creates it. */
async function prepare(config: Config, handle: DatabaseHandle, media: MediaStorage): Promise<void> {
  if (!config.seedDemo) return;
  const site = await withStartupLock(config, handle, () => seedDemo(handle.db, media), waitingForOtherNode);
  if (site) {
    console.log(`Đã tạo trang mẫu "${site.name}" (tên miền localhost) kèm bài viết mẫu.`);
    const portal = await seedDemoProvince(handle.db);
    console.log(`Đã tạo cổng tỉnh mẫu "${portal.name}" tại http://tinh.localhost:${config.port}, tổng hợp tin của ${site.name}.`);
    console.log(
      `Tài khoản mẫu (mật khẩu chung "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(', ')}. Vào http://localhost:${config.port}/quan-tri`,
    );
  }
}

/**
 * Writes the fingerprinted assets to XAPHUONG_DATA/assets for nginx to send,
 * keeping earlier versions' files for pages cached during an upgrade. A folder
 * it cannot write only costs nginx a trip to a node, so the portal starts all the same.
 */
function writeAssets(config: Config): void {
  const dir = path.join(config.dataDir, 'assets');
  try {
    new AssetBundle(ASSETS_DIR).writeTo(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    console.warn(`Không ghi được tệp tĩnh vào ${dir} (${code}): nginx sẽ lấy chúng từ cổng. Sửa: cho người chạy cổng quyền ghi thư mục này (chown -R).`);
  }
}

/** Says the portal is serving: printed once the port is taken, never before. */
function announce(config: Config): void {
  const where = config.database.kind === 'sqlite' ? `SQLite tại ${config.database.file}` : 'PostgreSQL';
  console.log(`Cổng thông tin đang chạy tại http://localhost:${config.port} (${where}, ${config.workers} tiến trình).`);
}

/** Builds the web app and takes the port; a port that cannot be taken is a StartupError with its fix. */
async function listen(config: Config, handle: DatabaseHandle): Promise<FastifyInstance> {
  // Loaded here, not at the top: a cluster's primary never serves HTTP and never loads the web app.
  const { buildApp } = await import('../../http/app.ts');
  const app = await buildApp({ db: handle.db, config, metrics: config.metrics !== null });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw listenFailure(error, config) ?? error;
  }
  return app;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight
 * finish for up to DRAIN_MS, then close what is left and exit.
 */
function drainOnSignals(app: FastifyInstance, handle: DatabaseHandle, stopJobs: () => void): void {
  const drain = async () => {
    app.log.info('Đang dừng: không nhận kết nối mới, chờ các yêu cầu đang xử lý…');
    stopJobs();
    const late = setTimeout(() => app.server.closeAllConnections(), DRAIN_MS);
    const hard = setTimeout(() => process.exit(1), DRAIN_MS + 2000);
    await app.close();
    clearTimeout(late);
    clearTimeout(hard);
    await handle.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void drain());
  process.once('SIGTERM', () => void drain());
}

/** A worker of a cluster: the primary has migrated and seeded already. */
async function runWorker(): Promise<void> {
  const config = loadConfig();
  const handle = openDatabase(config);
  let app: FastifyInstance;
  try {
    app = await listen(config, handle);
  } catch (error) {
    if (!(error instanceof StartupError) || !process.send) throw error;
    // Restarting would not free the port: the primary stops the portal with this one message.
    const message: FatalMessage = { xaphuong: 'fatal', message: error.message };
    process.send(message, undefined, {}, () => process.exit(1));
    return;
  }
  if (config.metrics) answerPrimary();
  drainOnSignals(app, handle, () => {});
}

/** `xaphuong serve`: the portal, as one process or as XAPHUONG_WORKERS workers sharing the port. */
export async function serveCommand(args: string[]): Promise<void> {
  parseOptions('serve', args, {});
  if (cluster.isWorker) return runWorker();
  const { config, handle, media } = await openRuntime();
  // The web app opens its own storage; this one only seeded the demo.
  await prepare(config, handle, media).finally(() => media.close());
  writeAssets(config);
  if (config.workers > 1) return runPrimary(config, handle, () => announce(config));
  const app = await listen(config, handle);
  drainOnSignals(app, handle, startJobs(handle.db, failureLogger(app.log), config.mail));
  if (config.metrics) await startMetricsServer(config.metrics, () => metricsText(null));
  announce(config);
}
