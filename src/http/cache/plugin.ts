import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { PageEventRepository } from '../../repositories/page-event-repository.ts';
import { pageTags } from '../../services/pages/page-changes.ts';
import { LatestPosts } from '../../services/pages/latest-posts.ts';
import { ViewCounter } from '../../services/pages/view-counter.ts';
import { SESSION_COOKIE } from '../admin/guard.ts';
import { type HeaderList, etagOf, isFresh, pageHeaders } from './conditional.ts';
import type { EarlyResponder } from './early-server.ts';
import { compressOnce, negotiateEncoding, utf8Bytes } from './encoding.ts';
import { type CachedPage, PageCache, preparePage } from './page-cache.ts';

/** How long a Host header the site loader recognised is taken as known without asking it again. */
const KNOWN_HOST_MS = 1000;

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
    /** Each site's "Thông tin khác" rows, dropped by the same page events as the pages. */
    latestPosts: LatestPosts;
    /** Applies page-change events committed by any process; runs on a timer, callable in tests. */
    applyPageEvents(): Promise<number>;
  }
}

function cacheKey(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${request.url}`;
}

/** The last of a repeated X-Forwarded-* header's values, as Fastify reads it. */
function lastEntry(value: string | string[]): string {
  const header = String(value);
  const comma = header.lastIndexOf(',');
  return comma === -1 ? header.trim() : header.slice(comma + 1).trim();
}

/**
 * cacheKey() from the raw request, before Fastify builds its own: the same
 * protocol and host rules (X-Forwarded-Proto/-Host only with trustProxy).
 */
function rawCacheKey(req: IncomingMessage, trustProxy: boolean): string {
  const headers = req.headers;
  const forwardedProto = trustProxy ? headers['x-forwarded-proto'] : undefined;
  const forwardedHost = trustProxy ? headers['x-forwarded-host'] : undefined;
  const protocol = forwardedProto ? lastEntry(forwardedProto) : (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const host = forwardedHost ? lastEntry(forwardedHost) : (headers.host ?? '');
  return `${protocol}://${host}${req.url}`;
}

/** request.ip from the raw request: with trustProxy, the first X-Forwarded-For address. */
function rawClientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwardedFor = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  if (typeof forwardedFor === 'string') {
    for (const entry of forwardedFor.split(',')) {
      const address = entry.replace(/^[ \t]+|[ \t]+$/g, '');
      if (address) return address;
    }
  }
  return req.socket.remoteAddress ?? '';
}

/** Signed-in staff always see fresh pages, read from the database, and their pages are never stored. */
export function bypasses(request: FastifyRequest): boolean {
  return Boolean(request.cookies?.[SESSION_COOKIE]) || (request.method !== 'GET' && request.method !== 'HEAD');
}

/**
 * The headers a reply will send, in wire order: those written on the raw
 * response (helmet's, names as written) first, then Fastify's own.
 */
function replyHeaders(reply: FastifyReply): HeaderList {
  const out: HeaderList = [];
  const seen = new Set<string>();
  // getRawHeaderNames() is Node's (since 15.13), missing from @types/node 20.
  for (const name of (reply.raw as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames()) {
    const value = reply.raw.getHeader(name);
    if (value === undefined || Array.isArray(value)) continue;
    out.push([name, String(value)]);
    seen.add(name.toLowerCase());
  }
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (seen.has(name) || value === undefined || Array.isArray(value)) continue;
    out.push([name, String(value)]);
  }
  return out;
}

/** Puts a page's own headers last on the reply, in pageHeaders() order. */
function setPageHeaders(reply: FastifyReply, headers: HeaderList): void {
  for (const [name, value] of headers) reply.removeHeader(name).header(name, value);
}

/** Sends a page through Fastify: 304 when the browser has it, otherwise the best encoding it accepts. */
function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage, cache: PageCache): Buffer | string {
  // The headers the page was rendered with, after those already written by earlier hooks (helmet).
  for (const [name, value] of page.headers) if (!reply.raw.hasHeader(name) && !reply.hasHeader(name)) reply.header(name, value);
  if (isFresh(request.headers['if-none-match'], request.headers['if-modified-since'], page.etag, page.lastModifiedMs)) {
    reply.code(304);
    return '';
  }
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  if (encoding === 'identity') return page.identity;
  reply.header('Content-Encoding', encoding);
  return cache.variant(page, encoding).body;
}

