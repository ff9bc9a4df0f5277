import { buildApp } from '../../http/app.ts';
import { startJobs } from '../../jobs/scheduler.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../services/demo/demo-content.ts';
import { seedDemo } from '../../services/demo/seed-demo.ts';
import { openRuntime } from '../runtime.ts';

/** `xaphuong serve`: migrates, seeds the demo on first start, and serves the portal. */
export async function serveCommand(): Promise<void> {
  const { config, handle } = await openRuntime();
  if (config.seedDemo) {
    const site = await seedDemo(handle.db, config.mediaDir);
    if (site) {
      console.log(`Đã tạo trang mẫu "${site.name}" (tên miền localhost) kèm bài viết mẫu.`);
      console.log(`Tài khoản mẫu (mật khẩu chung "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(', ')}. Vào http://localhost:${config.port}/quan-tri`);
    }
  }
  const app = await buildApp({ db: handle.db, config });
  const stopJobs = startJobs(handle.db, (message, error) => app.log.error({ err: error }, message));
  const shutdown = async (signal: string) => {
    app.log.info(`Nhận ${signal}, đang dừng…`);
    stopJobs();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const where = config.database.kind === 'sqlite' ? `SQLite tại ${config.database.file}` : 'PostgreSQL';
  console.log(`Cổng thông tin đang chạy tại http://localhost:${config.port} (${where}).`);
}
