import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle } from '../support/factories.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

/** Parses XML, failing the test if it is not well-formed. */
function xml(text: string) {
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, JSON.stringify(valid));
  return parser.parse(text);
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

for (const dialect of DIALECTS) {
  describe(`feeds, sitemaps and robots.txt [${dialect}]`, () => {
    let h: TestApp;
    const get = (url: string) => h.app.inject({ url, headers: { host: 'localhost' } });

    before(async () => {
      h = await openTestApp(dialect);
      await seedDemo(h.t.db, new LocalStorage(h.mediaDir));
    });
    after(() => h.close());

    it('RSS 2.0 carries the site and its latest items with link, guid, date and category', async () => {
      const res = await get('/rss.xml');
      assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
      const channel = xml(res.body).rss.channel;
      assert.equal(channel.title, 'Ủy ban nhân dân phường 1');
      assert.equal(channel.link, 'http://localhost/');
      assert.equal(channel.language, 'vi');
      const items = list(channel.item);
      assert.equal(items.length, 9);
      assert.equal(items[0].title, 'Tài liệu về Tuyên truyền hướng dẫn kỹ năng chằng chống nhà cửa và giải pháp quản lý vườn cây ăn trái trong mùa mưa bão');
      for (const item of items) {
        assert.match(item.link, /^http:\/\/localhost\/bai-viet\/[a-z0-9-]+$/);
        assert.equal(item.guid['#text'], item.link);
        assert.ok(!Number.isNaN(Date.parse(item.pubDate)));
        assert.ok(item.category);
      }
    });

    it('Atom has an id, an updated date and one entry per item, with the writer as author', async () => {
      const res = await get('/atom.xml');
      const feed = xml(res.body).feed;
      assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
      assert.ok(feed.id && feed.updated && feed.title);
      const entries = list(feed.entry);
      assert.equal(entries.length, 9);
      const sample = entries.find((e: { title: string }) => e.title.startsWith('HỘI NGHỊ'));
      assert.equal(sample.author.name, 'Việt Thắng');
      assert.ok(entries.every((e: { id: string; updated: string }) => e.id.startsWith('http://localhost/bai-viet/') && !Number.isNaN(Date.parse(e.updated))));
    });

    it('each category has its own feeds, with only its items', async () => {
      const rss = xml((await get('/chuyen-muc/thong-bao/rss.xml')).body).rss.channel;
      assert.equal(rss.title, 'Thông báo – Ủy ban nhân dân phường 1');
      assert.equal(list(rss.item).length, 2);
      assert.equal(list(xml((await get('/chuyen-muc/tai-lieu/atom.xml')).body).feed.entry).length, 2);
      assert.equal((await get('/chuyen-muc/khong-co/rss.xml')).statusCode, 404);
    });

    it('the XML sitemap lists every public page with its last change', async () => {
      const urls = list(xml((await get('/sitemap.xml')).body).urlset.url) as Array<{ loc: string; lastmod: string }>;
      assert.equal(urls.filter((u) => u.loc.includes('/bai-viet/')).length, 9);
      assert.ok(urls.some((u) => u.loc === 'http://localhost/chuyen-muc/tin-tuc'));
      assert.ok(urls.every((u) => !Number.isNaN(Date.parse(u.lastmod))));
    });

    it('robots.txt points at the sitemap and keeps crawlers out of the admin', async () => {
      const res = await get('/robots.txt');
      assert.match(res.body, /^Disallow: \/quan-tri$/m);
      assert.match(res.body, /^Sitemap: http:\/\/localhost\/sitemap\.xml$/m);
    });

    it('the HTML sitemap lists every category and links the feeds', async () => {
      const res = await get('/so-do-cong');
      assert.match(res.body, /<h1 class="page-title">Sơ đồ cổng<\/h1>/);
      for (const name of ['Tin tức', 'Thông báo', 'Tài liệu', 'Việc làm ngoài nước']) assert.match(res.body, new RegExp(`>${name}</a>`));
      assert.match(res.body, /href="\/chuyen-muc\/thong-bao\/rss.xml"/);
    });

    it('a newly published article appears in the cached feeds', async () => {
      await get('/rss.xml');
      await buildArticle(h.t.db, await h.t.db.selectFrom('sites').selectAll().executeTakeFirstOrThrow(), {
        title: 'Tin mới nhất cho RSS',
        publishedAt: new Date(),
      });
      await h.app.applyPageEvents();
      assert.match((await get('/rss.xml')).body, /Tin mới nhất cho RSS/);
    });
  });
}
