import type { FastifyInstance } from 'fastify';
import { CACHE_ROUTE, httpMetrics } from './metrics.ts';

/**
 * Records every request Fastify answers (by route pattern and status, with
 * its duration) and reads the page cache's figures at each scrape. Returns
 * what records a page answered from the cache before Fastify, which
 * Fastify's onResponse never sees.
 */
export function registerRequestMetrics(app: FastifyInstance): (method: string, status: number, seconds: number) => void {
  const metrics = httpMetrics();
  app.addHook('onResponse', (request, reply, done) => {
    metrics.request(request.method, request.routeOptions.url ?? '(không có tuyến)', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.addHook('onReady', (done) => {
    metrics.readPageCache(() => ({ hits: app.pageCache.hits, misses: app.pageCache.misses, bytes: app.pageCache.usedBytes }));
    done();
  });
  return (method, status, seconds) => metrics.request(method, CACHE_ROUTE, status, seconds);
}
