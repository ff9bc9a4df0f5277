import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { ERRORS } from '../../errors.ts';
import { type DataPaths, dataFolderProblem } from '../../services/data-folder.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

async function databaseAnswers(app: FastifyInstance, request: FastifyRequest): Promise<boolean> {
  return sql`select 1`.execute(app.db).then(
    () => true,
    (error: unknown) => {
      request.log.warn({ err: error }, 'kiểm tra cơ sở dữ liệu thất bại');
      return false;
    },
  );
}

/** 200 with each part's state, or 503 naming the first part that failed, with a retry hint for the load balancer. */
function answer(reply: FastifyReply, database: boolean, storage: boolean) {
  const status = { database: database ? 'ok' : 'error', storage: storage ? 'ok' : 'error' };
  if (database && storage) return reply.send({ status: 'ok', ...status, pid: process.pid });
  const code = database ? 'storage_unavailable' : 'database_unavailable';
  return reply
    .code(503)
    .header('Retry-After', String(ERRORS[code].retryAfter))
    .send({ status: 'error', ...status, pid: process.pid, error: { code, message: ERRORS[code].message } });
}

/**
 * GET /healthz – 200 when the process can read and write: its database
 * answers and its data folder (media, SQLite files) can be written; 503
 * otherwise, with the failing part's code, so a load balancer takes the
 * node out until it recovers by itself.
 *
 * GET /readyz – 200 when the database answers and the configured media
 * storage (the folder, or the S3 bucket) takes and removes a probe; 503
 * with which one failed: what a load balancer asks before sending traffic.
 */
export function healthRoutes(app: FastifyInstance, paths: DataPaths, media: MediaStorage): void {
  app.get('/healthz', async (request, reply) => {
    const database = await databaseAnswers(app, request);
    const storage = await dataFolderProblem(paths);
    if (storage) request.log.warn(`kiểm tra thư mục dữ liệu thất bại: ${storage}`);
    return answer(reply, database, !storage);
  });

  app.get('/readyz', async (request, reply) => {
    const [database, storage] = await Promise.all([databaseAnswers(app, request), media.problem()]);
    if (storage) request.log.warn(`kiểm tra kho lưu trữ tệp thất bại: ${storage}`);
    return answer(reply, database, !storage);
  });
}
