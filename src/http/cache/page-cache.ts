import { Gate } from '../../jobs/gate.ts';
import { type HeaderList, etagOf, pageHeaders } from './conditional.ts';
import { PORTAL_SECURITY_HEADERS } from '../security-headers.ts';
import { BEST, type Encoding, QUICK, compress, compressInPool, ownBytes, utf8Bytes } from './encoding.ts';

/** A page's headers as written to the socket: flat [name, value, name, value, …], ending with Content-Length. */
export interface WireHeaders {
  /** With the portal's security headers first. */
  headers: string[];
  /** Without them, for a trusted proxy that adds them itself (proxyAddsSecurityHeaders). */
  byProxy: string[];
}

/** What one encoding of a page sends: its headers (ready for writeHead) and body. */
export interface WireVariant extends WireHeaders {
  body: Buffer;
}

/** A rendered public page, ready to send in any encoding a browser accepts. */
export interface CachedPage {
  key: string;
  tags: string[];
  contentType: string;
  identity: Buffer;
  /** Compressed the first time a browser asks for the encoding (see PageCache.variant). */
  gzip: Buffer | null;
  br: Buffer | null;
  /** Which encodings are at the best level already (see PageCache.served), and whether that work is under way. */
  best: { br: boolean; gzip: boolean; underway: boolean };
  /** Times served from the cache. */
  hits: number;
  /** A strong validator: the hash of the uncompressed body. */
  etag: string;
  lastModified: string;
  lastModifiedMs: number;
  /** The article whose views a hit should count, if the page is one. */
  articleId: number | null;
  /**
   * Every header of the response that rendered the page (validators,
   * Cache-Control, Vary, Content-Type…), except the security headers,
   * Content-Encoding and Content-Length: a hit sends exactly these, after
   * the security headers unless the proxy adds those.
   */
  headers: HeaderList;
  /** The encodings made so far and the 304, as written to the socket on a hit. */
  wire: { identity: WireVariant; br: WireVariant | null; gzip: WireVariant | null; notModified: WireHeaders };
  bytes: number;
}

/**
 * A page served from the cache this many times is compressed again at the
 * best levels (see BEST).
 */
export const HOT_AFTER_HITS = 10;

const SECURITY_FLAT = PORTAL_SECURITY_HEADERS.flatMap(([name, value]) => [name, value]);

function wireHeaders(headers: HeaderList, extra: HeaderList): WireHeaders {
  const byProxy: string[] = [];
  for (const [name, value] of headers) byProxy.push(name, value);
  for (const [name, value] of extra) byProxy.push(name, value);
  return { headers: [...SECURITY_FLAT, ...byProxy], byProxy };
}

/** Puts a compressed body in as the page's variant in its encoding; returns the bytes that adds (or frees, if negative). */
function setEncoding(page: CachedPage, encoding: 'br' | 'gzip', compressed: Buffer): number {
  const body = ownBytes(compressed);
  const before = page[encoding]?.length ?? 0;
  page[encoding] = body;
  page.wire[encoding] = {
    ...wireHeaders(page.headers, [
      ['content-encoding', encoding],
      ['content-length', String(body.length)],
    ]),
    body,
  };
  return body.length - before;
}

/** Makes a page's variant in an encoding, at the quick levels; returns the bytes it adds. */
function addEncoding(page: CachedPage, encoding: 'br' | 'gzip'): number {
  return setEncoding(page, encoding, compress(page.identity, encoding, QUICK));
}

/**
 * A page ready to keep and to send. It is compressed, once, in the
 * encodings asked for (by default both; the cache asks for the one the
 * browser that rendered it takes, and makes the other when first needed),
 * so a miss costs one compression and every hit is a plain memory copy.
 * `headers` are those of the response that rendered the page (see
 * CachedPage.headers); without them, the page's own headers alone.
 */
export function preparePage(
  key: string,
  body: string | Buffer,
  contentType: string,
  tags: string[],
  articleId: number | null,
  sent?: { headers: HeaderList; etag: string; lastModified: string },
  encodings: ReadonlyArray<'br' | 'gzip'> = ['br', 'gzip'],
): CachedPage {
  const identity = ownBytes(typeof body === 'string' ? utf8Bytes(body) : body);
  const etag = sent?.etag ?? etagOf(identity);
  const lastModified = sent?.lastModified ?? new Date().toUTCString();
  const headers = (sent?.headers ?? pageHeaders(contentType, etag, lastModified)).filter(([name]) => !UNSTORED_HEADERS.has(name.toLowerCase()));
  let headerBytes = 0;
  for (const [name, value] of headers) headerBytes += name.length + value.length;
  const page: CachedPage = {
    key,
    tags,
    contentType,
    identity,
    gzip: null,
    br: null,
    best: { br: false, gzip: false, underway: false },
    hits: 0,
    etag,
    lastModified,
    lastModifiedMs: Date.parse(lastModified),
    articleId,
    headers,
    wire: {
      identity: { ...wireHeaders(headers, [['content-length', String(identity.length)]]), body: identity },
      br: null,
      gzip: null,
      notModified: wireHeaders(headers, [['content-length', '0']]),
    },
    // Strings count twice (UTF-16); the wire lists share the header strings.
    bytes: identity.length + (key.length + headerBytes) * 2,
  };
  for (const encoding of encodings) page.bytes += addEncoding(page, encoding);
  return page;
}

