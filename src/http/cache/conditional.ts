import { createHash } from 'node:crypto';

/**
 * HTTP caching of public pages: the headers a page is sent with, its strong
 * ETag, and whether a browser's conditional request (If-None-Match,
 * If-Modified-Since) may be answered 304.
 */

/** Response headers in the order they go on the wire, names as written. */
export type HeaderList = Array<[name: string, value: string]>;

/**
 * Browsers may keep a public page a minute; a shared cache (nginx, a CDN) only
 * five seconds, then asks again cheaply with the ETag, so a published change
 * reaches every reader behind it within seconds.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, s-maxage=5, stale-while-revalidate=300';

/** A page's own headers, in the order they are sent after the others. */
export function pageHeaders(contentType: string, etag: string, lastModified: string): HeaderList {
  return [
    ['content-type', contentType],
    ['etag', etag],
    ['last-modified', lastModified],
    ['cache-control', PUBLIC_CACHE_CONTROL],
    ['vary', 'Accept-Encoding'],
  ];
}

/** A strong ETag: the hash of the uncompressed body. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** True when If-None-Match names this ETag (or *). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
}

/** True when the browser's copy is current: If-None-Match decides if sent, else If-Modified-Since. */
export function isFresh(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, etag: string, lastModifiedMs: number): boolean {
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, etag);
  return Boolean(ifModifiedSince && Date.parse(ifModifiedSince) >= lastModifiedMs);
}
