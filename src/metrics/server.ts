import http from 'node:http';
import { StartupError } from '../cli/runtime.ts';
import type { Config } from '../config/config.ts';
import { METRICS_CONTENT_TYPE } from './metrics.ts';

/**
 * Serves GET /metrics on its own port (XAPHUONG_METRICS_PORT), never on the
 * public one: no site's visitors reach it, no page cache or site lookup
 * stands in front of it, and bound to loopback by default it needs no
 * secret. `text` gives what Prometheus reads.
 */
export async function startMetricsServer(where: NonNullable<Config['metrics']>, text: () => Promise<string>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Không có trang này: số liệu ở /metrics\n');
      return;
    }
    text().then(
      (body) => res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(body),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`Không đọc được số liệu: ${String(error)}\n`),
    );
  });
  server.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL'
          ? new StartupError(
              `Không mở được cổng số liệu ${where.port} (XAPHUONG_METRICS_HOST ${where.host}): ${error.code}.\nCách sửa: đặt XAPHUONG_METRICS_PORT sang một cổng còn trống (từ 1024 trở lên) và XAPHUONG_METRICS_HOST là một địa chỉ của máy.`,
            )
          : error,
      ),
    );
    server.listen(where.port, where.host, resolve);
  });
  return server;
}
