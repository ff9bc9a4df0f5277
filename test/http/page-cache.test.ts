import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { parseArticleForm, saveArticle } from '../../src/services/articles/article-editor.ts';
import { transitionArticle } from '../support/review.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser, viewsOf } from '../support/factories.ts';

for (const dialect of DIALECTS) {
  describe(`page cache and HTTP caching [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let reporter: Actor;
    let leader: Actor;
    const slugs: string[] = [];
    const get = (url: string, headers: Record<string, string> = {}, host = 'bo-nho-dem.test') => h.app.inject({ url, headers: { host, ...headers } });
    const cached = (url: string, host = 'bo-nho-dem.test') => Boolean(h.app.pageCache.get(`http://${host}${url}`));

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: ['bo-nho-dem.test'] });
      await buildSite(h.t.db, { hosts: ['xa-ben.test'] });
      for (let i = 1; i <= 12; i++) slugs.push((await buildArticle(h.t.db, site, { title: `Tin số ${i}`, publishedAt: new Date(Date.UTC(2024, 0, i)) })).slug);
      await buildArticle(h.t.db, site, { title: 'Thông báo cũ', categorySlug: 'thong-bao', publishedAt: new Date(Date.UTC(2023, 0, 1)) });
      reporter = (await buildUser(h.t.db, site, 'contributor')).actor;
      leader = (await buildUser(h.t.db, site, 'approver')).actor;
      await h.app.applyPageEvents();
    });
    after(() => h.close());

    it('a second request is served from memory, in the encoding the browser accepts', async () => {
      const first = await get('/');
      const hitsBefore = h.app.pageCache.hits;
      const second = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(h.app.pageCache.hits, hitsBefore + 1);
      assert.equal(second.headers['content-encoding'], 'br');
      assert.equal(second.headers.vary, 'Accept-Encoding');
      assert.equal(zlib.brotliDecompressSync(second.rawPayload).toString(), first.body);
      const gzip = await get('/', { 'accept-encoding': 'gzip' });
      assert.equal(zlib.gunzipSync(gzip.rawPayload).toString(), first.body);
      assert.equal(first.headers['cache-control'], 'public, max-age=60, s-maxage=5, stale-while-revalidate=300');
    });

    it('a hit through Fastify sends the headers of the response that stored the page', async () => {
      const withoutDate = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'date'));
      for (const encoding of ['gzip, deflate, br', 'gzip', 'identity']) {
        h.app.pageCache.clear();
        const miss = await get(`/bai-viet/${slugs[1]}`, { 'accept-encoding': encoding });
        const hitsBefore = h.app.pageCache.hits;
        const hit = await get(`/bai-viet/${slugs[1]}`, { 'accept-encoding': encoding });
        assert.equal(h.app.pageCache.hits, hitsBefore + 1);
        assert.deepEqual(withoutDate(hit.headers), withoutDate(miss.headers), encoding);
        assert.ok(hit.rawPayload.equals(miss.rawPayload), encoding);
      }
    });

    it('answers 304 to a browser that already has the page', async () => {
      const page = await get(`/bai-viet/${slugs[0]}`);
      const etag = String(page.headers.etag);
      assert.match(etag, /^"[\w-]+"$/);
      assert.equal((await get(`/bai-viet/${slugs[0]}`, { 'if-none-match': etag })).statusCode, 304);
      assert.equal((await get(`/bai-viet/${slugs[0]}`, { 'if-modified-since': String(page.headers['last-modified']) })).statusCode, 304);
      assert.equal((await get(`/bai-viet/${slugs[0]}`, { 'if-none-match': '"khac"' })).statusCode, 200);
    });

    it('signed-in staff always get fresh pages that are never stored', async () => {
      const res = await get('/chuyen-muc/tai-lieu', { cookie: 'xp_session=bat-ky' });
      assert.equal(res.headers['cache-control'], 'private, no-store');
      assert.equal(cached('/chuyen-muc/tai-lieu'), false);
    });

    it('publishing drops exactly the pages that show the new article', async () => {
      const urls = ['/', '/chuyen-muc/tin-tuc', '/chuyen-muc/thong-bao', `/bai-viet/${slugs[11]}`, `/bai-viet/${slugs[0]}`];
      for (const url of urls) await get(url);
      await get('/', {}, 'xa-ben.test');
      assert.ok(urls.every((u) => cached(u)));

      const { id } = await saveArticle(
        h.t.db,
        reporter,
        null,
        parseArticleForm({
          title: 'Tin nóng về bão',
          body_html: '<p>Bão số 3.</p>',
          category_id: String(
            (await h.t.db.selectFrom('categories').select('id').where('site_id', '=', site.id).where('slug', '=', 'tin-tuc').executeTakeFirstOrThrow()).id,
          ),
        }),
      );
      await h.app.applyPageEvents();
      assert.ok(
        urls.every((u) => cached(u)),
        'a draft changes no public page',
      );

      await transitionArticle(h.t.db, reporter, id, 'submit');
      await transitionArticle(h.t.db, leader, id, 'publish');
      await h.app.applyPageEvents();
      assert.deepEqual(
        urls.map((u) => cached(u)),
        [false, false, true, false, false],
        'home, its listing and every "Thông tin khác" go; the notices listing stays',
      );
      assert.equal(cached('/', 'xa-ben.test'), true, 'another site keeps its pages');
      assert.match((await get('/')).body, /Tin nóng về bão/);
    });

    it('changing an old article drops its own page, listing and the home page, not the other articles', async () => {
      const old = await h.t.db.selectFrom('articles').select(['id', 'slug']).where('title', '=', 'Thông báo cũ').executeTakeFirstOrThrow();
      for (const url of [`/bai-viet/${old.slug}`, `/bai-viet/${slugs[5]}`, '/chuyen-muc/thong-bao', '/']) await get(url);
      await transitionArticle(h.t.db, leader, old.id, 'unpublish');
      await h.app.applyPageEvents();
      assert.deepEqual(
        [`/bai-viet/${old.slug}`, `/bai-viet/${slugs[5]}`, '/chuyen-muc/thong-bao', '/'].map((u) => cached(u)),
        [false, true, false, false],
      );
      assert.equal((await get(`/bai-viet/${old.slug}`)).statusCode, 404);
    });

    it('views are counted on cache hits too', async () => {
      const slug = slugs[3]!;
      for (let i = 0; i < 3; i++) await get(`/bai-viet/${slug}`);
      await h.app.views.flush(h.t.db);
      assert.equal(await viewsOf(h.t.db, { slug }), 3);
    });
  });
}
