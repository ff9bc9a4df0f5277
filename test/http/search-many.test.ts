import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { COUNT_CAP } from '../../src/repositories/search-repository.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, indexNewsItems } from '../support/factories.ts';

/** A search matching more items than it counts: the page and the API say "more than", and every page of them still opens. */

const DOCS = COUNT_CAP + 25;

for (const dialect of DIALECTS) {
  describe(`search with more matches than it counts [${dialect}]`, () => {
    let h: TestApp;
    const get = (url: string) => h.app.inject({ url, headers: { host: 'nhieu.test' } });

    before(async () => {
      h = await openTestApp(dialect);
      const site = await buildSite(h.t.db, { hosts: ['nhieu.test'] });
      await indexNewsItems(h.t.db, site.id, DOCS, 3_600_000, (i) => ({
        title: i % 2 === 0 ? `Phường ra quân dọn vệ sinh đợt ${i}` : `Họp tổ dân phố số ${i}`,
        body: 'Bà con khu phố cùng ra quân dọn vệ sinh môi trường.',
      }));
    });
    after(() => h.close());

    it('says “hơn 1.000 kết quả” and ranks titles holding the words first, newest first', async () => {
      const res = await get('/tim-kiem?q=ve+sinh');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Tìm thấy hơn 1\.000 kết quả cho “ve sinh”\./);
      const first = [...res.body.matchAll(/<a href="(\/bai-viet\/tin-\d+)"/g)].map((m) => m[1]);
      const titled = Array.from({ length: DOCS }, (_, i) => i).filter((i) => i % 2 === 0);
      assert.deepEqual(
        first.slice(0, 3),
        titled
          .slice(-3)
          .reverse()
          .map((i) => `/bai-viet/tin-${i}`),
      );
    });

    it('the API says the count stopped, and the last page it counted opens with results', async () => {
      const body = (await get('/api/v1/search?q=ve+sinh')).json();
      assert.deepEqual([body.total, body.total_capped, body.data.length], [COUNT_CAP, true, 10]);
      const last = (await get(`/api/v1/search?q=ve+sinh&page=${COUNT_CAP / 10}`)).json();
      assert.deepEqual([last.page, last.data.length], [COUNT_CAP / 10, 10]);
      const few = (await get('/api/v1/search?q=dot+24')).json();
      assert.equal(few.total_capped, false);
    });
  });
}
