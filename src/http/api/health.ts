import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { ERRORS } from '../../errors.ts';
import { type DataPaths, dataFolderProblem } from '../../services/data-folder.ts';

/**
 * GET /healthz – 200 when the process can read and write: its database
 * answers and its data folder (media, SQLite files) can be written; 503
 * otherwise, with the failing part's code, so a load balancer takes the
 * node out until it recovers by itself.
 */
export function healthRoutes(app: FastifyInstance, paths: DataPaths): void {
  app.get('/healthz', async (request, reply) => {
    const database = await sql`select 1`.execute(app.db).then(
      () => true,
      (error: unknown) => {
        request.log.warn({ err: error }, 'kiểm tra cơ sở dữ liệu thất bại');
        return false;
      },
    );
    const storage = await dataFolderProblem(paths);
    if (storage) request.log.warn(`kiểm tra thư mục dữ liệu thất bại: ${storage}`);
    const status = { database: database ? 'ok' : 'error', storage: storage ? 'error' : 'ok' };
    if (database && !storage) return { status: 'ok', ...status, pid: process.pid };
    const code = database ? 'storage_unavailable' : 'database_unavailable';
    return reply
      .code(503)
      .header('Retry-After', String(ERRORS[code].retryAfter))
      .send({ status: 'error', ...status, pid: process.pid, error: { code, message: ERRORS[code].message } });
  });
}
