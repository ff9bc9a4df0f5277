import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { isFresh } from './conditional.ts';
import { type Encoding, negotiateEncoding } from './encoding.ts';
import type { CachedPage, PageCache } from './page-cache.ts';

/**
 * The one way a page is sent, whether it was just rendered or comes from
 * the cache: 304 when the browser's copy is current, otherwise the page in
 * the best encoding the browser takes, with exactly the headers it was
 * rendered with. Hits are written straight to the socket; a page just
 * rendered goes back through Fastify's onSend, which must return the body.
 */

/** What to send for a page: the status, the encoding, and the headers and body as they go on the wire. */
export interface PageAnswer {
  status: 200 | 304;
  encoding: Encoding;
  headers: string[];
  body: Buffer;
  /** For a trusted proxy that adds the security headers itself (proxyAddsSecurityHeaders). */
  byProxy: boolean;
}

const NOTHING = Buffer.alloc(0);

/**
 * Decides what to send for a page to a browser with these request headers;
 * an encoding the page lacks is made now. `byProxy`: the trusted proxy adds
 * the security headers itself (proxyAddsSecurityHeaders).
 */
export function pageAnswer(cache: PageCache, page: CachedPage, headers: IncomingHttpHeaders, byProxy: boolean): PageAnswer {
  if (isFresh(headers['if-none-match'], headers['if-modified-since'], page.etag, page.lastModifiedMs)) {
    const wire = page.wire.notModified;
    return { status: 304, encoding: 'identity', headers: byProxy ? wire.byProxy : wire.headers, body: NOTHING, byProxy };
  }
  const encoding = negotiateEncoding(headers['accept-encoding']);
  const variant = cache.variant(page, encoding);
  return { status: 200, encoding, headers: byProxy ? variant.byProxy : variant.headers, body: variant.body, byProxy };
}

/**
 * nginx writes its own Date and Connection: a page for it goes without the
 * node's, which nginx would otherwise keep with the page and parse on every
 * hit. The connection stays open all the same (HTTP/1.1's default).
 */
function leaveOutHopHeaders(res: ServerResponse, answer: PageAnswer): void {
  if (!answer.byProxy) return;
  res.removeHeader('date');
  res.removeHeader('connection');
}

/** Writes an answer to the socket (a hit, before or instead of Fastify's reply); HEAD gets the headers alone. Returns the status. */
export function writeAnswer(req: IncomingMessage, res: ServerResponse, answer: PageAnswer): number {
  leaveOutHopHeaders(res, answer);
  res.writeHead(answer.status, answer.headers);
  if (answer.status === 304 || req.method === 'HEAD') res.end();
  else res.end(answer.body);
  return answer.status;
}

/** Hands an answer to Fastify, whose reply already carries the page's headers: the status, the encoding, and the body to send. */
export function replyWith(reply: FastifyReply, answer: PageAnswer): Buffer | string {
  leaveOutHopHeaders(reply.raw, answer);
  if (answer.status === 304) {
    reply.code(304);
    return '';
  }
  if (answer.encoding !== 'identity') reply.header('Content-Encoding', answer.encoding);
  return answer.body;
}
