import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { SiteRow } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';

function decoded(res: LightMyRequestResponse): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(res.rawPayload).toString();
  if (encoding === 'gzip') return zlib.gunzipSync(res.rawPayload).toString();
  assert.equal(encoding, undefined);
  return res.body;
}

for (const dialect of DIALECTS) {
  describe(`compression of responses the page cache does not keep [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    const host = 'nen-gon.test';
    const get = (url: string, headers: Record<string, string> = {}) => h.app.inject({ url, headers: { host, ...headers } });

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [host] });
      for (let i = 1; i <= 8; i++) await buildArticle(h.t.db, site, { title: `Thông báo nén số ${i}` });
    });
    after(() => h.close());

    it('a search page comes in the one encoding the browser takes, and decodes to the plain page', async () => {
      const url = `/tim-kiem?q=${encodeURIComponent('thông báo')}`;
      const plain = await get(url);
      assert.equal(plain.statusCode, 200);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.headers.vary, 'Accept-Encoding');
      for (const [accept, expected] of [
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
        ['identity', undefined],
      ] as const) {
        const res = await get(url, { 'accept-encoding': accept });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-encoding'], expected, accept);
        assert.equal(res.headers.vary, 'Accept-Encoding');
        assert.equal(Number(res.headers['content-length']), res.rawPayload.length);
        assert.equal(decoded(res), plain.body, accept);
      }
      assert.equal(h.app.pageCache.peek(`http://${host}${url}`), undefined, 'search pages are not stored');
    });

    it('signed-in staff get their fresh, unstored pages compressed', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      const staff = await signInAs(h.app, host, user.email);
      const res = await get('/chuyen-muc/tin-tuc', { cookie: staff.cookie, 'accept-encoding': 'gzip, br' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'private, no-store');
      assert.equal(res.headers['content-encoding'], 'br');
      assert.match(decoded(res), /Thông báo nén số 8/);
      const newsroom = await staff.get('/quan-tri/bai-viet');
      assert.equal(newsroom.statusCode, 200);
      const compressed = await h.app.inject({ url: '/quan-tri/bai-viet', headers: { host, cookie: staff.cookie, 'accept-encoding': 'gzip' } });
      assert.equal(compressed.headers['content-encoding'], 'gzip');
      assert.equal(decoded(compressed), newsroom.body);
    });

    it('leaves small answers alone', async () => {
      const health = await get('/healthz', { 'accept-encoding': 'br' });
      assert.equal(health.statusCode, 200);
      assert.equal(health.headers['content-encoding'], undefined);
    });

    it('compresses a stylesheet once per encoding and sends the same bytes after', async () => {
      const home = await get('/');
      const css = /href="(\/assets\/site\.[\w]+\.css)"/.exec(home.body)?.[1];
      assert.ok(css, 'the home page links its stylesheet');
      const first = await get(css, { 'accept-encoding': 'br' });
      const second = await get(css, { 'accept-encoding': 'br' });
      assert.equal(first.headers['content-encoding'], 'br');
      assert.equal(first.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.ok(first.rawPayload.equals(second.rawPayload));
      assert.equal(decoded(first), (await get(css)).body);
    });
  });

  describe(`pages with the cache off [${dialect}]`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let mediaDir: string;
    let slug: string;
    const host = 'khong-dem.test';
    const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers: { host, ...headers } });

    before(async () => {
      t = await openTestDatabase(dialect);
      mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-media-'));
      app = await buildApp({ db: t.db, config: { mediaDir, trustProxy: false, logLevel: 'silent', cacheBytes: 0 } });
      const site = await buildSite(t.db, { hosts: [host] });
      slug = (await buildArticle(t.db, site, { title: 'Tin không đệm' })).slug;
    });
    after(async () => {
      await app.close();
      await t.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    });

    it('still carry validators and come in the one encoding the browser takes', async () => {
      const url = `/bai-viet/${slug}`;
      const plain = await get(url);
      assert.equal(plain.statusCode, 200);
      assert.match(String(plain.headers.etag), /^"[\w-]{27}"$/);
      assert.equal(plain.headers['cache-control'], 'public, max-age=60, s-maxage=5, stale-while-revalidate=300');
      assert.equal(plain.headers.vary, 'Accept-Encoding');
      for (const [accept, expected] of [
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
      ] as const) {
        const res = await get(url, { 'accept-encoding': accept });
        assert.equal(res.headers['content-encoding'], expected);
        assert.equal(res.headers.etag, plain.headers.etag, 'the ETag is of the page, whatever the encoding');
        assert.equal(decoded(res), plain.body);
      }
      assert.equal((await get(url, { 'if-none-match': String(plain.headers.etag) })).statusCode, 304);
      assert.equal(app.pageCache.size, 0);
    });
  });
}
