/**
 * Which link targets the editor accepts: http(s), mailto, tel, or a URL
 * relative to the portal. Everything else (javascript:, data:, //host, …)
 * is refused here and, again, by the server's sanitiser.
 */

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * Tidies what a person typed as a link address: trims it and turns
 * "www.example.vn/…" into "https://www.example.vn/…". Returns '' for blank input.
 */
export function normalizeHref(input: string): string {
  const value = input.trim();
  if (/^www\.[^\s/]+\.[^\s/]+/i.test(value)) return `https://${value}`;
  return value;
}

/** True when `href` is an http(s), mailto or tel URL, or a relative URL on this origin. */
export function isAllowedHref(href: string): boolean {
  const value = href.trim();
  if (!value) return false;
  // Whitespace or control characters inside a URL are a typo or a trick.
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return false;
  if (value.startsWith('//') || value.startsWith('\\')) return false;
  const scheme = SCHEME.exec(value);
  if (!scheme) return true; // "/tin-tuc/…", "bai-viet.html", "#muc-2", "?trang=2"
  const name = (scheme[1] ?? '').toLowerCase();
  if (!ALLOWED_SCHEMES.has(name)) return false;
  if (name === 'http' || name === 'https') {
    try {
      return new URL(value).hostname !== '';
    } catch {
      return false;
    }
  }
  // mailto:someone@example.vn, tel:+842431234567
  return value.length > name.length + 1;
}
