import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { SiteRow } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { parseArticleForm, saveArticle } from '../../src/services/articles/article-editor.ts';
import { transitionArticle } from '../support/review.ts';
import { signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser, viewsOf } from '../support/factories.ts';

interface Sent {
  status: number;
  /** Every header as written on the wire (name casing and order kept), without Date. */
  headers: Array<[string, string]>;
  body: Buffer;
}

/** One request over a real socket (page-cache hits are answered before Fastify, so not through inject()). */
function send(port: number, url: string, headers: Record<string, string>, method = 'GET'): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, method, agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const pairs: Array<[string, string]> = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          if (res.rawHeaders[i]!.toLowerCase() !== 'date') pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('quá thời gian chờ')));
    req.end();
  });
}

/** Headers as inject() reports them: lower-case names, without what only a socket carries. */
function asInjected(headers: Array<[string, string]>): Record<string, string> {
  return Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), value]).filter(([name]) => !TRANSPORT.has(name!)));
}
const TRANSPORT = new Set(['date', 'connection', 'keep-alive']);
function injectedHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !TRANSPORT.has(name))
      .map(([name, value]) => [name, String(value)]),
  );
}

const header = (sent: Sent, name: string) => sent.headers.find(([n]) => n.toLowerCase() === name)?.[1];

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

