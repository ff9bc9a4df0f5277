import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { PageEventRepository } from '../../repositories/page-event-repository.ts';
import { pageTags } from '../../services/pages/page-changes.ts';
import { ViewCounter } from '../../services/pages/view-counter.ts';
import { SESSION_COOKIE } from '../admin/guard.ts';
import { type CachedPage, PageCache, preparePage } from './page-cache.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A public page that may be served from the page cache. */
    cache?: boolean;
  }
  interface FastifyRequest {
    /** What the page shows, for invalidation; set by the route. */
    cacheTags: string[] | null;
    /** The article whose views this page counts. */
    cacheArticleId: number | null;
  }
  interface FastifyInstance {
    pageCache: PageCache;
    views: ViewCounter;
    /** Applies page-change events committed by any process; runs on a timer, callable in tests. */
    applyPageEvents(): Promise<number>;
  }
}

/** Browsers and proxies may keep a public page a minute, then must ask again (cheaply, with the ETag). */
const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

function cacheKey(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${request.url}`;
}

/** Signed-in staff always see fresh pages, and their pages are never stored. */
function bypasses(request: FastifyRequest): boolean {
  return Boolean(request.cookies?.[SESSION_COOKIE]) || (request.method !== 'GET' && request.method !== 'HEAD');
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
}

/** Sends a page: 304 when the browser has it, otherwise the best encoding it accepts. */
function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage): Buffer | string {
  reply.header('ETag', page.etag).header('Last-Modified', page.lastModified).header('Cache-Control', PUBLIC_CACHE_CONTROL).header('Vary', 'Accept-Encoding');
  reply.type(page.contentType);
  const sinceHeader = request.headers['if-modified-since'];
  const fresh = request.headers['if-none-match'] !== undefined ? etagMatches(request.headers['if-none-match'], page.etag) : Boolean(sinceHeader && Date.parse(sinceHeader) >= Date.parse(page.lastModified));
  if (fresh) {
    reply.code(304);
    return '';
  }
  const accepts = String(request.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepts)) {
    reply.header('Content-Encoding', 'br');
    return page.br;
  }
  if (/\bgzip\b/.test(accepts)) {
    reply.header('Content-Encoding', 'gzip');
    return page.gzip;
  }
  return page.identity;
}

/**
 * The page cache: public pages are served from memory, precompressed, with
 * ETag and Last-Modified; a committed change drops exactly the pages whose
 * tags it names, in every process, through the page_events table.
 */
export function registerPageCache(app: FastifyInstance, db: Kysely<Database>, options: { maxBytes: number; pollMs?: number; flushMs?: number }): void {
  const cache = new PageCache(options.maxBytes);
  const views = new ViewCounter();
  const events = new PageEventRepository(db);
  let lastEventId: number | null = null;
  app.decorate('pageCache', cache);
  app.decorate('views', views);
  app.decorate('applyPageEvents', async () => {
    lastEventId ??= await events.lastId();
    let applied = 0;
    for (;;) {
      const batch = await events.since(lastEventId);
      if (batch.length === 0) return applied;
      for (const event of batch) applied += cache.invalidate(event.tags.split(' '));
      lastEventId = batch.at(-1)!.id;
    }
  });
  // Listen from the moment the app is ready: older events concern pages this empty cache never held.
  app.addHook('onReady', async () => {
    lastEventId ??= await events.lastId();
  });
  app.decorateRequest('cacheTags', null);
  app.decorateRequest('cacheArticleId', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.config.cache || bypasses(request) || !cache.enabled || !request.siteContext) return;
    const page = cache.get(cacheKey(request));
    if (!page) return;
    if (page.articleId !== null) views.add(request.siteContext.site.id, page.articleId);
    return reply.send(sendPage(request, reply, page));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.routeOptions.config.cache || !request.cacheTags || reply.statusCode !== 200 || typeof payload !== 'string' || !request.siteContext) return payload;
    if (bypasses(request)) {
      reply.header('Cache-Control', 'private, no-store');
      return payload;
    }
    const siteId = request.siteContext.site.id;
    const page = preparePage(cacheKey(request), payload, String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'), [pageTags.all(siteId), ...request.cacheTags], request.cacheArticleId);
    cache.set(page);
    return sendPage(request, reply, page);
  });

  const poll = setInterval(() => void app.applyPageEvents().catch((error) => app.log.error({ err: error }, 'không đọc được sự kiện trang')), options.pollMs ?? 250);
  const flush = setInterval(() => void views.flush(db).catch((error) => app.log.error({ err: error }, 'không ghi được lượt xem')), options.flushMs ?? 5000);
  poll.unref();
  flush.unref();
  app.addHook('onClose', async () => {
    clearInterval(poll);
    clearInterval(flush);
    await views.flush(db).catch(() => undefined);
  });
}
