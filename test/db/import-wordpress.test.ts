import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { PoliteFetcher } from '../../src/services/import/polite-fetch.ts';
import { importWordpress } from '../../src/services/import/wordpress/wordpress-import.ts';
import { resolveOldLink } from '../../src/services/redirects/redirect-service.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { type WxrPost, type WxrSite, buildWxr, jpeg } from '../support/wxr.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A ward's WordPress: Gutenberg and classic posts, captions, attachments, a page, a draft, a garbled .VnTime post, comments, a menu item. */
function wardPosts(base: string): WxrPost[] {
  const up = `${base}/wp-content/uploads`;
  return [
    {
      id: 21,
      type: 'attachment',
      title: 'Quang cảnh hội nghị',
      content: '',
      slug: 'hoi-nghi-anh',
      attachmentUrl: `${up}/2020/01/hoi-nghi.jpg`,
      meta: { _wp_attachment_image_alt: 'Quang cảnh hội nghị tổng kết' },
    },
    {
      id: 10,
      title: 'Hội nghị tổng kết công tác dân vận năm 2019',
      slug: 'hoi-nghi-tong-ket',
      creator: 'vietthang',
      categories: [{ slug: 'tin-tuc-su-kien', name: 'Tin tức - Sự kiện' }],
      tags: [{ slug: 'nha-tinh-thuong', name: 'Nhà tình thương' }],
      meta: { _thumbnail_id: '21' },
      comments: 2,
      content: `<!-- wp:paragraph --><p>Sáng ngày 13/01/2020, Đảng ủy phường tổ chức hội nghị tổng kết.</p><!-- /wp:paragraph -->
<!-- wp:image {"id":21,"sizeSlug":"large"} --><figure class="wp-block-image size-large"><img src="${up}/2020/01/hoi-nghi-1024x683.jpg" alt="Quang cảnh hội nghị" class="wp-image-21"/><figcaption>Quang cảnh hội nghị</figcaption></figure><!-- /wp:image -->
<!-- wp:paragraph --><p>Tin: Việt Thắng, Ảnh: Thanh An.</p><!-- /wp:paragraph -->`,
    },
    {
      id: 11,
      title: 'Phát động quyên góp ủng hộ hộ nghèo',
      slug: 'phat-dong-quyen-gop',
      date: '2020-02-03 02:00:00',
      categories: [{ slug: 'tin-tuc-su-kien', name: 'Tin tức - Sự kiện' }],
      content: `Phường phát động quyên góp ủng hộ.

[caption id="attachment_22" align="aligncenter" width="300"]<a href="${up}/2020/02/trao-qua.jpg"><img class="size-medium wp-image-22" src="${up}/2020/02/trao-qua-300x200.jpg" alt="" width="300" height="200" /></a> Trao quà cho hộ nghèo[/caption]

Tổng giá trị vận động 1.151.800đ.
Xem <a href="${base}/2020/01/hoi-nghi-tong-ket/">bài trước</a> và <a href="${up}/2020/02/ke-hoach.pdf">kế hoạch</a>. [gallery ids="21,22"] [xem thêm]`,
    },
    {
      id: 22,
      type: 'attachment',
      title: 'Trao quà',
      content: '',
      slug: 'trao-qua',
      attachmentUrl: `${up}/2020/02/trao-qua.jpg`,
      excerpt: 'Trao quà cho hộ nghèo',
    },
    { id: 23, type: 'attachment', title: 'Kế hoạch quyên góp', content: '', slug: 'ke-hoach', attachmentUrl: `${up}/2020/02/ke-hoach.pdf` },
    // Typed in .VnTime and pasted into WordPress: the bytes were read as Latin-1.
    {
      id: 12,
      title: 'Héi nghÞ tæng kÕt c«ng t¸c d©n vËn',
      slug: 'hei-nghi',
      categories: [{ slug: 'thong-bao', name: 'Thông báo' }],
      content: '<p>§¶ng ñy ph­êng tæ chøc héi nghÞ tæng kÕt c«ng t¸c d©n vËn n¨m 2019.</p>',
    },
    { id: 13, type: 'page', title: 'Giới thiệu chung', slug: 'gioi-thieu', content: 'Phường 1 nằm ở trung tâm thành phố Sa Đéc.' },
    { id: 14, title: 'Bản nháp kế hoạch năm 2020', status: 'draft', content: '<p>Dự thảo kế hoạch.</p>' },
    { id: 15, title: 'Bài đã xóa', status: 'trash', content: '<p>Đã xóa.</p>' },
    { id: 16, type: 'nav_menu_item', title: '', content: '' },
    { id: 17, title: 'Bài trống', content: '' },
  ];
}

