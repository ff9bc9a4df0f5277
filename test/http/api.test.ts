import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { DIALECTS } from '../support/databases.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

for (const dialect of DIALECTS) {
  describe(`public API [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    const get = (url: string, host = 'api.test') => h.app.inject({ method: 'GET', url, headers: { host } });

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: ['api.test'] });
      for (let i = 1; i <= 5; i++) {
        await buildArticle(h.t.db, site, { title: `Tin API ${i}`, writer: 'Hoàng Yến', photographer: 'Minh Trí', publishedAt: new Date(Date.UTC(2024, 5, i)) });
      }
      await buildArticle(h.t.db, site, { title: 'Thông báo API', categorySlug: 'thong-bao', publishedAt: new Date(Date.UTC(2024, 6, 1)) });
    });
    after(() => h.close());

    it('lists published articles, paginated, newest first, with canonical URLs', async () => {
      const res = await get('/api/v1/articles?page=2&per_page=2');
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.deepEqual(body.meta, { page: 2, per_page: 2, total: 6, total_pages: 3 });
      assert.deepEqual(
        body.data.map((a: { title: string }) => a.title),
        ['Tin API 4', 'Tin API 3'],
      );
      assert.deepEqual(Object.keys(body.data[0]).sort(), ['category', 'id', 'published_at', 'slug', 'summary', 'title', 'url']);
      assert.equal(body.data[0].url, 'http://api.test/bai-viet/tin-api-4');
      assert.deepEqual(body.data[0].category, { slug: 'tin-tuc', name: 'Tin tức', kind: 'news' });
    });

    it('filters by category', async () => {
      const body = (await get('/api/v1/articles?category=thong-bao')).json();
      assert.deepEqual(
        body.data.map((a: { title: string }) => a.title),
        ['Thông báo API'],
      );
      const missing = await get('/api/v1/articles?category=khong-co');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'category_not_found');
    });

    it('gives one article with its body and credits', async () => {
      const body = (await get('/api/v1/articles/tin-api-1')).json();
      assert.equal(body.data.title, 'Tin API 1');
      assert.match(body.data.body_html, /^<p>Nội dung tin thử/);
      assert.equal(body.data.writer, 'Hoàng Yến');
      assert.equal(body.data.photographer, 'Minh Trí');
      assert.equal(body.data.credits, 'Tin: Hoàng Yến, Ảnh: Minh Trí.');
    });

    it('answers errors as JSON with a stable code and field messages', async () => {
      const missing = await get('/api/v1/articles/khong-co');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'article_not_found');
      const bad = await get('/api/v1/articles?page=0&per_page=1000');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'validation_failed');
      assert.deepEqual(
        bad
          .json()
          .error.fields.map((f: { field: string }) => f.field)
          .sort(),
        ['page', 'per_page'],
      );
      const unknownHost = await get('/api/v1/articles', 'khong-co.test');
      assert.equal(unknownHost.json().error.code, 'site_not_found');
      const unknownRoute = await get('/api/v1/khong-co');
      assert.equal(unknownRoute.json().error.code, 'not_found');
    });

    it('health check answers without a site', async () => {
      const res = await get('/healthz', 'any.host');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ok', database: 'ok', storage: 'ok', pid: process.pid });
    });
  });
}
