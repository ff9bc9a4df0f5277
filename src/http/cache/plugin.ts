import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { failureLogger } from '../../db/failures.ts';
import type { Database } from '../../db/schema.ts';
import { PageEventRepository } from '../../repositories/page-event-repository.ts';
import { LatestPosts } from '../../services/pages/latest-posts.ts';
import { pageTags } from '../../services/pages/page-changes.ts';
import { SESSION_COOKIE } from '../admin/guard.ts';
import type { ProxyTrust } from '../proxy-trust.ts';
import { proxyAddsSecurityHeaders } from '../security-headers.ts';
import { type HeaderList, etagOf, pageHeaders } from './conditional.ts';
import { type CacheAnswer, earlyHits } from './early-hits.ts';
import type { EarlyResponder } from './early-server.ts';
import { negotiateEncoding, utf8Bytes } from './encoding.ts';
import { type CachedPage, PageCache, preparePage } from './page-cache.ts';
import { PageEventFollower } from './page-events.ts';
import { pageAnswer, replyWith, writeAnswer } from './send-page.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A public page that may be served from the page cache. */
    cache?: boolean;
  }
  interface FastifyRequest {
    /** What the page shows, for invalidation; set by the route. */
    cacheTags: string[] | null;
    /** The article the page shows, reported with each hit. */
    cacheArticleId: number | null;
  }
  interface FastifyInstance {
    pageCache: PageCache;
    /** Each site's "Thông tin khác" rows, dropped by the same page events as the pages. */
    latestPosts: LatestPosts;
    /** Applies page-change events committed by any process; runs on a timer, callable in tests. */
    applyPageEvents(): Promise<number>;
  }
}

/** What the page cache is set up with. */
export interface PageCacheOptions {
  maxBytes: number;
  /** The proxies whose X-Forwarded-* headers count; false (the default) trusts none. */
  trust?: ProxyTrust | false;
  pollMs?: number;
  /** A page was served from the cache to a site's visitor (to count the article's views); `answer` for a hit answered before Fastify (to count the request). */
  onHit?(siteId: number, page: CachedPage, answer?: CacheAnswer): void;
}

function cacheKey(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${request.url}`;
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

/**
 * A page just rendered, with its validators put last on the reply (in
 * pageHeaders() order). A page the cache will keep records every header of
 * the reply, for its hits to replay; one it will not keep needs none, as
 * Fastify sends this reply's own.
 */
function renderedPage(request: FastifyRequest, reply: FastifyReply, payload: string, keep: (bytes: number) => boolean): { page: CachedPage; kept: boolean } {
  const key = cacheKey(request);
  const body = utf8Bytes(payload);
  const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
  const etag = etagOf(body);
  const lastModified = new Date().toUTCString();
  for (const [name, value] of pageHeaders(contentType, etag, lastModified)) reply.removeHeader(name).header(name, value);
  const kept = keep(body.length + key.length * 2);
  const tags = [pageTags.all(request.siteContext!.site.id), ...request.cacheTags!];
  // A kept page is compressed now in the encoding this browser takes; the other when a browser first asks for it.
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  const encodings = kept && encoding !== 'identity' ? [encoding] : [];
  const page = preparePage(key, body, contentType, tags, request.cacheArticleId, { headers: kept ? replyHeaders(reply) : [], etag, lastModified }, encodings);
  return { page, kept };
}

/**
 * The page cache: public pages are served from memory, precompressed, with
 * ETag and Last-Modified; a committed change drops exactly the pages whose
 * tags it names, in every process, through the page_events table. Hits are
 * answered by the early responder in the server's own listener, before
 * Fastify builds a request (early-hits.ts); the onRequest hook answers the
 * rest (inject() in tests) the same way. Every page goes out through send-page.ts.
 */
export function registerPageCache(app: FastifyInstance, db: Kysely<Database>, options: PageCacheOptions): { earlyResponder: EarlyResponder } {
  const cache = new PageCache(options.maxBytes);
  const latestPosts = new LatestPosts();
  const onHit = options.onHit ?? (() => undefined);
  let closing = false;
  const early = earlyHits({ cache, sites: app.sites, log: app.log, trust: options.trust ?? false, closing: () => closing, onHit });
  app.decorate('pageCache', cache);
  app.decorate('latestPosts', latestPosts);
  followPageEvents(app, db, options.pollMs ?? 250, {
    apply: (tags) => {
      // Site settings and hosts changes are page changes too.
      early.forget();
      latestPosts.invalidate(tags);
      app.sites.forget(tags);
      return cache.invalidate(tags);
    },
    forgetAll: () => {
      cache.clear();
      latestPosts.clear();
      early.forget();
      app.sites.clear();
    },
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
    reply.hijack();
    writeAnswer(request.raw, reply.raw, pageAnswer(cache, page, request.headers, proxyAddsSecurityHeaders(request.raw, options.trust ?? false)));
    // Fastify's onResponse sees this hit (its request metrics): no answer to report.
    onHit(request.siteContext.site.id, page);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.routeOptions.config.cache || !request.cacheTags || reply.statusCode !== 200 || typeof payload !== 'string' || !request.siteContext)
      return payload;
    if (bypasses(request)) {
      reply.header('Cache-Control', 'private, no-store');
      return payload;
    }
    const { page, kept } = renderedPage(request, reply, payload, (bytes) => cache.wouldKeep(bytes));
    if (kept) cache.set(page);
    return replyWith(reply, pageAnswer(cache, page, request.headers, proxyAddsSecurityHeaders(request.raw, options.trust ?? false)));
  });
  return { earlyResponder: early.responder };
}

/** What following the page events does with them. */
interface PageEventHandlers {
  /** One event's tags: drops what they name, and says how many pages went. */
  apply(tags: string[]): number;
  /** Everything kept, dropped: events may have been missed. */
  forgetAll(): void;
}

/**
 * Applies the page-change events every process commits (page_events), on a
 * timer. Listens from the moment the app is ready, as older events concern
 * pages this empty cache never held.
 */
function followPageEvents(app: FastifyInstance, db: Kysely<Database>, pollMs: number, handlers: PageEventHandlers): void {
  const follower = new PageEventFollower(new PageEventRepository(db));
  app.decorate('applyPageEvents', async () => {
    // Started while the database was away: a page kept since may have missed an event.
    if (await follower.start()) handlers.forgetAll();
    let applied = 0;
    for (const tags of await follower.next()) applied += handlers.apply(tags);
    return applied;
  });
  const logFailure = failureLogger(app.log);
  let polling = false;
  let poll: NodeJS.Timeout | undefined;
  // The poll starts once ready too: a tick before would start following ahead of content written before listening.
  app.addHook('onReady', async () => {
    // Without the database (PostgreSQL restarting), the process starts all the same and the poll reads it later.
    await follower.start().catch(() => false);
    // A poll still reading (the database slow) is not queued behind: the next tick reads what it missed.
    poll = setInterval(() => {
      if (polling) return;
      polling = true;
      void app
        .applyPageEvents()
        .catch((error) => logFailure('không đọc được sự kiện trang', error))
        .finally(() => (polling = false));
    }, pollMs);
    poll.unref();
  });
  app.addHook('onClose', async () => clearInterval(poll));
}