for (const dialect of DIALECTS) {
  describe(`page-cache hits answered before Fastify [${dialect}]`, () => {
    let h: TestApp;
    let port: number;
    let site: SiteRow;
    let reporter: Actor;
    let leader: Actor;
    let editorEmail: string;
    const host = 'som-truoc.test';
    const slugs: string[] = [];
    const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => send(port, url, { host, ...headers }, method);
    const inject = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
      h.app.inject({ method, url, headers: { host, ...headers } });

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [host] });
      for (let i = 1; i <= 6; i++)
        slugs.push((await buildArticle(h.t.db, site, { title: `Tin sớm số ${i}`, publishedAt: new Date(Date.UTC(2024, 1, i)) })).slug);
      reporter = (await buildUser(h.t.db, site, 'contributor')).actor;
      leader = (await buildUser(h.t.db, site, 'approver')).actor;
      editorEmail = (await buildUser(h.t.db, site, 'editor')).user.email;
      await h.app.applyPageEvents();
      port = await listen(h.app);
    });
    after(() => h.close());

    it('a hit sends exactly the status, headers and bytes of the response that stored the page', async () => {
      const url = `/bai-viet/${slugs[0]}`;
      const accept = { 'accept-encoding': 'gzip, deflate, br' };
      const early = h.app.pageCache.earlyHits;
      const miss = await get(url, accept);
      assert.equal(h.app.pageCache.earlyHits, early, 'the first request is rendered by Fastify');
      const hit = await get(url, accept);
      assert.equal(h.app.pageCache.earlyHits, early + 1, 'the second is answered before Fastify');
      assert.equal(hit.status, miss.status);
      assert.deepEqual(hit.headers, miss.headers);
      assert.ok(hit.body.equals(miss.body));
      // Security headers are part of what is replayed.
      assert.match(header(hit, 'content-security-policy') ?? '', /default-src 'self'/);
      assert.equal(header(hit, 'x-content-type-options'), 'nosniff');
      assert.equal(header(hit, 'referrer-policy'), 'strict-origin-when-cross-origin');
      assert.equal(header(hit, 'content-encoding'), 'br');
      assert.equal(header(hit, 'content-length'), String(hit.body.length));
    });

    it('br, gzip and identity: the same headers and bytes as Fastify sends for a hit', async () => {
      const url = `/bai-viet/${slugs[1]}`;
      const plain = await get(url);
      for (const acceptEncoding of ['gzip, deflate, br', 'gzip', 'identity']) {
        const early = h.app.pageCache.earlyHits;
        const hit = await get(url, { 'accept-encoding': acceptEncoding });
        assert.equal(h.app.pageCache.earlyHits, early + 1, acceptEncoding);
        const viaFastify = await inject(url, { 'accept-encoding': acceptEncoding });
        assert.equal(hit.status, viaFastify.statusCode, acceptEncoding);
        assert.deepEqual(asInjected(hit.headers), injectedHeaders(viaFastify.headers), acceptEncoding);
        assert.ok(hit.body.equals(viaFastify.rawPayload), acceptEncoding);
        const encoding = header(hit, 'content-encoding');
        const decoded = encoding === 'br' ? zlib.brotliDecompressSync(hit.body) : encoding === 'gzip' ? zlib.gunzipSync(hit.body) : hit.body;
        assert.ok(decoded.equals(plain.body), acceptEncoding);
      }
    });

    it('answers 304 to If-None-Match and If-Modified-Since as Fastify does', async () => {
      const url = `/bai-viet/${slugs[2]}`;
      const page = await get(url);
      const conditionals: Array<Record<string, string>> = [{ 'if-none-match': header(page, 'etag')! }, { 'if-modified-since': header(page, 'last-modified')! }];
      for (const conditional of conditionals) {
        const early = h.app.pageCache.earlyHits;
        const notModified = await get(url, conditional);
        assert.equal(h.app.pageCache.earlyHits, early + 1);
        assert.equal(notModified.status, 304);
        assert.equal(notModified.body.length, 0);
        const viaFastify = await inject(url, conditional);
        assert.equal(viaFastify.statusCode, 304);
        assert.deepEqual(asInjected(notModified.headers), injectedHeaders(viaFastify.headers));
      }
      const changed = await get(url, { 'if-none-match': '"khac"' });
      assert.equal(changed.status, 200);
      assert.ok(changed.body.equals(page.body));
    });

    it('HEAD sends the headers of GET and no body', async () => {
      const url = `/bai-viet/${slugs[3]}`;
      await get(url);
      const early = h.app.pageCache.earlyHits;
      const head = await get(url, { 'accept-encoding': 'gzip' }, 'HEAD');
      const full = await get(url, { 'accept-encoding': 'gzip' });
      assert.equal(h.app.pageCache.earlyHits, early + 2);
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      assert.deepEqual(head.headers, full.headers);
      const viaFastify = await inject(url, { 'accept-encoding': 'gzip' }, 'HEAD');
      assert.deepEqual(asInjected(head.headers), injectedHeaders(viaFastify.headers));
    });

    it('signed-in staff and other methods go to Fastify and get fresh, unstored pages', async () => {
      const url = `/bai-viet/${slugs[4]}`;
      await get(url);
      const staff = await signInAs(h.app, host, editorEmail);
      const early = h.app.pageCache.earlyHits;
      const signedIn = await get(url, { cookie: staff.cookie });
      assert.equal(signedIn.status, 200);
      assert.equal(header(signedIn, 'cache-control'), 'private, no-store');
      const posted = await get(url, {}, 'POST');
      assert.notEqual(posted.status, 200);
      assert.equal(h.app.pageCache.earlyHits, early, 'none of these was answered from the cache');
    });

    it('an unknown host reaches Fastify and gets the site-not-found page', async () => {
      const url = `/bai-viet/${slugs[0]}`;
      await get(url);
      const early = h.app.pageCache.earlyHits;
      const res = await send(port, url, { host: 'khong-co-cong-nay.test' });
      assert.equal(res.status, 404);
      assert.equal(h.app.pageCache.earlyHits, early);
    });

    it('publishing drops the cached home page: the next request is rendered fresh', async () => {
      await get('/');
      const early = h.app.pageCache.earlyHits;
      assert.doesNotMatch((await get('/')).body.toString(), /Tin nóng sáng nay/);
      assert.equal(h.app.pageCache.earlyHits, early + 1, 'served from memory before the change');
      const categoryId = (
        await h.t.db.selectFrom('categories').select('id').where('site_id', '=', site.id).where('slug', '=', 'tin-tuc').executeTakeFirstOrThrow()
      ).id;
      const { id } = await saveArticle(
        h.t.db,
        reporter,
        null,
        parseArticleForm({ title: 'Tin nóng sáng nay', body_html: '<p>Nội dung.</p>', category_id: String(categoryId) }),
      );
      await transitionArticle(h.t.db, reporter, id, 'submit');
      await transitionArticle(h.t.db, leader, id, 'publish');
      await h.app.applyPageEvents();
      const fresh = await get('/');
      assert.equal(h.app.pageCache.earlyHits, early + 1, 'rendered by Fastify, not from memory');
      assert.match(fresh.body.toString(), /Tin nóng sáng nay/);
      await get('/');
      assert.equal(h.app.pageCache.earlyHits, early + 2, 'and stored again');
    });

    it('counts article views on hits answered early, and visitors as the Fastify path does', async () => {
      const slug = slugs[5]!;
      const url = `/bai-viet/${slug}`;
      const visits = async () => (await h.app.visitorCounter.figures(h.t.db, site.id)).today;
      await h.app.views.flush(h.t.db);
      await get(url);
      const before = await visits();
      await inject(url);
      const perFastifyHit = (await visits()) - before;
      const early = h.app.pageCache.earlyHits;
      for (let i = 0; i < 3; i++) await get(url);
      await get(url, {}, 'HEAD');
      assert.equal(h.app.pageCache.earlyHits, early + 4);
      await h.app.views.flush(h.t.db);
      assert.equal(await viewsOf(h.t.db, { slug }), 6, 'the miss, the hit through Fastify, three GET hits and the HEAD hit');
      assert.equal((await visits()) - before, perFastifyHit * 4, 'a page view counts the same whichever path answers it');
    });
  });

  describe(`page-cache hits behind a trusted proxy [${dialect}]`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let port: number;
    let mediaDir: string;
    let slug: string;
    const host = 'sau-proxy.test';

    before(async () => {
      t = await openTestDatabase(dialect);
      mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-media-'));
      app = await buildApp({ db: t.db, config: { mediaDir, trustProxy: ['loopback'], logLevel: 'silent' } });
      const site = await buildSite(t.db, { hosts: [host] });
      slug = (await buildArticle(t.db, site, { title: 'Tin sau proxy' })).slug;
      port = await listen(app);
    });
    after(async () => {
      await app.close();
      await t.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    });

    it('uses the same cache key as Fastify: protocol and host from X-Forwarded-Proto/-Host', async () => {
      const url = `/bai-viet/${slug}`;
      const proxied = { host, 'x-forwarded-proto': 'http, https', 'x-forwarded-host': `ignored.test, ${host}`, 'x-forwarded-for': '203.0.113.7, 10.0.0.2' };
      const miss = await send(port, url, proxied);
      assert.ok(app.pageCache.peek(`https://${host}${url}`), 'stored under the forwarded protocol');
      const early = app.pageCache.earlyHits;
      const hit = await send(port, url, proxied);
      assert.equal(app.pageCache.earlyHits, early + 1);
      assert.deepEqual(hit.headers, miss.headers);
      const direct = await send(port, url, { host });
      assert.equal(app.pageCache.earlyHits, early + 1, 'plain http is another page');
      assert.equal(direct.status, 200);
      assert.ok(app.pageCache.peek(`http://${host}${url}`));
    });
  });

  describe(`without early hits, Fastify answers them from its hook [${dialect}]`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let port: number;
    let mediaDir: string;
    let slug: string;
    const host = 'qua-fastify.test';

    before(async () => {
      t = await openTestDatabase(dialect);
      mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-media-'));
      app = await buildApp({ db: t.db, config: { mediaDir, trustProxy: false, logLevel: 'silent' }, earlyCacheHits: false });
      const site = await buildSite(t.db, { hosts: [host] });
      slug = (await buildArticle(t.db, site, { title: 'Tin qua Fastify' })).slug;
      port = await listen(app);
    });
    after(async () => {
      await app.close();
      await t.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    });

    it('and send on the wire what the miss sent', async () => {
      const url = `/bai-viet/${slug}`;
      const miss = await send(port, url, { host, 'accept-encoding': 'br' });
      const hits = app.pageCache.hits;
      const hit = await send(port, url, { host, 'accept-encoding': 'br' });
      assert.equal(app.pageCache.hits, hits + 1);
      assert.equal(app.pageCache.earlyHits, 0);
      assert.deepEqual(hit.headers, miss.headers);
      assert.ok(hit.body.equals(miss.body));
    });
  });
}
