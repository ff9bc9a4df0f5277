import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { SAMPLE_PAGE, seedDemo } from '../../src/services/demo/seed-demo.ts';
import { escapeHtml } from '../../src/views/html.ts';
import { DIALECTS } from '../support/databases.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { buildArticle, buildSite } from '../support/factories.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const SAMPLE_LINES = fs.readFileSync(SAMPLE_PAGE, 'utf8').split('\n');

for (const dialect of DIALECTS) {
  describe(`public pages [${dialect}]`, () => {
    let h: TestApp;
    let sampleSlug: string;
    const get = (url: string, host = 'localhost:3000', headers: Record<string, string> = {}) =>
      h.app.inject({ method: 'GET', url, headers: { host, ...headers } });

    before(async () => {
      h = await openTestApp(dialect);
      await seedDemo(h.t.db, new LocalStorage(h.mediaDir));
      const list = (await get('/api/v1/articles?per_page=100')).json();
      sampleSlug = list.data.find((a: { title: string }) => a.title === SAMPLE_LINES[0]).slug;
    });
    after(() => h.close());

    it('the article page carries everything the sample page carries', async () => {
      const res = await get(`/bai-viet/${sampleSlug}`);
      assert.equal(res.statusCode, 200);
      const page = res.body;
      assert.match(page, new RegExp(`<h1 class="article-title">${escapeHtml(SAMPLE_LINES[0]!)}</h1>`));
      assert.match(page, /<time datetime="2020-01-13T01:00:00.000Z">13\/01\/2020<\/time>/);
      for (const paragraph of SAMPLE_LINES.slice(1, 6)) assert.ok(page.includes(`<p>${escapeHtml(paragraph)}</p>`), paragraph.slice(0, 50));
      assert.match(page, /<p class="credits">Tin: Việt Thắng, Ảnh: Thanh An.<\/p>/);
      const others = [...page.matchAll(/<li><a href="\/bai-viet\/[^"]+"(?: title="[^"]*")?>([^<]+)<\/a> <span class="date">\(([^)]+)\)<\/span><\/li>/g)].map(
        (m) => `- ${m[1]!.replace(/&amp;/g, '&')} (${m[2]})`,
      );
      assert.deepEqual(
        others,
        SAMPLE_LINES.filter((l) => l.startsWith('- ')),
      );
    });

    it('the article page has share previews, a canonical URL and NewsArticle data with both credits', async () => {
      const page = (await get(`/bai-viet/${sampleSlug}`)).body;
      assert.match(page, /<meta property="og:type" content="article">/);
      assert.match(page, new RegExp(`<meta property="og:url" content="http://localhost:3000/bai-viet/${sampleSlug}">`));
      assert.match(page, /<meta property="og:locale" content="vi_VN">/);
      assert.match(page, /<link rel="canonical" href="http:\/\/localhost:3000\/bai-viet\//);
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!);
      assert.equal(ld['@type'], 'NewsArticle');
      assert.equal(ld.author.name, 'Việt Thắng');
      assert.equal(ld.contributor.name, 'Thanh An');
    });

    it('every page names the unit in the header and its contacts in the footer', async () => {
      const page = (await get('/')).body;
      assert.match(page, /<span class="brand-name">ỦY BAN NHÂN DÂN PHƯỜNG 1<\/span>/);
      assert.match(page, /Địa chỉ:<\/dt> <dd>Số 1 đường Hùng Vương/);
      assert.match(page, /href="tel:02773861001"/);
      assert.match(page, /mailto:phuong1@dongthap.gov.vn/);
      assert.match(page, /Chịu trách nhiệm chính:<\/dt> <dd>Nguyễn Văn An \(tên mẫu\) – Chủ tịch Ủy ban nhân dân phường/);
      assert.match(page, /aria-label="Tăng cỡ chữ">A\+/);
      assert.match(page, /<form class="search-form" role="search" action="\/tim-kiem"/);
    });

    it('the home page shows featured news, latest news, notices and documents', async () => {
      const page = (await get('/')).body;
      assert.match(page, /Tin nổi bật[\s\S]*ẤM ÁP CHƯƠNG TRÌNH TRUNG THU/);
      assert.match(page, /id="hop-thong-bao"[\s\S]*Thông báo phân luồng giao thông/);
      assert.match(page, /id="hop-tai-lieu"[\s\S]*Những nội dung cốt lõi trong Di chúc/);
      assert.match(page, /<span class="badge-demo">Nội dung mẫu<\/span>/);
    });

    it('the print view holds the article alone, with its source address', async () => {
      const res = await get(`/bai-viet/${sampleSlug}/in`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<body class="print-view">/);
      assert.match(res.body, /<meta name="robots" content="noindex">/);
      assert.match(res.body, /Tin: Việt Thắng, Ảnh: Thanh An./);
      assert.doesNotMatch(res.body, /Thông tin khác/);
      assert.match(res.body, new RegExp(`Nguồn: Ủy ban nhân dân phường 1 – http://localhost:3000/bai-viet/${sampleSlug}`));
    });

    it('a category lists ten a page with links to the other pages', async () => {
      const site = await buildSite(h.t.db, { hosts: ['nhieu-tin.test'] });
      for (let i = 1; i <= 23; i++) await buildArticle(h.t.db, site, { title: `Tin số ${i}`, publishedAt: new Date(Date.UTC(2024, 0, i)) });
      const page2 = (await get('/chuyen-muc/tin-tuc?trang=2', 'nhieu-tin.test')).body;
      assert.match(page2, /Trang 2\/3/);
      assert.equal([...page2.matchAll(/<li class="card">/g)].length, 10);
      assert.match(page2, /href="\/chuyen-muc\/tin-tuc" rel="prev"/);
      assert.match(page2, /href="\/chuyen-muc\/tin-tuc\?trang=3" rel="next"/);
      assert.match(page2, />Tin số 13</);
      const bad = await get('/chuyen-muc/tin-tuc?trang=abc', 'nhieu-tin.test');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Dữ liệu gửi lên chưa hợp lệ\. trang: phải là số/);
    });

    it('each site shows only its own articles, chosen by Host header', async () => {
      const other: SiteRow = await buildSite(h.t.db, { hosts: ['xa-khac.test'] });
      const { slug } = await buildArticle(h.t.db, other, { title: 'Chỉ có ở xã khác' });
      assert.equal((await get(`/bai-viet/${slug}`, 'xa-khac.test')).statusCode, 200);
      const elsewhere = await get(`/bai-viet/${slug}`, 'localhost');
      assert.equal(elsewhere.statusCode, 404);
      assert.match(elsewhere.body, /Không tìm thấy bài viết\./);
    });

    it('unknown pages and unknown hosts get a Vietnamese 404', async () => {
      const missing = await get('/khong-co-trang-nay');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /<h1 class="page-title">Không tìm thấy trang<\/h1>/);
      assert.match(missing.body, /ỦY BAN NHÂN DÂN PHƯỜNG 1/);
      const host = await get('/', 'la.test');
      assert.equal(host.statusCode, 404);
      assert.match(host.body, /Không có cổng thông tin nào gắn với tên miền này/);
    });

    it('search folds tones so a query without diacritics finds the article', async () => {
      const page = (await get('/tim-kiem?q=nha+tinh+thuong')).body;
      assert.match(page, /Tìm thấy 1 kết quả/);
      assert.match(page, /HỘI NGHỊ TỔNG KẾT CÔNG TÁC DÂN VẬN/);
      const odd = await get(`/tim-kiem?q=${encodeURIComponent('covid-19 "" * ( OR 😀')}`);
      assert.equal(odd.statusCode, 200);
      assert.match((await get('/tim-kiem?q=')).body, /Nhập từ khóa để tìm/);
    });

    it('pages are sent with a strict CSP, no inline script, and stay light', async () => {
      const res = await get(`/bai-viet/${sampleSlug}`);
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /default-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      const inlineScripts = [...res.body.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>/g)];
      assert.equal(inlineScripts.length, 0);
      assert.doesNotMatch(res.body, /\sstyle="/);
      const css = /<link rel="stylesheet" href="([^"]+)">/.exec(res.body)![1]!;
      const js = /<script src="([^"]+)" defer>/.exec(res.body)![1]!;
      const cssRes = await get(css);
      const jsRes = await get(js);
      assert.equal(cssRes.headers['cache-control'], 'public, max-age=31536000, immutable');
      const total = Buffer.byteLength(res.body) + cssRes.rawPayload.length + jsRes.rawPayload.length;
      // The budget of the article page with its stylesheet and script, uncompressed: 32 KB since the folding menu.
      assert.ok(total < 32 * 1024, `article page weighs ${total} bytes`);
    });

    it("images are served from the site's media with WebP variants in srcset and their size set", async () => {
      const page = (await get('/')).body;
      const img = /<img src="(\/media\/[a-f0-9]+\.webp)" srcset="([^"]+)" sizes="[^"]+" alt="([^"]+)" width="1200" height="675"/.exec(page);
      assert.ok(img, 'the featured image has srcset, width and height');
      const file = await get(img[1]!);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'image/webp');
      const variants = img[2]!.split(', ').map((entry) => entry.split(' '));
      assert.deepEqual(
        variants.map((v) => v[1]),
        ['480w', '960w', '1200w'],
      );
      const small = await get(variants[0]![0]!);
      assert.equal(small.statusCode, 200);
      assert.ok(small.rawPayload.length < file.rawPayload.length);
      assert.equal((await get(img[1]!, 'xa-khac.test')).statusCode, 404);
      assert.equal((await get(variants[0]![0]!.replace(/-480\.webp$/, '-123.webp'))).statusCode, 404);
    });
  });
}
