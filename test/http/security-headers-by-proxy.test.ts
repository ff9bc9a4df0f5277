import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { PORTAL_SECURITY_HEADERS, SECURITY_HEADERS_BY_PROXY } from '../../src/http/security-headers.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

/** The portal's security headers as Node reports them: lower-case names. */
const SECURITY = PORTAL_SECURITY_HEADERS.map(([name, value]) => [name.toLowerCase(), value] as const);

interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Header names in wire order, lower-case. */
  names: string[];
}

/** One request over a real socket from a loopback address (127.0.0.1 is the trusted proxy here). */
function send(port: number, url: string, from: string, headers: Record<string, string>): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, agent: false, localAddress: from, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        const names = res.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
        resolve({ status: res.statusCode ?? 0, headers: res.headers, names });
      });
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('quá thời gian chờ')));
    req.end();
  });
}

/** Every security header present once, with the portal's value, ahead of the page's own. */
function assertAllSecurityHeaders(sent: Sent, what: string): void {
  for (const [name, value] of SECURITY) {
    assert.equal(sent.headers[name], value, `${what}: ${name}`);
    assert.equal(sent.names.filter((n) => n === name).length, 1, `${what}: ${name} once`);
  }
}

function assertNoSecurityHeaders(sent: Sent, what: string): void {
  for (const [name] of SECURITY) assert.equal(sent.headers[name], undefined, `${what}: no ${name}`);
}

/** A page for the proxy goes without Date and Connection too, which nginx writes itself. */
function assertNoHopHeaders(sent: Sent, what: string): void {
  assert.equal(sent.headers.date, undefined, `${what}: no Date`);
  assert.equal(sent.headers.connection, undefined, `${what}: no Connection`);
}

for (const dialect of DIALECTS) {
  describe(`security headers (and a page's Date and Connection) added by a trusted proxy instead of the node [${dialect}]`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let port: number;
    let mediaDir: string;
    let articleUrl: string;
    let otherUrl: string;
    const host = 'bao-mat-proxy.test';
    const proxy = (extra: Record<string, string> = {}) => ({ host, [SECURITY_HEADERS_BY_PROXY]: 'proxy', ...extra });

    before(async () => {
      t = await openTestDatabase(dialect);
      mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-media-'));
      // As an operator sets TRUST_PROXY for an nginx on the same machine: that one address only.
      app = await buildApp({ db: t.db, config: { mediaDir, trustProxy: ['127.0.0.1'], logLevel: 'silent' } });
      const site = await buildSite(t.db, { hosts: [host] });
      articleUrl = `/bai-viet/${(await buildArticle(t.db, site, { title: 'Lịch tiêm chủng tháng 12' })).slug}`;
      otherUrl = `/bai-viet/${(await buildArticle(t.db, site, { title: 'Thông báo thu phí vệ sinh' })).slug}`;
      await app.listen({ port: 0, host: '127.0.0.1' });
      port = (app.server.address() as AddressInfo).port;
    });
    after(async () => {
      await app.close();
      await t.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    });

    it('a page rendered for the proxy leaves them out, and the same cached page still carries them to a visitor of the node itself', async () => {
      const miss = await send(port, articleUrl, '127.0.0.1', proxy());
      assert.equal(miss.status, 200);
      assertNoSecurityHeaders(miss, 'rendered for the proxy');
      assertNoHopHeaders(miss, 'rendered for the proxy');
      assert.ok(miss.headers.etag && miss.headers['cache-control'], 'the page keeps its own headers');
      const hits = app.pageCache.hits;
      const hit = await send(port, articleUrl, '127.0.0.1', proxy());
      assertNoSecurityHeaders(hit, 'a hit for the proxy');
      assertNoHopHeaders(hit, 'a hit for the proxy');
      const direct = await send(port, articleUrl, '127.0.0.1', { host });
      assert.ok(direct.headers.date, 'a visitor of the node gets its Date');
      assert.equal(app.pageCache.hits, hits + 2, 'both answered from the cache');
      assertAllSecurityHeaders(direct, 'a hit for a visitor of the node');
      assert.deepEqual(
        direct.names.slice(0, SECURITY.length),
        SECURITY.map(([name]) => name),
        'first, as helmet writes them',
      );
      const notModified = await send(port, articleUrl, '127.0.0.1', proxy({ 'if-none-match': String(miss.headers.etag) }));
      assert.equal(notModified.status, 304);
      assertNoSecurityHeaders(notModified, 'a 304 for the proxy');
      assertNoHopHeaders(notModified, 'a 304 for the proxy');
      assertAllSecurityHeaders(await send(port, articleUrl, '127.0.0.1', { host, 'if-none-match': String(miss.headers.etag) }), 'a 304 for a visitor');
    });

    it('a page rendered for a visitor of the node carries them, and its hits for the proxy do not', async () => {
      assertAllSecurityHeaders(await send(port, otherUrl, '127.0.0.1', { host, 'accept-encoding': 'br' }), 'rendered for a visitor');
      const hit = await send(port, otherUrl, '127.0.0.1', proxy({ 'accept-encoding': 'br' }));
      assertNoSecurityHeaders(hit, 'a hit for the proxy');
      assertNoHopHeaders(hit, 'a hit for the proxy');
    });

    it('every other answer leaves them out for the proxy only: the sign-in form, a page not found', async () => {
      for (const url of ['/quan-tri/dang-nhap', '/khong-co-trang-nay']) {
        const forProxy = await send(port, url, '127.0.0.1', proxy());
        assertNoSecurityHeaders(forProxy, `${url} for the proxy`);
        assertAllSecurityHeaders(await send(port, url, '127.0.0.1', { host }), `${url} for a visitor`);
      }
    });

    it('a client that is not the trusted proxy cannot ask for them to be left out', async () => {
      for (const url of [articleUrl, '/quan-tri/dang-nhap', '/khong-co-trang-nay']) {
        assertAllSecurityHeaders(await send(port, url, '127.0.0.8', proxy()), `${url} from 127.0.0.8`);
      }
    });
  });
}
