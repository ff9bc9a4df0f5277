import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import { type ProxyTrust, fromTrustedProxy } from './proxy-trust.ts';

/** The strict content security policy: our own origin only, no inline scripts or styles. */
const CSP: HelmetOptions['contentSecurityPolicy'] = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    // Off: it would send localhost and plain-HTTP intranet installs to an https:// that is not there.
    upgradeInsecureRequests: null,
  },
};

/** Helmet's options for every response of the portal. */
export const PORTAL_SECURITY: HelmetOptions = {
  contentSecurityPolicy: CSP,
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
};

/** Response headers in the order they are written, names as written. */
export type SecurityHeaders = ReadonlyArray<readonly [string, string]>;

/**
 * The headers helmet writes on every response, worked out once rather than
 * running helmet's chain of a dozen middlewares on each request. With
 * options that hold no nonce and no function of the
 * request, it writes the same headers every time: here it runs once,
 * against a recorder, and each response gets the list (applySecurityHeaders).
 * Options with functions are refused: their headers could differ per request.
 */
export function securityHeaders(options: HelmetOptions): SecurityHeaders {
  if (hasFunction(options)) throw new Error('securityHeaders: các tùy chọn của helmet phải cố định, không có hàm theo từng yêu cầu');
  const headers = new Map<string, readonly [string, string]>();
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), [name, String(value)]);
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let outcome: { error: unknown } | undefined;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    outcome = { error };
  });
  if (!outcome) throw new Error('securityHeaders: helmet không chạy xong ngay');
  if (outcome.error) throw outcome.error;
  return [...headers.values()];
}

/** The headers every response of the portal carries, worked out once. */
export const PORTAL_SECURITY_HEADERS: SecurityHeaders = securityHeaders(PORTAL_SECURITY);

/**
 * The request header by which a proxy says it adds PORTAL_SECURITY_HEADERS to
 * the response itself (deploy/nginx/xaphuong-security-headers.conf), so that
 * its cache does not store and read them back with every page.
 */
export const SECURITY_HEADERS_BY_PROXY = 'x-security-headers';

/** Whether the security headers are the proxy's to add: it says so, and it is a trusted one (a client's own claim counts for nothing). */
export function proxyAddsSecurityHeaders(req: IncomingMessage, trust: ProxyTrust | false): boolean {
  return trust !== false && req.headers[SECURITY_HEADERS_BY_PROXY] === 'proxy' && fromTrustedProxy(req, trust);
}

/** Writes the recorded headers on a response, as helmet would have. */
export function applySecurityHeaders(res: ServerResponse, headers: SecurityHeaders): void {
  for (const [name, value] of headers) res.setHeader(name, value);
}

function hasFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(hasFunction);
}
