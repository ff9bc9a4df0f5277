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
 * The visitor counter. Public pages are cached in this process, and for 60 s
 * by browsers, proxies and CDNs, so a page view may never reach the server:
 * views are counted by the small request every page's footer makes for the
 * figures, /thong-ke-truy-cap.json (never cached, no cookies), one view per
 * page shown by a browser that runs the footer script (crawlers do not).
 * Read-only figures at /api/v1/visitors and on /thong-ke-truy-cap.
 */
export function visitorRoutes(app: FastifyInstance, options: { flushMs?: number } = {}): void {
  const counter = new VisitorCounter();
  app.decorate('visitorCounter', counter);
  const flush = setInterval(
    () => void counter.flush(app.db).catch((error) => app.log.error({ err: error }, 'không ghi được lượt truy cập')),
    options.flushMs ?? 5000,
  );
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

  // The footer's request: counts the page view it was made for (GET only), then answers the figures.
  app.get('/thong-ke-truy-cap.json', async (request, reply) => {
    const siteId = siteOf(request).id;
    if (request.method === 'GET') counter.add(siteId, request.ip);
    const figures = await counter.figures(app.db, siteId);
    return reply.header('Cache-Control', 'no-store').send({ online: figures.online, today: figures.today, total: figures.total });
  });

  app.get('/thong-ke-truy-cap', async (request, reply) => {
    const figures = await counter.figures(app.db, siteOf(request).id);
    reply.header('Cache-Control', 'no-store');
    return reply.type('text/html; charset=utf-8').send(
      visitorStatsPage(publicPageContext(request), {
        online: formatNumber(figures.online),
        today: formatNumber(figures.today),
        total: formatNumber(figures.total),
      }),
    );
  });
}
