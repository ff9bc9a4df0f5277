import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { CompiledQuery } from 'kysely';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { buildApp } from '../../src/http/app.ts';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';
import { openRecordingSqlite } from '../support/databases.ts';
import { buildArticle } from '../support/factories.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

/**
 * No N+1: a public page costs a small, fixed number of queries however much
 * it lists. Measured with the page cache off, after the site and its menu
 * are cached (the first request of each site loads them).
 */
const BUDGET: Record<string, number> = {
  '/': 7,
  '/chuyen-muc/tin-tuc': 4,
  '/chuyen-muc/tin-tuc?trang=2': 4,
  // The article, "Thông tin khác" (read once per site, then kept), and at most one query each for its featured image and its body's media.
  ARTICLE: 4,
  // The same without "Thông tin khác", which the print view does not show.
  PRINT: 3,
  '/tim-kiem?q=nha+tinh+thuong': 6,
  '/api/v1/articles?per_page=50': 3,
};

describe('queries per public page', () => {
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let queries: CompiledQuery[] = [];
  let slug = '';

  before(async () => {
    ({ handle, queries } = await openRecordingSqlite());
    const site = await seedDemo(handle.db, new LocalStorage('/tmp/xaphuong-query-count-media'));
    // Many articles, so a listing that queried per item would show it.
    for (let i = 0; i < 40; i++) await buildArticle(handle.db, site!, { title: `Tin thêm số ${i}`, publishedAt: new Date(Date.UTC(2025, 0, 1 + i)) });
    slug = (await handle.db.selectFrom('articles').select('slug').where('title', 'like', 'HỘI NGHỊ%').executeTakeFirstOrThrow()).slug;
    app = await buildApp({ db: handle.db, config: { mediaDir: '/tmp/xaphuong-query-count-media', trustProxy: false, logLevel: 'silent', cacheBytes: 0 } });
    await app.inject({ url: '/', headers: { host: 'localhost' } });
  });
  after(async () => {
    await app.close();
    await handle.close();
  });

  for (const [page, budget] of Object.entries(BUDGET)) {
    it(`${page} stays within ${budget} queries`, async () => {
      const url = page === 'ARTICLE' ? `/bai-viet/${slug}` : page === 'PRINT' ? `/bai-viet/${slug}/in` : page;
      queries.length = 0;
      const res = await app.inject({ url, headers: { host: 'localhost' } });
      assert.equal(res.statusCode, 200);
      assert.ok(queries.length <= budget, `${url}: ${queries.length} queries`);
      assert.ok(queries.length > 0, 'the page was really rendered from the database');
    });
  }
});
