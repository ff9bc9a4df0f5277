import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

/** GET /healthz – answers 200 when the process and its database work; 503 otherwise. */
export function healthRoutes(app: FastifyInstance): void {
  app.get('/healthz', async (request, reply) => {
    try {
      await sql`select 1`.execute(app.db);
      return { status: 'ok', database: 'ok', pid: process.pid };
    } catch (error) {
      request.log.error({ err: error }, 'kiểm tra cơ sở dữ liệu thất bại');
      return reply
        .code(503)
        .send({ status: 'error', database: 'error', error: { code: 'database_unavailable', message: 'Không kết nối được cơ sở dữ liệu.' } });
    }
  });
}