const SITE = (base: string, version: '1.1' | '1.2' = '1.2'): WxrSite => ({
  version,
  base,
  authors: [
    { login: 'admin', email: 'admin@old.example', name: 'Quản trị' },
    { login: 'vietthang', email: 'thang@phuong.example', name: 'Việt Thắng' },
  ],
  categories: [
    { slug: 'tin-tuc-su-kien', name: 'Tin tức - Sự kiện' },
    { slug: 'thong-bao', name: 'Thông báo' },
    { slug: 'uncategorized', name: 'Chưa phân loại' },
  ],
  tags: [{ slug: 'nha-tinh-thuong', name: 'Nhà tình thương' }],
});

for (const dialect of DIALECTS) {
  describe(`import-wordpress [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let dir: string;
    let server: http.Server;
    let base: string;
    let requests: string[];

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-wp-'));
      fs.mkdirSync(path.join(dir, 'uploads/2020/01'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'uploads/2020/02'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'media'));
      fs.writeFileSync(path.join(dir, 'uploads/2020/01/hoi-nghi.jpg'), await jpeg(1200));
      fs.writeFileSync(path.join(dir, 'uploads/2020/02/ke-hoach.pdf'), PDF);
      // The one file not in the folder is fetched from the old site, politely.
      const remote = await jpeg(800);
      requests = [];
      server = http.createServer((req, res) => {
        requests.push(req.url ?? '');
        if (req.url === '/robots.txt') return res.end('User-agent: *\nDisallow: /wp-admin/\n');
        if (req.url === '/wp-content/uploads/2020/02/trao-qua.jpg') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(remote);
        res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await buildUser(t.db, site, 'contributor', { email: 'thang@phuong.example', displayName: 'Việt Thắng' });
    });
    after(async () => {
      await new Promise((resolve) => server.close(resolve));
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const write = (name: string, xml: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, xml);
      return file;
    };
    const run = (file: string, onProgress?: (phase: 'check' | 'import', done: number, total: number) => void) =>
      importWordpress(t.db, file, {
        siteId: site.id,
        storage: new LocalStorage(path.join(dir, 'media')),
        sourceMediaDir: path.join(dir, 'uploads'),
        fetcher: new PoliteFetcher({ delayMs: 0 }),
        ...(onProgress ? { onProgress } : {}),
      });
    const articles = () =>
      t.db
        .selectFrom('articles')
        .innerJoin('categories', 'categories.id', 'articles.category_id')
        .select([
          'articles.id',
          'title',
          'articles.slug',
          'status',
          'body_html',
          'writer',
          'photographer',
          'featured_media_id',
          'author_id',
          'published_at',
          'categories.slug as category',
        ])
        .where('articles.site_id', '=', site.id)
        .orderBy('articles.id')
        .execute();
    const byTitle = async (title: string) => (await articles()).find((a) => a.title === title)!;
    const count = async (table: 'articles' | 'media' | 'redirects') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('site_id', '=', site.id)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('a malformed or cut-short export is refused in Vietnamese, and nothing is written', async () => {
      const good = buildWxr(SITE(base), wardPosts(base));
      const malformed = write('hong.xml', good.replace('<wp:post_type><![CDATA[page]]></wp:post_type>', '<wp:post_type><![CDATA[page]]></wp:post_typ>'));
      const truncated = write('cut.xml', good.slice(0, Math.floor(good.length * 0.6)));
      const notWxr = write('rss.xml', '<?xml version="1.0"?><html><body>không phải WXR</body></html>');
      for (const [file, pattern] of [
        [malformed, /tệp XML không hợp lệ ở dòng \d+, cột \d+/],
        [truncated, /tệp bị cắt cụt/],
        [notWxr, /không phải tệp xuất của WordPress/],
      ] as const) {
        await assert.rejects(
          run(file),
          (e) => e instanceof AppError && e.code === 'import_failed' && pattern.test(e.message) && /Chưa có gì được nhập/.test(e.message),
        );
      }
      assert.equal(await count('articles'), 0);
      assert.equal(await count('media'), 0);
      assert.equal(await count('redirects'), 0);
    });

    it('imports posts, pages, captions, images, attachments, authors, statuses and old addresses from a WXR 1.2 export', async () => {
      const { report } = await run(write('ward.xml', buildWxr(SITE(base), wardPosts(base))));
      assert.equal(report.imported, 5);
      assert.equal(report.comments, 2);
      assert.deepEqual(
        report.skipped.map((s) => s.item.split(' ')[1]),
        ['#15', '#17'],
      );
      assert.ok(report.warnings.some((w) => /nav_menu_item/.test(w)));
      assert.ok(report.warnings.some((w) => /\[gallery\]/.test(w)));
      assert.equal(report.convertedFromLegacy, 2);

      const first = await byTitle('Hội nghị tổng kết công tác dân vận năm 2019');
      assert.match(
        first.body_html,
        /<figure><img src="\/media\/[a-f0-9]{24}\.jpg" alt="Quang cảnh hội nghị"( \/)?><figcaption>Quang cảnh hội nghị<\/figcaption><\/figure>/,
      );
      assert.doesNotMatch(first.body_html, /Tin: Việt Thắng|wp-block|wp:image/);
      assert.deepEqual([first.writer, first.photographer, first.category, first.status], ['Việt Thắng', 'Thanh An', 'tin-tuc-su-kien', 'published']);
      assert.equal(first.published_at, '2020-01-13T03:00:00.000Z');
      assert.ok(first.featured_media_id, 'the featured image');
      const thang = await t.db.selectFrom('users').select('id').where('email', '=', 'thang@phuong.example').executeTakeFirstOrThrow();
      assert.equal(first.author_id, thang.id, 'an author who is a member of the site is the article author');

      const second = await byTitle('Phát động quyên góp ủng hộ hộ nghèo');
      assert.match(second.body_html, /^<p>Phường phát động quyên góp ủng hộ\.<\/p>/);
      assert.match(
        second.body_html,
        /<figure><img src="\/media\/[a-f0-9]{24}\.jpg" alt="[^"]+"( \/)?><figcaption>Trao quà cho hộ nghèo<\/figcaption><\/figure>/,
      );
      assert.match(second.body_html, /<a href="\/2020\/01\/hoi-nghi-tong-ket\/">bài trước<\/a>/);
      assert.match(second.body_html, /<a href="\/media\/[a-f0-9]{24}\.pdf">kế hoạch<\/a>/);
      assert.match(second.body_html, /\[xem thêm\]/);
      assert.ok(requests.includes('/robots.txt') && requests.includes('/wp-content/uploads/2020/02/trao-qua.jpg'), 'robots.txt first, then the file');

      const garbled = await byTitle('Hội nghị tổng kết công tác dân vận');
      assert.equal(garbled.category, 'thong-bao');
      assert.match(garbled.body_html, /Đảng ủy phường tổ chức hội nghị tổng kết công tác dân vận năm 2019/);
      assert.equal((await byTitle('Giới thiệu chung')).category, 'trang-thong-tin');
      assert.deepEqual([(await byTitle('Bản nháp kế hoạch năm 2020')).status, (await byTitle('Bản nháp kế hoạch năm 2020')).published_at], ['draft', null]);
      assert.equal(await count('media'), 3);

      const host = 'xa.test';
      const target = `/bai-viet/${first.slug}`;
      assert.equal((await resolveOldLink(t.db, site.id, host, '/?p=10'))?.location, target);
      assert.equal((await resolveOldLink(t.db, site.id, host, '/2020/01/hoi-nghi-tong-ket/'))?.location, target);
      assert.equal((await resolveOldLink(t.db, site.id, host, '/category/tin-tuc-su-kien/'))?.location, '/chuyen-muc/tin-tuc-su-kien');
      assert.match((await resolveOldLink(t.db, site.id, host, '/wp-content/uploads/2020/02/ke-hoach.pdf'))?.location ?? '', /^\/media\/[a-f0-9]{24}\.pdf$/);
      assert.equal((await resolveOldLink(t.db, site.id, host, '/tag/nha-tinh-thuong'))?.location, `/tim-kiem?q=${encodeURIComponent('Nhà tình thương')}`);
    });

    it('running it again updates what changed and adds nothing twice', async () => {
      const before = [await count('articles'), await count('media'), await count('redirects')];
      const again = await run(write('ward.xml', buildWxr(SITE(base), wardPosts(base))));
      assert.deepEqual([again.report.imported, again.report.updated, again.report.unchanged], [0, 0, 5]);
      const posts = wardPosts(base).map((p) =>
        p.id === 10 ? { ...p, title: 'Hội nghị tổng kết công tác dân vận năm 2019 (cập nhật)', modified: '2020-03-01 00:00:00' } : p,
      );
      const slug = (await byTitle('Hội nghị tổng kết công tác dân vận năm 2019')).slug;
      const changed = await run(write('ward-2.xml', buildWxr(SITE(base), posts)));
      assert.deepEqual([changed.report.imported, changed.report.updated, changed.report.unchanged], [0, 1, 4]);
      assert.equal((await byTitle('Hội nghị tổng kết công tác dân vận năm 2019 (cập nhật)')).slug, slug, 'the address stays');
      assert.deepEqual([await count('articles'), await count('media'), await count('redirects')], before);
    });

    it('an interrupted import resumes where it stopped, without duplicates', async () => {
      const other = await buildSite(t.db);
      const posts: WxrPost[] = Array.from({ length: 30 }, (_, i) => ({
        id: 100 + i,
        title: `Tin tức số ${i + 1} của phường`,
        content: `<p>Nội dung tin số ${i + 1}.</p>`,
        slug: `tin-${i + 1}`,
      }));
      const file = write('many.xml', buildWxr(SITE('http://another.example'), posts));
      const options = { siteId: other.id, storage: new LocalStorage(path.join(dir, 'media')), fetcher: null };
      await assert.rejects(
        importWordpress(t.db, file, {
          ...options,
          onProgress: (phase, done) => {
            if (phase === 'import' && done === 23) throw new Error('mất điện');
          },
        }),
        /mất điện/,
      );
      const run1 = await t.db.selectFrom('import_runs').selectAll().where('site_id', '=', other.id).executeTakeFirstOrThrow();
      assert.equal(run1.status, 'failed');
      assert.ok(run1.position >= 20, `kept position ${run1.position}`);
      const resumed = await importWordpress(t.db, file, options);
      assert.equal(resumed.resumedFrom, run1.position);
      const n = await t.db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('site_id', '=', other.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 30);
      assert.equal(resumed.report.imported + resumed.report.updated + resumed.report.unchanged, 30);
    });

    it('a WXR 1.1 export imports the same way', async () => {
      const other = await buildSite(t.db);
      const file = write('old.xml', buildWxr(SITE('http://v11.example', '1.1'), [{ id: 1, title: 'Tin từ WordPress 3', content: 'Đoạn một.\n\nĐoạn hai.' }]));
      const { report } = await importWordpress(t.db, file, { siteId: other.id, storage: new LocalStorage(path.join(dir, 'media')), fetcher: null });
      assert.equal(report.imported, 1);
      const row = await t.db.selectFrom('articles').select('body_html').where('site_id', '=', other.id).executeTakeFirstOrThrow();
      assert.equal(row.body_html, '<p>Đoạn một.</p>\n<p>Đoạn hai.</p>');
    });
  });
}
