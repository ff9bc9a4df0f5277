/**
 * How an old address is kept and compared: its path and query, percent
 * decoding undone, NFC, lower case, no trailing slash. WordPress, ASP.NET
 * and PHP portals all answered the same page whatever the case or slash.
 */

/** Query parameters that alone name a page on an old site's home (WordPress: /?p=123, /?page_id=4). */
const PAGE_QUERY = /^\/(?:index\.php)?$/;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The kept form of an old address, from a full URL or a path; null when it is no path at all. */
export function normalizeOldPath(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    url = new URL(trimmed, 'http://old.invalid');
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  let path = decode(url.pathname).normalize('NFC').toLowerCase().replace(/\/+$/, '') || '/';
  if (PAGE_QUERY.test(path)) path = '/';
  const query = decode(url.search.replace(/^\?/, '')).normalize('NFC').toLowerCase();
  return query ? `${path}?${query}` : path;
}

/** The forms of a request's address to look up, most exact first: with its query, then without. */
export function lookupKeys(rawUrl: string): string[] {
  const exact = normalizeOldPath(rawUrl);
  if (!exact) return [];
  const bare = exact.split('?')[0]!;
  // The home page with a query it does not know stays the home page.
  return bare === exact || bare === '/' ? [exact] : [exact, bare];
}

/** The host of a full URL, lower case, or '' for a bare path. */
export function hostOf(input: string): string {
  try {
    return /^https?:\/\//i.test(input.trim()) ? new URL(input.trim()).hostname.toLowerCase() : '';
  } catch {
    return '';
  }
}
