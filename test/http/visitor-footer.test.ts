import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

const HOST = 'dem-truy-cap.test';
const OTHER = 'dem-truy-cap-khac.test';

for (const dialect of DIALECTS) {
  describe(`visitor counter in the footer [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let articleUrl: string;
    const get = (url: string, host = HOST, ip = '198.51.100.1') => h.app.inject({ url, remoteAddress: ip, headers: { host } });
    const figures = async (host = HOST) => (await get('/api/v1/visitors', host)).json() as { online: number; today: number; total: number };

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [HOST] });
      await buildSite(h.t.db, { hosts: [OTHER] });
      const article = await buildArticle(h.t.db, site);
      articleUrl = `/bai-viet/${article.slug}`;
    });
    after(() => h.close());

    it('every public page carries the same empty, labelled, hidden slot, so the cached HTML holds no figures', async () => {
      for (const url of ['/', articleUrl, '/hoi-dap', '/en', '/thong-ke-truy-cap']) {
        const page = await get(url);
        assert.equal(page.statusCode, 200, url);
        const slot = /<div class="footer-visitors">([\s\S]*?)<\/div>\s*<p class="footer-note">/.exec(page.body)?.[1] ?? '';
        assert.match(slot, /<dl data-visitors="\/thong-ke-truy-cap.json" hidden>/, url);
        for (const label of ['Đang truy cập:', 'Hôm nay:', 'Tổng:'])
          assert.ok(slot.includes(`<dt>${label}</dt> <dd></dd>`), `${url}: ${label} is labelled and empty`);
        assert.match(slot, /<a href="\/thong-ke-truy-cap">Thống kê truy cập<\/a>/, 'without JavaScript the link leads to the figures');
        const inline = [...page.body.matchAll(/<script([^>]*)>/g)].filter((m) => !/\ssrc="/.test(m[1]!) && !/type="application\/ld\+json"/.test(m[1]!));
        assert.deepEqual(
          inline.map((m) => m[0]),
          [],
          `${url}: no inline scripts (strict CSP)`,
        );
      }
    });

    it("the footer's JSON counts the view it is made for, site-scoped, never cached, without cookies; pages, cached or not, do not count twice", async () => {
      const start = await figures();
      assert.deepEqual(await figures(), start, 'the read-only figures are not a page view');

      // A page, then the same page from the page cache: neither counts by itself...
      await get(articleUrl, HOST, '198.51.100.2');
      const hitsBefore = h.app.pageCache.hits;
      const cached = await get(articleUrl, HOST, '198.51.100.3');
      assert.equal(cached.statusCode, 200);
      assert.equal(h.app.pageCache.hits, hitsBefore + 1, 'the second view was served from the page cache');
      assert.deepEqual(await figures(), start);

      // ...the footer's request for each counts it, so views served by a browser cache or a CDN count too.
      const beacon = await get('/thong-ke-truy-cap.json', HOST, '198.51.100.2');
      assert.equal(beacon.statusCode, 200);
      assert.match(String(beacon.headers['content-type']), /^application\/json/);
      assert.equal(beacon.headers['cache-control'], 'no-store');
      assert.equal(beacon.headers['set-cookie'], undefined);
      assert.deepEqual(
        beacon.json(),
        { online: start.online + 1, today: start.today + 1, total: start.total + 1 },
        'the answer includes the view just counted',
      );
      const second = (await get('/thong-ke-truy-cap.json', HOST, '198.51.100.3')).json() as { online: number; today: number; total: number };
      assert.deepEqual(second, { online: start.online + 2, today: start.today + 2, total: start.total + 2 });
      const head = await h.app.inject({ method: 'HEAD', url: '/thong-ke-truy-cap.json', headers: { host: HOST } });
      assert.equal(head.statusCode, 200);
      assert.deepEqual(await figures(), second, 'a HEAD request counts nothing');

      await h.app.visitorCounter.flush(h.t.db);
      assert.deepEqual(await figures(), second, 'written to the database, still the same figures');
      assert.deepEqual(await figures(OTHER), { online: 0, today: 0, total: 0 }, 'another site does not see these views');
    });
  });
}
