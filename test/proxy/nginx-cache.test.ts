import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PORTAL_SECURITY_HEADERS } from '../../src/http/security-headers.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { type ProxiedNodes, startProxiedNodes, testShippedSiteFile } from '../support/nginx.ts';
import { publishArticle, request, signIn } from '../support/portal-process.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Item 5 of issue 26: the shipped nginx configuration in front of two nodes on loopback. */
describe('the shipped nginx configuration in front of two nodes [postgres]', () => {
  let h: ProxiedNodes;
  let through: (pathname: string, headers?: Record<string, string>) => ReturnType<typeof request>;
  let articles: string[];

  before(async () => {
    h = await startProxiedNodes();
    through = (pathname, headers = {}) => request(h.nginx.port, pathname, { headers });
    const home = await through('/');
    articles = [...new Set([...home.body.matchAll(/href="(\/bai-viet\/[^"#?]+)"/g)].map((m) => m[1]!))];
    assert.ok(articles.length >= 3, 'the demo home page links to articles');
  });
  after(() => h?.close());

  it('nginx keeps a public page and serves it from its cache, one copy per encoding', async () => {
    const page = articles[0]!;
    const first = await through(page, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(first.status, 200);
    assert.equal(first.headers['x-cache-status'], 'MISS');
    assert.equal(first.headers['content-encoding'], 'br');
    assert.match(String(first.headers['cache-control']), /s-maxage=5/);
    const again = await through(page, { 'accept-encoding': 'br, gzip' });
    assert.equal(again.headers['x-cache-status'], 'HIT', 'another way of writing the same encodings shares the copy');
    assert.deepEqual(again.bytes, first.bytes);
    const gzip = await through(page, { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers['x-cache-status'], 'MISS', 'gzip is a copy of its own');
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal((await through(page, { 'accept-encoding': 'gzip' })).headers['x-cache-status'], 'HIT');
    const otherHost = await request(h.nginx.port, page, { headers: { host: 'khong-co.test' } });
    assert.equal(otherHost.status, 404, 'the key holds the host: another host never gets this site’s page');
  });

  it('an unchanged page past its time is revalidated with a node, which answers 304, again and again', async () => {
    // A listing: an article page shows its view count, which the other node may have moved on since.
    const page = '/chuyen-muc/tai-lieu';
    await through(page);
    assert.equal((await through(page)).headers['x-cache-status'], 'HIT');
    for (let round = 0; round < 2; round++) {
      // s-maxage=5, which nginx counts in whole seconds: past six seconds the copy is stale for sure.
      await sleep(6_100);
      const revalidated = await through(page);
      assert.equal(revalidated.status, 200);
      assert.equal(revalidated.headers['x-cache-status'], 'REVALIDATED');
      assert.equal((await through(page)).headers['x-cache-status'], 'HIT');
    }
  });

  it('an article published on node A shows on the home page through nginx within six seconds', async () => {
    for (let i = 0; i < 2; i++) await through('/');
    assert.equal((await through('/')).headers['x-cache-status'], 'HIT', 'the home page is in nginx’s cache');
    await publishArticle(h.ports[0], 'Thông báo khẩn về bão số 9 qua nginx');
    const deadline = Date.now() + 6_000 + 2_000; // s-maxage in nginx's whole seconds, and the nodes' page events, with room to spare
    for (;;) {
      const home = await through('/');
      if (home.body.includes('Thông báo khẩn về bão số 9 qua nginx')) break;
      assert.ok(Date.now() < deadline, `nginx still serves the old home page (${home.headers['x-cache-status']})`);
      await sleep(250);
    }
  });

  it('signed-in staff pass by the cache, and their pages are never kept for anyone', async () => {
    const staff = await signIn(h.nginx.port, 'bientap@phuong1.demo');
    const page = articles[2]!;
    for (let i = 0; i < 2; i++) {
      const res = await through(page, { cookie: staff.cookie });
      assert.equal(res.headers['x-cache-status'], 'BYPASS');
      assert.equal(res.headers['cache-control'], 'private, no-store');
    }
    const anonymous = await through(page);
    assert.equal(anonymous.headers['x-cache-status'], 'MISS', 'the signed-in copies were not kept');
  });

  it('a reply that sets a cookie, as the sign-in form does, is never kept', async () => {
    const first = await through('/quan-tri/dang-nhap');
    const second = await through('/quan-tri/dang-nhap');
    assert.ok(first.headers['set-cookie'] && second.headers['set-cookie']);
    assert.notEqual(String(first.headers['set-cookie']), String(second.headers['set-cookie']), 'each visitor gets a token of their own');
    assert.notEqual(second.headers['x-cache-status'], 'HIT');
  });

  it('every answer through nginx carries the portal’s security headers once, added by nginx, and its cache keeps none of them (nor Date, Connection)', async () => {
    const staff = await signIn(h.nginx.port, 'bientap@phuong1.demo');
    const page = articles[1]!;
    const answers = {
      'a page, kept': await through(page),
      'the same page, from the cache': await through(page),
      'a page not found': await through('/khong-co-trang-nay'),
      'the sign-in form': await through('/quan-tri/dang-nhap'),
      'a signed-in page': await through('/quan-tri/tai-khoan', { cookie: staff.cookie }),
    };
    assert.equal(answers['the same page, from the cache'].headers['x-cache-status'], 'HIT');
    assert.ok(answers['the same page, from the cache'].headers.date, 'nginx writes its own Date');
    for (const [what, res] of Object.entries(answers)) {
      assert.ok(res.status === 200 || res.status === 404, `${what}: ${res.status}`);
      // Node joins a repeated header with ", ": a header sent twice would not equal the portal's value.
      for (const [name, value] of PORTAL_SECURITY_HEADERS) assert.equal(res.headers[name.toLowerCase()], value, `${what}: ${name}`);
    }
    const direct = await request(h.ports[0], page);
    for (const [name, value] of PORTAL_SECURITY_HEADERS) assert.equal(direct.headers[name.toLowerCase()], value, `a node asked directly sends ${name} itself`);
    const stored = fs.readdirSync(path.join(h.nginx.dir, 'cache'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    assert.ok(stored.length > 0, 'nginx keeps pages on disk');
    for (const file of stored) {
      const text = fs.readFileSync(path.join(file.parentPath, file.name), 'latin1').toLowerCase();
      assert.ok(text.includes('\netag: '), 'a kept page starts with the node’s headers');
      for (const [name] of [...PORTAL_SECURITY_HEADERS, ['Date'], ['Connection'], ['Keep-Alive']])
        assert.ok(!text.includes(`\n${name!.toLowerCase()}:`), `${file.name} keeps no ${name}`);
    }
  });

  it('fingerprinted assets are sent by nginx from the data folder, gzip made beforehand', async () => {
    const home = await through('/');
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(home.body)![1]!;
    const onDisk = fs.readFileSync(path.join(h.dataDir, css));
    const plain = await through(css);
    assert.equal(plain.status, 200);
    assert.deepEqual(plain.bytes, onDisk);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    // A byte range is nginx's static file module answering: the nodes always send the whole file.
    const range = await through(css, { range: 'bytes=0-9' });
    assert.equal(range.status, 206);
    assert.deepEqual(range.bytes, onDisk.subarray(0, 10));
    const gzip = await through(css, { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.deepEqual(gzip.bytes, fs.readFileSync(path.join(h.dataDir, `${css}.gz`)));
  });

  it('the portal records the client nginx saw, and a forged X-Forwarded-For counts for nothing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const form = await request(h.nginx.port, '/quan-tri/dang-nhap', { localAddress: '127.0.0.7' });
      const res = await request(h.nginx.port, '/quan-tri/dang-nhap', {
        method: 'POST',
        localAddress: '127.0.0.7',
        headers: {
          'x-forwarded-for': `198.51.100.${i}`,
          cookie: String(form.headers['set-cookie']).split(';')[0]!,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          _csrf: /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!,
          email: `khong-co-${i}@xa.test`,
          password: 'sai-mat-khau',
        }).toString(),
        timeoutMs: 30_000,
      });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [...Array(20).fill(401), 429], 'the sign-in limit counts the one real address, whatever the header says');
    const site = await h.database.db.selectFrom('site_hosts').select('site_id').where('host', '=', 'localhost').executeTakeFirstOrThrow();
    const failed = await new AuditRepository(h.database.db).list(site.site_id, { action: 'auth.login_failed' }, 30);
    assert.ok(failed.length >= 20);
    assert.deepEqual([...new Set(failed.map((e) => e.ip))], ['127.0.0.7'], 'the audit log keeps the address nginx saw');
  });

  it('the shipped site file, HTTPS included, passes nginx -t with only the certificate and cache folder changed', () => {
    const { code, output } = testShippedSiteFile();
    assert.equal(code, 0, output);
    assert.match(output, /syntax is ok/);
  });
});
