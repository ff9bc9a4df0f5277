import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { storageFailure } from '../../db/failures.ts';
import { type ProxyTrust, clientAddressOf, fromTrustedProxy } from '../proxy-trust.ts';
import { proxyAddsSecurityHeaders } from '../security-headers.ts';
import type { SiteContextLoader } from '../site-context.ts';
import { SESSION_COOKIE } from '../admin/guard.ts';
import type { EarlyResponder } from './early-server.ts';
import type { CachedPage, PageCache } from './page-cache.ts';
import { pageAnswer, writeAnswer } from './send-page.ts';

/** How long a Host header the site loader recognised is taken as known without asking it again. */
const KNOWN_HOST_MS = 1000;

/** The last of a repeated X-Forwarded-* header's values, as Fastify reads it. */
function lastEntry(value: string | string[]): string {
  const header = String(value);
  const comma = header.lastIndexOf(',');
  return comma === -1 ? header.trim() : header.slice(comma + 1).trim();
}

/**
 * The page cache's key from the raw request, before Fastify builds its own:
 * the same protocol and host rules (X-Forwarded-Proto/-Host only from a trusted proxy).
 */
function rawCacheKey(req: IncomingMessage, trust: ProxyTrust | false): string {
  const headers = req.headers;
  const proxied = trust !== false && fromTrustedProxy(req, trust);
  const forwardedProto = proxied ? headers['x-forwarded-proto'] : undefined;
  const forwardedHost = proxied ? headers['x-forwarded-host'] : undefined;
  const protocol = forwardedProto ? lastEntry(forwardedProto) : (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const host = forwardedHost ? lastEntry(forwardedHost) : (headers.host ?? '');
  return `${protocol}://${host}${req.url}`;
}

/** A hit as answered: for the request metrics. */
export interface CacheAnswer {
  method: string;
  status: number;
  seconds: number;
}

/** What answering hits early needs from the app. */
export interface EarlyHitsOptions {
  cache: PageCache;
  sites: SiteContextLoader;
  log: FastifyBaseLogger;
  /** The proxies whose X-Forwarded-* headers count; false trusts none. */
  trust: ProxyTrust | false;
  /** Whether the server is closing: then Fastify answers (503). */
  closing(): boolean;
  /** A page was served from the cache to a site's visitor, with the status sent and how long answering took. */
  onHit(siteId: number, page: CachedPage, answer: CacheAnswer): void;
}

/**
 * Answers page-cache hits in the server's own listener, before Fastify
 * builds a request: the same conditions as the Fastify path (GET or HEAD,
 * no session cookie, a page under the same key, a known site for the Host
 * header), the same bytes and headers (send-page.ts). Anything else, and
 * anything in doubt, goes to Fastify. Fastify's hooks do not run for these
 * hits: nothing may count on an onResponse hook (visitors are counted by the
 * footer's request). `forget()` drops the hosts known so far, on any page change.
 */
export function earlyHits(options: EarlyHitsOptions): { responder: EarlyResponder; forget(): void } {
  const { cache, sites, log, trust } = options;
  /** Host headers the site loader recognised in the last second: a hit for them skips its promise. */
  const knownHosts = new Map<string, { siteId: number; until: number }>();
  // Fastify logs every request at info: hits answered early log one line too.
  const logHits = (log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info') ?? false;

  /** Answers a hit (a page just found in the cache) for a known site. */
  function serve(req: IncomingMessage, res: ServerResponse, page: CachedPage, siteId: number): void {
    const started = performance.now();
    cache.served(page);
    cache.earlyHits += 1;
    const status = writeAnswer(req, res, pageAnswer(cache, page, req.headers, proxyAddsSecurityHeaders(req, trust)));
    options.onHit(siteId, page, { method: req.method ?? 'GET', status, seconds: (performance.now() - started) / 1000 });
    if (!logHits) return;
    const request = {
      method: req.method,
      url: req.url,
      headers: req.headers,
      host: req.headers.host,
      ip: trust ? clientAddressOf(req, trust) : (req.socket.remoteAddress ?? ''),
      socket: req.socket,
    };
    log.info({ reqId: randomUUID(), req: request, res: { statusCode: status }, responseTime: performance.now() - started, cache: 'hit' }, 'request completed');
  }

  const responder: EarlyResponder = (req, res, fastify) => {
    const method = req.method;
    if (options.closing() || !cache.enabled || (method !== 'GET' && method !== 'HEAD')) return fastify(req, res);
    // Any mention of the session cookie: Fastify parses cookies and decides.
    if (req.headers.cookie?.includes(SESSION_COOKIE)) return fastify(req, res);
    const key = rawCacheKey(req, trust);
    const page = cache.peek(key);
    if (!page) return fastify(req, res);
    const host = req.headers.host;
    const known = host === undefined ? undefined : knownHosts.get(host);
    if (known !== undefined && known.until > Date.now()) return serve(req, res, page, known.siteId);
    // The database is away: a host recognised before it went still has its kept pages served.
    const whileAway = () => {
      const kept = known !== undefined && !options.closing() ? cache.peek(key) : undefined;
      return kept && known ? serve(req, res, kept, known.siteId) : fastify(req, res);
    };
    sites
      .load(host)
      .then(
        (context) => {
          // The site loader may have waited on the database: the page may be gone by now.
          const still = context && !options.closing() ? cache.peek(key) : undefined;
          if (!context || !still) return fastify(req, res);
          if (host !== undefined) {
            if (knownHosts.size >= 10_000) knownHosts.clear();
            knownHosts.set(host, { siteId: context.site.id, until: Date.now() + KNOWN_HOST_MS });
          }
          serve(req, res, still, context.site.id);
        },
        (error: unknown) => (storageFailure(error) ? whileAway() : fastify(req, res)),
      )
      .catch((error: unknown) => {
        log.error({ err: error }, 'không trả được trang từ bộ nhớ đệm');
        if (!res.headersSent) fastify(req, res);
      });
  };
  return { responder, forget: () => knownHosts.clear() };
}
