import type { FastifyInstance } from 'fastify';
import { compressOnce, negotiateEncoding, utf8Bytes } from './encoding.ts';

/** Text worth compressing; images, fonts and archives are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|rss\+xml|atom\+xml|manifest\+json)|image\/svg\+xml)/;
/** Below this, the headers weigh more than what compression saves. */
const MIN_BYTES = 1024;

/** The same buffer (a static asset) is compressed once per encoding, then reused. */
const compressedBuffers = new WeakMap<Buffer, Partial<Record<'br' | 'gzip', Buffer>>>();

/**
 * Compresses what the page cache does not: search pages, signed-in staff's
 * pages, the newsroom, JSON, feeds, assets. Only the one encoding the client
 * takes (br, then gzip), at a quick level, for text of 1 KB or more sent
 * whole (not streams). A response that already says how it is encoded or
 * that it varies by Accept-Encoding (the page cache's) is left as it is.
 */
export function registerCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const isBuffer = Buffer.isBuffer(payload);
    if (typeof payload !== 'string' && !isBuffer) return payload;
    const status = reply.statusCode;
    if (status < 200 || status === 204 || status === 304) return payload;
    if (reply.hasHeader('content-encoding') || /accept-encoding/i.test(String(reply.getHeader('vary') ?? ''))) return payload;
    if (!COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? '')) || /no-transform/.test(String(reply.getHeader('cache-control') ?? '')))
      return payload;
    const bytes = isBuffer ? payload : utf8Bytes(payload);
    // Converted already: Node would only convert a string again.
    if (bytes.length < MIN_BYTES) return bytes;
    const vary = reply.getHeader('vary');
    reply.header('Vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = negotiateEncoding(request.headers['accept-encoding']);
    if (encoding === 'identity') return bytes;
    reply.header('Content-Encoding', encoding);
    reply.removeHeader('content-length');
    if (!isBuffer) return compressOnce(bytes, encoding);
    let known = compressedBuffers.get(payload);
    if (!known) compressedBuffers.set(payload, (known = {}));
    return (known[encoding] ??= compressOnce(payload, encoding));
  });
}