/** Headers a stored page never replays: the body's framing, anything about one visitor, and the security headers, which are added as each hit goes out. */
const UNSTORED_HEADERS = new Set([
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'set-cookie',
  ...PORTAL_SECURITY_HEADERS.map(([name]) => name.toLowerCase()),
]);

/**
 * The page cache of one process: least recently used pages go first when
 * the memory budget is reached, and pages are dropped by tag when what they
 * show changes.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly byTag = new Map<string, Set<string>>();
  private used = 0;
  /** The page last inserted or moved to the end. */
  private newest: CachedPage | null = null;
  hits = 0;
  misses = 0;
  /** Hits answered before Fastify, by the server's own listener (a subset of `hits`). */
  earlyHits = 0;

  constructor(readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get size(): number {
    return this.pages.size;
  }

  get usedBytes(): number {
    return this.used;
  }

  /** A cached page, marked as recently used. */
  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) {
      this.misses += 1;
      return undefined;
    }
    this.served(page);
    return page;
  }

  /** Counts a hit on a page just found with peek() (so still held), and marks it as recently used. */
  served(page: CachedPage): void {
    this.hits += 1;
    page.hits += 1;
    if (page.hits >= HOT_AFTER_HITS && !page.best.underway && ((page.br && !page.best.br) || (page.gzip && !page.best.gzip))) this.compressBest(page);
    // Re-inserting moves the page to the end: the Map's order is the LRU order. A page
    // already last (a storm on one notice) stays put rather than churn the Map.
    if (page === this.newest) return;
    this.pages.delete(page.key);
    this.pages.set(page.key, page);
    this.newest = page;
  }

  /** A cached page, without counting or reordering: for a look before deciding to serve. */
  peek(key: string): CachedPage | undefined {
    return this.pages.get(key);
  }

  /**
   * A page as sent in an encoding. The first request for an encoding the
   * page lacks compresses it, and the page (if still held) grows by that.
   */
  variant(page: CachedPage, encoding: Encoding): WireVariant {
    const made = page.wire[encoding];
    if (made) return made;
    const added = addEncoding(page, encoding as 'br' | 'gzip');
    page.bytes += added;
    if (this.pages.get(page.key) === page) {
      this.used += added;
      this.evictOverBudget();
    }
    return page.wire[encoding]!;
  }

  private readonly underway = new Set<Promise<void>>();
  /**
   * Hot pages are compressed again one at a time (a page's two encodings side
   * by side): each compressor holds its buffers from the moment it is made
   * and pages turn hot together, so all at once would swell the process,
   * while the best levels only make later hits smaller and the serving thread
   * keeps a core.
   */
  private readonly bestTurns = new Gate(1);

  /** Recompressions running and waiting their turn. */
  get recompressions(): { running: number; waiting: number } {
    return { running: this.bestTurns.active, waiting: this.bestTurns.queued };
  }

  /**
   * Compresses a hot page again at the best levels, in the encodings it has,
   * on the thread pool, when its turn comes; the smaller bodies replace the
   * quick ones if the page is still held by then. A failure leaves the quick
   * ones; a page dropped before its turn is skipped.
   */
  private compressBest(page: CachedPage): void {
    page.best.underway = true;
    const encodings = (['br', 'gzip'] as const).filter((e) => page[e] && !page.best[e]);
    const work = this.bestTurns
      .run(() => (this.pages.get(page.key) === page ? Promise.all(encodings.map((e) => compressInPool(page.identity, e, BEST))) : Promise.resolve(null)))
      .then(
        (bodies) => {
          if (!bodies) return;
          encodings.forEach((encoding, i) => {
            page.best[encoding] = true;
            const body = bodies[i]!;
            if (body.length >= page[encoding]!.length) return;
            const added = setEncoding(page, encoding, body);
            page.bytes += added;
            if (this.pages.get(page.key) === page) this.used += added;
          });
        },
        () => {
          for (const e of encodings) page.best[e] = true;
        },
      )
      .finally(() => {
        page.best.underway = false;
        this.underway.delete(work);
      });
    this.underway.add(work);
  }

  /** Resolves when every recompression under way has finished (for tests). */
  async settled(): Promise<void> {
    while (this.underway.size > 0) await Promise.all(this.underway);
  }

  /** Whether a page of this many bytes would be kept: none over a quarter of the budget. */
  wouldKeep(bytes: number): boolean {
    return this.enabled && bytes <= this.maxBytes / 4;
  }

  set(page: CachedPage): void {
    if (!this.wouldKeep(page.bytes)) return;
    this.delete(page.key);
    this.pages.set(page.key, page);
    this.newest = page;
    this.used += page.bytes;
    for (const tag of page.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(page.key);
    }
    this.evictOverBudget();
  }

  /** Drops the least recently used pages until the budget holds. */
  private evictOverBudget(): void {
    for (const oldest of this.pages.keys()) {
      if (this.used <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    if (page === this.newest) this.newest = null;
    this.used -= page.bytes;
    for (const tag of page.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  /** Drops every page that carries any of the tags; returns how many went. */
  invalidate(tags: string[]): number {
    let dropped = 0;
    for (const tag of tags) {
      for (const key of [...(this.byTag.get(tag) ?? [])]) {
        this.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  clear(): void {
    this.newest = null;
    this.pages.clear();
    this.byTag.clear();
    this.used = 0;
  }
}
