import assert from 'node:assert/strict';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import helmet from 'helmet';
import { PORTAL_SECURITY, applySecurityHeaders, securityHeaders } from '../../src/http/security-headers.ts';

/** The raw header lines (name as written, value) a real server answers with, but Date and the connection's. */
async function headersFrom(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string[][]> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const raw = await new Promise<string[]>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.rawHeaders));
        })
        .on('error', reject);
    });
    const lines: string[][] = [];
    for (let i = 0; i < raw.length; i += 2) lines.push([raw[i]!, raw[i + 1]!]);
    return lines.filter(([name]) => !/^(date|connection|keep-alive|transfer-encoding|content-length)$/i.test(name!));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('security headers worked out once', () => {
  it('are the very headers helmet writes per request, in its order and spelling', async () => {
    const recorded = securityHeaders(PORTAL_SECURITY);
    const middleware = helmet(PORTAL_SECURITY);
    const byHelmet = await headersFrom((req, res) => middleware(req, res, () => res.end('x')));
    const byList = await headersFrom((_req, res) => {
      applySecurityHeaders(res, recorded);
      res.end('x');
    });
    assert.ok(byHelmet.length >= 10, `helmet wrote ${byHelmet.length} headers`);
    assert.deepEqual(byList, byHelmet);
    const csp = recorded.find(([name]) => name === 'Content-Security-Policy')?.[1] ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
  });

  it('refuses options that could give each request its own headers (a nonce, a function)', () => {
    const nonce = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${String(res.getHeader('x'))}'`;
    assert.throws(() => securityHeaders({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", nonce] } } }), /cố định/);
  });

  it('passes on what helmet refuses, as helmet would fail the request', () => {
    assert.throws(() => securityHeaders({ referrerPolicy: { policy: 'no-such-policy' as 'no-referrer' } }));
  });
});
