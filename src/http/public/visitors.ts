import type { FastifyInstance } from 'fastify';
import { VisitorCounter } from '../../services/organisation/visitor-counter.ts';
import { formatNumber } from '../../text/format.ts';
import { visitorStatsPage } from '../../views/pages/visitors.ts';
import { siteOf } from '../site-context.ts';
import { publicPageContext } from './downtime.ts';

declare module 'fastify' {
  interface FastifyInstance {
    visitorCounter: VisitorCounter;
  }
}

/**
 * The visitor counter: every public page answered (from the cache or not)
 * counts, after the response; figures at /api/v1/visitors and on
 * /thong-ke-truy-cap, which are never cached so the figures are live.
 */
export function visitorRoutes(app: FastifyInstance, options: { flushMs?: number } = {}): void {
  const counter = new VisitorCounter();
  app.decorate('visitorCounter', counter);
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' || !request.routeOptions.config.cache || !request.siteContext) return;
    if (reply.statusCode !== 200 && reply.statusCode !== 304) return;
    counter.add(request.siteContext.site.id, request.ip);
  });
  const flush = setInterval(() => void counter.flush(app.db).catch((error) => app.log.error({ err: error }, 'không ghi được lượt truy cập')), options.flushMs ?? 5000);
  flush.unref();
  app.addHook('onClose', async () => {
    clearInterval(flush);
    await counter.flush(app.db).catch(() => undefined);
  });

  app.get('/api/v1/visitors', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const figures = await counter.figures(app.db, siteOf(request).id);
    return { online: figures.online, today: figures.today, total: figures.total };
  });

  app.get('/thong-ke-truy-cap', async (request, reply) => {
    const figures = await counter.figures(app.db, siteOf(request).id);
    reply.header('Cache-Control', 'no-store');
    return reply.type('text/html; charset=utf-8').send(
      visitorStatsPage(publicPageContext(request), { online: formatNumber(figures.online), today: formatNumber(figures.today), total: formatNumber(figures.total) }),
    );
  });
}
