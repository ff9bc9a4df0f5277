import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import type { SiteRow } from '../../src/db/schema.ts';
import { type HtmlSource, importHtmlPages } from '../../src/services/import/html/html-import.ts';
import { PoliteFetcher } from '../../src/services/import/polite-fetch.ts';
import { formatDate } from '../../src/text/format.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';
import { type PortalArticle, homePage, newsDetailLayout, tableLayout, unknownLayout } from '../support/portal-pages.ts';
import { jpeg } from '../support/wxr.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const LONG = 'Ủy ban nhân dân phường phối hợp với Mặt trận Tổ quốc và các đoàn thể tổ chức thực hiện, huy động sự tham gia của người dân trong khu phố.';

const ARTICLES: Record<string, PortalArticle> = {
  'hoi-nghi.html': {
    title: 'Hội nghị tổng kết công tác dân vận năm 2019',
    date: '13/01/2020',
    paragraphs: ['Sáng ngày 13 tháng 01 năm 2020, Đảng ủy Phường 1 tổ chức hội nghị tổng kết công tác dân vận.', LONG],
    credits: 'Tin: Việt Thắng, Ảnh: Thanh Tâm',
    image: 'hoi-nghi_files/quang-canh.jpg',
    file: { href: 'hoi-nghi_files/ke-hoach.pdf', label: 'Kế hoạch năm 2020' },
    canonical: 'http://phuong1.sadec.dongthap.gov.vn/tin-tuc/hoi-nghi-tong-ket-2019.html',
  },
  'nha-tinh-thuong.htm': {
    title: 'Bàn giao nhà tình thương cho hộ nghèo khóm 3',
    date: '05/03/2019',
    paragraphs: ['Chiều ngày 05/3, Ủy ban Mặt trận Tổ quốc phường bàn giao nhà tình thương cho gia đình bà Nguyễn Thị B.', LONG],
    credits: 'Tin và ảnh: Ngọc Hân',
  },
  'tiem-chung.html': {
    title: 'Tiêm chủng mở rộng cho trẻ em dưới 5 tuổi',
    date: '21/09/2021',
    paragraphs: ['Trạm Y tế phường tổ chức tiêm chủng mở rộng cho trẻ em dưới 5 tuổi trên địa bàn.', LONG, LONG],
    credits: 'Tin: Minh Trí',
  },
};

/** Writes the old portal's saved pages (three layouts, a TCVN3 one, a home page) with their files into a folder. */
async function writeSavedPages(dir: string): Promise<void> {
  fs.mkdirSync(path.join(dir, 'hoi-nghi_files'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'hoi-nghi.html'), newsDetailLayout(ARTICLES['hoi-nghi.html']!));
  fs.writeFileSync(path.join(dir, 'hoi-nghi_files', 'quang-canh.jpg'), await jpeg(800));
  fs.writeFileSync(path.join(dir, 'hoi-nghi_files', 'ke-hoach.pdf'), PDF);
  fs.writeFileSync(path.join(dir, 'nha-tinh-thuong.htm'), tableLayout(ARTICLES['nha-tinh-thuong.htm']!));
  fs.writeFileSync(path.join(dir, 'tiem-chung.html'), unknownLayout(ARTICLES['tiem-chung.html']!));
  fs.writeFileSync(path.join(dir, 'trang-chu.html'), homePage());
}

const sourcesIn = (dir: string): HtmlSource[] =>
  fs
    .readdirSync(dir)
    .filter((f) => /\.html?$/.test(f))
    .sort()
    .map((f) => ({ file: path.join(dir, f), root: dir }));

