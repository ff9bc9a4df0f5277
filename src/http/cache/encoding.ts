import zlib from 'node:zlib';

/**
 * How pages are compressed: the encoding a browser gets (br, then gzip),
 * the quick levels every response is first compressed at, and the best
 * levels a page the cache serves often is compressed at again, on libuv's
 * thread pool.
 */

/** The encodings a page is kept in; the client's Accept-Encoding picks one. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** The encoding to send for an Accept-Encoding header: br, then gzip, else none. */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  if (acceptEncoding === undefined) return 'identity';
  const accepts = String(acceptEncoding);
  if (/\bbr\b/.test(accepts)) return 'br';
  if (/\bgzip\b/.test(accepts)) return 'gzip';
  return 'identity';
}

/** Compression levels: gzip 1 to 9, Brotli quality 0 to 11. */
export interface Levels {
  gzipLevel: number;
  brotliQuality: number;
}

/**
 * Every response is first compressed at quick levels, a miss and anything
 * not stored: each higher Brotli quality costs much more CPU for a few
 * bytes less, every quick result fits a phone's first round trip, and a
 * page sent often is compressed again at BEST.
 */
export const QUICK: Levels = { gzipLevel: 3, brotliQuality: 0 };
/**
 * A page served from the cache HOT_AFTER_HITS times (page-cache.ts) is
 * compressed again at the best levels, once, on a pool thread: slow once,
 * then less to send on every later hit.
 */
export const BEST: Levels = { gzipLevel: 9, brotliQuality: 11 };

function options(body: Buffer, encoding: 'br' | 'gzip', levels: Levels): zlib.ZlibOptions | zlib.BrotliOptions {
  if (encoding === 'gzip') return { level: levels.gzipLevel };
  return { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: levels.brotliQuality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } };
}

/** Compresses on the calling thread. */
export function compress(body: Buffer, encoding: 'br' | 'gzip', levels: Levels): Buffer {
  return encoding === 'gzip' ? zlib.gzipSync(body, options(body, encoding, levels)) : zlib.brotliCompressSync(body, options(body, encoding, levels));
}

/** Like compress, on libuv's thread pool: the event loop goes on serving meanwhile. */
export function compressInPool(body: Buffer, encoding: 'br' | 'gzip', levels: Levels): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, out: Buffer) => (error ? reject(error) : resolve(out));
    if (encoding === 'gzip') zlib.gzip(body, options(body, encoding, levels), done);
    else zlib.brotliCompress(body, options(body, encoding, levels), done);
  });
}

/**
 * A buffer of exactly these bytes, owning its memory. zlib's sync calls
 * return a view into a larger chunk, and Buffer.from(string) cuts small
 * strings out of a shared slab: kept in the cache, a view would hold the
 * whole of its backing memory, far more than the budget counts.
 */
export function ownBytes(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length) return bytes;
  const own = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(own);
  return own;
}

const encoder = new TextEncoder();
/** Room for a page of up to 87.000 UTF-16 code units (three bytes each at most). */
const scratch = new Uint8Array(256 * 1024);

/**
 * The UTF-8 bytes of a rendered page. Buffer.from(string) walks a page
 * twice, once to measure it and once to write it; TextEncoder.encodeInto
 * writes into a buffer kept for the purpose in one walk, then the bytes are
 * copied out. Longer text than the buffer holds goes through Buffer.from.
 */
export function utf8Bytes(text: string): Buffer {
  if (text.length * 3 > scratch.length) return Buffer.from(text);
  const { written } = encoder.encodeInto(text, scratch);
  return Buffer.from(scratch.subarray(0, written));
}

/** Compresses a response that is sent once (not stored), at a quick level. */
export function compressOnce(body: Buffer, encoding: 'br' | 'gzip'): Buffer {
  return compress(body, encoding, QUICK);
}