/** Writes a cached page straight to the socket, exactly as sendPage() has Fastify write it; returns the status. */
function writePage(req: IncomingMessage, res: ServerResponse, page: CachedPage, cache: PageCache): number {
  const headers = req.headers;
  if (isFresh(headers['if-none-match'], headers['if-modified-since'], page.etag, page.lastModifiedMs)) {
    res.writeHead(304, page.wire.notModified);
    res.end();
    return 304;
  }
  const variant = cache.variant(page, negotiateEncoding(headers['accept-encoding']));
  res.writeHead(200, variant.headers);
  if (req.method === 'HEAD') res.end();
  else res.end(variant.body);
  return 200;
}

/**
 * The page cache: public pages are served from memory, precompressed, with
 * ETag and Last-Modified; a committed change drops exactly the pages whose
 * tags it names, in every process, through the page_events table.
 *
 * Hits are answered by earlyResponder() in the server's own listener,
 * before Fastify builds a request (see early-server.ts); the onRequest hook
 * answers the rest (inject() in tests) the same way.
 */
export function registerPageCache(
  app: FastifyInstance,
  db: Kysely<Database>,
  options: { maxBytes: number; trustProxy?: boolean; pollMs?: number; flushMs?: number },
): { earlyResponder: EarlyResponder } {
  const cache = new PageCache(options.maxBytes);
  const views = new ViewCounter();
  const latestPosts = new LatestPosts();
  const events = new PageEventRepository(db);
  const trustProxy = options.trustProxy ?? false;
  let lastEventId: number | null = null;
  let closing = false;
  /**
   * Host headers the site loader recognised in the last second: a hit for
   * them skips its promise. Forgotten on any page change (site settings and
   * hosts changes are page changes too).
   */
  const knownHosts = new Map<string, { siteId: number; until: number }>();
  app.decorate('pageCache', cache);
  app.decorate('views', views);
  app.decorate('latestPosts', latestPosts);
  app.decorate('applyPageEvents', async () => {
    lastEventId ??= await events.lastId();
    let applied = 0;
    for (;;) {
      const batch = await events.since(lastEventId);
      if (batch.length === 0) return applied;
      knownHosts.clear();
      for (const event of batch) {
        const tags = event.tags.split(' ');
        applied += cache.invalidate(tags);
        latestPosts.invalidate(tags);
        app.sites.forget(tags);
      }
      lastEventId = batch.at(-1)!.id;
    }
  });
  // Listen from the moment the app is ready: older events concern pages this empty cache never held.
  app.addHook('onReady', async () => {
    lastEventId ??= await events.lastId();
  });
  // A closing server answers 503 through Fastify.
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.decorateRequest('cacheTags', null);
  app.decorateRequest('cacheArticleId', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.config.cache || bypasses(request) || !cache.enabled || !request.siteContext) return;
    const page = cache.get(cacheKey(request));
    if (!page) return;
    if (page.articleId !== null) views.add(request.siteContext.site.id, page.articleId);
    return reply.send(sendPage(request, reply, page, cache));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.routeOptions.config.cache || !request.cacheTags || reply.statusCode !== 200 || typeof payload !== 'string' || !request.siteContext)
      return payload;
    if (bypasses(request)) {
      reply.header('Cache-Control', 'private, no-store');
      return payload;
    }
    const key = cacheKey(request);
    const body = utf8Bytes(payload);
    const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
    const etag = etagOf(body);
    const lastModified = new Date().toUTCString();
    setPageHeaders(reply, pageHeaders(contentType, etag, lastModified));
    if (cache.wouldKeep(body.length + key.length * 2)) {
      // The headers a hit will be sent with, read off the reply only for a page that is kept.
      const headers = replyHeaders(reply);
      // Compressed now only in the encoding this browser takes; the other when a browser first asks for it.
      const encoding = negotiateEncoding(request.headers['accept-encoding']);
      const tags = [pageTags.all(request.siteContext.site.id), ...request.cacheTags];
      const page = preparePage(
        key,
        body,
        contentType,
        tags,
        request.cacheArticleId,
        { headers, etag, lastModified },
        encoding === 'identity' ? [] : [encoding],
      );
      cache.set(page);
      return sendPage(request, reply, page, cache);
    }
    // Not kept (cache off, or a page too big for it): only the one encoding this browser takes, at a quick level.
    if (isFresh(request.headers['if-none-match'], request.headers['if-modified-since'], etag, Date.parse(lastModified))) {
      reply.code(304);
      return '';
    }
    const encoding = negotiateEncoding(request.headers['accept-encoding']);
    if (encoding === 'identity') return body;
    reply.header('Content-Encoding', encoding);
    return compressOnce(body, encoding);
  });

  const poll = setInterval(
    () => void app.applyPageEvents().catch((error) => app.log.error({ err: error }, 'không đọc được sự kiện trang')),
    options.pollMs ?? 250,
  );
  const flush = setInterval(() => void views.flush(db).catch((error) => app.log.error({ err: error }, 'không ghi được lượt xem')), options.flushMs ?? 5000);
  poll.unref();
  flush.unref();
  app.addHook('onClose', async () => {
    clearInterval(poll);
    clearInterval(flush);
    await views.flush(db).catch(() => undefined);
  });

  // Fastify logs every request at info: hits answered early log one line too.
  const logHits = (app.log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info') ?? false;

  /**
   * A hit before Fastify: the same conditions as the onRequest hook (GET or
   * HEAD, no session cookie, a page under the same key, a known site for
   * the Host header), the same bytes and headers, and the same counting
   * (article views). Anything else, and anything in doubt, goes to Fastify.
   * Fastify's hooks do not run for these hits: nothing may count page views
   * in an onResponse hook (visitors are counted by the footer's request).
   */
  const earlyResponder: EarlyResponder = (req, res, fastify) => {
    const method = req.method;
    if (closing || !cache.enabled || (method !== 'GET' && method !== 'HEAD')) return fastify(req, res);
    // Any mention of the session cookie: Fastify parses cookies and decides.
    if (req.headers.cookie?.includes(SESSION_COOKIE)) return fastify(req, res);
    const key = rawCacheKey(req, trustProxy);
    const page = cache.peek(key);
    if (!page) return fastify(req, res);
    const host = req.headers.host;
    const known = host === undefined ? undefined : knownHosts.get(host);
    if (known !== undefined && known.until > Date.now()) return serveEarly(req, res, page, known.siteId);
    app.sites
      .load(host)
      .then(
        (context) => {
          // The site loader may have waited on the database: the page may be gone by now.
          const still = context && !closing ? cache.peek(key) : undefined;
          if (!context || !still) return fastify(req, res);
          if (host !== undefined) {
            if (knownHosts.size >= 10_000) knownHosts.clear();
            knownHosts.set(host, { siteId: context.site.id, until: Date.now() + KNOWN_HOST_MS });
          }
          serveEarly(req, res, still, context.site.id);
        },
        () => fastify(req, res),
      )
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'không trả được trang từ bộ nhớ đệm');
        if (!res.headersSent) fastify(req, res);
      });
  };

  /** Answers a hit (a page just found in the cache) for a known site, and counts it. */
  function serveEarly(req: IncomingMessage, res: ServerResponse, page: CachedPage, siteId: number): void {
    const started = logHits ? performance.now() : 0;
    cache.served(page);
    cache.earlyHits += 1;
    const status = writePage(req, res, page, cache);
    if (page.articleId !== null) views.add(siteId, page.articleId);
    if (logHits) {
      const request = { method: req.method, url: req.url, headers: req.headers, host: req.headers.host, ip: rawClientIp(req, trustProxy), socket: req.socket };
      app.log.info(
        { reqId: randomUUID(), req: request, res: { statusCode: status }, responseTime: performance.now() - started, cache: 'hit' },
        'request completed',
      );
    }
  }
  return { earlyResponder };
}
