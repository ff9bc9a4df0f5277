import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

const HOST = 'ngon-ngu.test';
const ORIGIN = `http://${HOST}`;

/** Every value of one meta property, in order. */
function metaValues(body: string, property: string): string[] {
  return [...body.matchAll(new RegExp(`<meta property="${property.replace(/[.:]/g, '\\$&')}" content="([^"]*)">`, 'g'))].map((m) => m[1]!);
}

/** hreflang → href of the page's alternate-language links. */
function hreflangs(body: string): Record<string, string> {
  return Object.fromEntries([...body.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1]!, m[2]!]));
}

for (const dialect of DIALECTS) {
  describe(`share previews name the page's language [${dialect}]`, () => {
    let h: TestApp;
    let articleUrl: string;
    const get = (url: string) => h.app.inject({ url, headers: { host: HOST } });

    before(async () => {
      h = await openTestApp(dialect);
      const site = await buildSite(h.t.db, { hosts: [HOST] });
      articleUrl = `/bai-viet/${(await buildArticle(h.t.db, site)).slug}`;
    });
    after(() => h.close());

    it('Vietnamese pages say vi_VN once; without an English counterpart they name no alternate', async () => {
      for (const url of ['/', articleUrl, '/hoi-dap', '/van-ban', '/gioi-thieu/di-tich']) {
        const page = await get(url);
        assert.equal(page.statusCode, 200, url);
        assert.deepEqual(metaValues(page.body, 'og:locale'), ['vi_VN'], url);
        assert.deepEqual(metaValues(page.body, 'og:locale:alternate'), [], url);
        assert.deepEqual(hreflangs(page.body), {}, url);
      }
    });

    it('English pages say en_US, with vi_VN as the alternate; each pair links the other both ways', async () => {
      const pairs = [
        ['/gioi-thieu', '/en'],
        ['/gioi-thieu/lanh-dao', '/en/leaders'],
        ['/gioi-thieu/can-bo-dau-moi', '/en/contact'],
      ];
      for (const [vi, en] of pairs) {
        const viPage = await get(vi!);
        const enPage = await get(en!);
        assert.equal(viPage.statusCode, 200, vi);
        assert.equal(enPage.statusCode, 200, en);
        assert.match(enPage.body, /<html lang="en">/);
        assert.deepEqual(metaValues(viPage.body, 'og:locale'), ['vi_VN'], vi);
        assert.deepEqual(metaValues(viPage.body, 'og:locale:alternate'), ['en_US'], vi);
        assert.deepEqual(metaValues(enPage.body, 'og:locale'), ['en_US'], en);
        assert.deepEqual(metaValues(enPage.body, 'og:locale:alternate'), ['vi_VN'], en);
        const expected = { vi: `${ORIGIN}${vi}`, en: `${ORIGIN}${en}` };
        assert.deepEqual(hreflangs(viPage.body), expected, vi);
        assert.deepEqual(hreflangs(enPage.body), expected, en);
      }
    });
  });
}