for (const dialect of DIALECTS) {
  describe(`import-html: pages of old portals [${dialect}]`, () => {
    let t: TestApp;
    let site: SiteRow;
    let dir: string;
    const host = `phuong1-html-${dialect}.test`;
    const options = () => ({ siteId: site.id, storage: new LocalStorage(t.mediaDir), fetcher: null, categorySlug: 'tin-tuc', dryRun: false });
    const countArticles = async () =>
      Number(
        (
          await t.t.db
            .selectFrom('articles')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('site_id', '=', site.id)
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      t = await openTestApp(dialect);
      site = await buildSite(t.t.db, { name: 'Phường 1', hosts: [host] });
      dir = fs.mkdtempSync(path.join(t.mediaDir, '..', 'trang-cu-'));
      await writeSavedPages(dir);
    });
    after(() => t.close());

    it('a dry run shows what each page gives (title, date, credits, images, files, chrome left out) and writes nothing', async () => {
      const { previews } = await importHtmlPages(t.t.db, sourcesIn(dir), { ...options(), dryRun: true });
      assert.equal(await countArticles(), 0);
      const bySource = new Map(previews.map((p) => [path.basename(p.source), p]));
      for (const [file, article] of Object.entries(ARTICLES)) {
        const preview = bySource.get(file)!;
        assert.ok('page' in preview, `${file}: ${'error' in preview ? preview.error : ''}`);
        assert.equal(preview.page.title, article.title);
        assert.equal(formatDate(preview.page.date!), article.date, file);
        assert.ok(
          preview.page.leftOut.some((l) => /Thông tin khác|Các tin khác/.test(l)),
          `${file}: ${preview.page.leftOut.join(', ')}`,
        );
        assert.doesNotMatch(preview.page.bodyHtml, /Thông tin khác|Các tin khác|Bản quyền|Trang chủ|Tin: |Văn bản mới/, file);
      }
      const first = bySource.get('hoi-nghi.html')!;
      assert.ok('page' in first);
      assert.deepEqual(first.page.credits, { writer: 'Việt Thắng', photographer: 'Thanh Tâm' });
      assert.deepEqual([first.page.images.length, first.page.files.length], [1, 1]);
      assert.equal(first.page.method, 'cổng kiểu tin chi tiết (news-detail)');
      const third = bySource.get('tiem-chung.html')!;
      assert.ok('page' in third);
      assert.equal(third.page.method, 'trích tự động (Readability)');
      assert.deepEqual(third.page.credits, { writer: 'Minh Trí', photographer: '' });
      assert.ok('error' in bySource.get('trang-chu.html')!, 'a home page holds no article');
    });

    it('imports each page as a published article with its date, credits, image and file, keeps its old address as a 301, and a re-run changes nothing', async () => {
      const { report } = await importHtmlPages(t.t.db, sourcesIn(dir), options());
      assert.deepEqual([report.imported, report.skippedCount, report.mediaImported], [3, 1, 2]);
      const rows = await t.t.db.selectFrom('articles').selectAll().where('site_id', '=', site.id).orderBy('title').execute();
      const meeting = rows.find((r) => r.title === ARTICLES['hoi-nghi.html']!.title)!;
      assert.equal(meeting.status, 'published');
      assert.equal(formatDate(meeting.published_at!), '13/01/2020');
      assert.deepEqual([meeting.writer, meeting.photographer], ['Việt Thắng', 'Thanh Tâm']);
      assert.match(meeting.body_html, /<img src="\/media\/[a-f0-9]{24}\.\w+"/);
      assert.match(meeting.body_html, /<a href="\/media\/[a-f0-9]{24}\.pdf">Kế hoạch năm 2020<\/a>/);
      assert.ok(meeting.featured_media_id !== null);
      const house = rows.find((r) => r.title === ARTICLES['nha-tinh-thuong.htm']!.title)!;
      assert.deepEqual([house.writer, house.photographer, formatDate(house.published_at!)], ['Ngọc Hân', 'Ngọc Hân', '05/03/2019']);
      const old = await t.app.inject({ url: '/tin-tuc/hoi-nghi-tong-ket-2019.html', headers: { host } });
      assert.equal(old.statusCode, 301);
      assert.equal(old.headers.location, `/bai-viet/${meeting.slug}`);

      const again = await importHtmlPages(t.t.db, sourcesIn(dir), options());
      assert.deepEqual([again.report.imported, again.report.updated, again.report.unchanged], [0, 0, 3]);
      assert.equal(await countArticles(), 3);
    });

    it('a page in TCVN3 (.VnTime) is converted to Unicode; a garbled page that reads as nothing is refused and nothing of it is written', async () => {
      const legacy = path.join(dir, 'tcvn3');
      fs.mkdirSync(legacy);
      const article = { ...ARTICLES['nha-tinh-thuong.htm']!, title: 'Hội nghị tổng kết phong trào thi đua năm 2018', credits: 'Tin: Hồng Nhung' };
      fs.writeFileSync(path.join(legacy, 'tcvn3.htm'), iconv.encode(tableLayout(article, 'windows-1252'), 'tcvn'));
      fs.writeFileSync(
        path.join(legacy, 'hong.htm'),
        Buffer.concat([Buffer.from('<html><body><div class="noidung">'), Buffer.alloc(400, 0xd0), Buffer.from('</div></body></html>')]),
      );
      const before = await countArticles();
      const { report } = await importHtmlPages(t.t.db, sourcesIn(legacy), options());
      assert.deepEqual([report.imported, report.convertedFromLegacy, report.skippedCount], [1, 1, 1]);
      assert.equal(await countArticles(), before + 1);
      const row = await t.t.db
        .selectFrom('articles')
        .select(['title', 'writer'])
        .where('site_id', '=', site.id)
        .where('title', '=', article.title)
        .executeTakeFirst();
      assert.deepEqual(row, { title: article.title.normalize('NFC'), writer: 'Hồng Nhung' });
    });

    it('--urls fetches politely from a running portal: robots.txt first, one request at a time, forbidden pages skipped with the reason', async () => {
      let open = 0;
      let most = 0;
      const served: string[] = [];
      const page = { ...ARTICLES['tiem-chung.html']!, title: 'Ra quân dọn vệ sinh kênh rạch', canonical: undefined };
      const server = http.createServer((req, res) => {
        open++;
        most = Math.max(most, open);
        served.push(req.url ?? '');
        setTimeout(() => {
          open--;
          if (req.url === '/robots.txt') res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /noi-bo/\n');
          else if (req.url === '/tin/ve-sinh.aspx') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(newsDetailLayout(page));
          else res.writeHead(404).end();
        }, 5);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const { report } = await importHtmlPages(
          t.t.db,
          [{ url: `${base}/tin/ve-sinh.aspx` }, { url: `${base}/noi-bo/luong.aspx` }, { url: `${base}/tin/khong-co.aspx` }],
          {
            ...options(),
            fetcher: new PoliteFetcher({ delayMs: 20 }),
          },
        );
        assert.equal(report.imported, 1);
        assert.deepEqual(
          report.skipped.map((s) => s.item.replace(base, '')),
          ['/noi-bo/luong.aspx', '/tin/khong-co.aspx'],
        );
        assert.equal(served[0], '/robots.txt');
        assert.ok(!served.includes('/noi-bo/luong.aspx'), 'a page robots.txt forbids is never requested');
        assert.equal(most, 1, 'one request at a time');
        const row = await t.t.db.selectFrom('articles').select('slug').where('site_id', '=', site.id).where('title', '=', page.title).executeTakeFirstOrThrow();
        const old = await t.app.inject({ url: '/tin/ve-sinh.aspx', headers: { host } });
        assert.equal(old.headers.location, `/bai-viet/${row.slug}`);
      } finally {
        server.close();
      }
    });
  });
}
