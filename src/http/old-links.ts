import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppError } from '../errors.ts';
import { resolveFormerHost, resolveOldLink } from '../services/redirects/redirect-service.ts';
import { normalizeHost } from '../services/site-service.ts';

/** WordPress's own addresses of a post or page on the home page: /?p=123, /?page_id=4, /index.php?p=5. */
const HOME_QUERY = /^\/(?:index\.php)?\?/i;

const isRead = (request: FastifyRequest) => request.method === 'GET' || request.method === 'HEAD';

/**
 * Old addresses answer 301 to their new place. Looked up only where the
 * portal has no page of its own (a 404, an unknown host) and for the home
 * page with a WordPress query, so pages served from the cache never pay for it.
 */
export function registerOldLinks(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.siteContext || !isRead(request) || !HOME_QUERY.test(request.url)) return;
    const answer = await resolveOldLink(app.db, request.siteContext.site.id, normalizeHost(request.headers.host), request.url);
    if (answer) return reply.redirect(answer.location, 301);
  });
}

/** Where a request that failed with a 404 (or for an unknown host) has moved, or null. */
export async function movedLocation(request: FastifyRequest, error: AppError): Promise<string | null> {
  if (!isRead(request) || error.status !== 404) return null;
  try {
    const host = normalizeHost(request.headers.host);
    if (error.code === 'site_not_found') return (await resolveFormerHost(request.server.db, host, request.url, request.protocol))?.location ?? null;
    if (!request.siteContext) return null;
    return (await resolveOldLink(request.server.db, request.siteContext.site.id, host, request.url))?.location ?? null;
  } catch (lookupError) {
    // A failed look-up must not turn a 404 into a 500.
    request.log.warn({ err: lookupError }, 'không tra được đường dẫn cũ');
    return null;
  }
}
