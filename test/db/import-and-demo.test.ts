import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { ArticleRepository } from '../../src/repositories/article-repository.ts';
import { SiteRepository } from '../../src/repositories/site-repository.ts';
import { readArticle } from '../../src/services/article-reader.ts';
import { SAMPLE_PAGE, seedDemo } from '../../src/services/demo/seed-demo.ts';
import { importTextPages } from '../../src/services/import/import-text.ts';
import { formatDate } from '../../src/text/format.ts';
import { presentOtherPost } from '../../src/views/presenters.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const SAMPLE_LINES = fs.readFileSync(SAMPLE_PAGE, 'utf8').split('\n');
const FAR_FUTURE = '2999-01-01T00:00:00.000Z';

function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-import-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

for (const dialect of DIALECTS) {
  describe(`import-text [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
    });
    after(() => t.close());

    it('imports the sample page as a published article with every paragraph, both credits and its date', async () => {
      const [result] = await importTextPages(t.db, [SAMPLE_PAGE], { siteId: site.id, categorySlug: 'tin-tuc' });
      const { article } = await readArticle(t.db, site, result!.slug);
      assert.equal(article.title, SAMPLE_LINES[0]);
      for (const paragraph of SAMPLE_LINES.slice(1, 6)) {
        assert.ok(article.body_html.includes(`<p>${paragraph}</p>`), paragraph.slice(0, 40));
      }
      assert.equal(article.writer, 'Việt Thắng');
      assert.equal(article.photographer, 'Thanh An');
      assert.equal(formatDate(article.published_at!), '13/01/2020');
      assert.doesNotMatch(article.body_html, /Thông tin khác|Tin: Việt Thắng/);
    });

    it('re-importing the same page updates the article instead of adding another', async () => {
      const repo = new ArticleRepository(t.db, site.id);
      const before = await repo.countPublished(FAR_FUTURE, {});
      const [again] = await importTextPages(t.db, [SAMPLE_PAGE], { siteId: site.id, categorySlug: 'thong-bao', date: new Date('2020-02-01T01:00:00Z') });
      assert.equal(again!.created, false);
      assert.equal(await repo.countPublished(FAR_FUTURE, {}), before);
      const { article } = await readArticle(t.db, site, again!.slug);
      assert.equal(article.category_slug, 'thong-bao');
      assert.equal(formatDate(article.published_at!), '01/02/2020');
    });

    it('a file it cannot parse names the file and the reason, and nothing of the batch is written', async () => {
      const good = tempFile('tot.txt', 'TIN TỐT\nSáng ngày 02 tháng 9 năm 2024, phường tổ chức lễ.\n');
      const binary = tempFile('anh.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
      const undated = tempFile('khong-ngay.txt', 'TIN KHÔNG NGÀY\nMột đoạn không có ngày.\n');
      const repo = new ArticleRepository(t.db, site.id);
      const before = await repo.countPublished(FAR_FUTURE, {});
      await assert.rejects(importTextPages(t.db, [good, binary, undated, '/khong/ton/tai.txt'], { siteId: site.id, categorySlug: 'tin-tuc' }), (error) => {
        assert.ok(error instanceof AppError && error.code === 'import_failed');
        const lines = error.message.split('\n');
        assert.equal(lines.length, 3);
        assert.match(lines[0]!, /^Không nhập được tệp "anh.txt": tệp không phải văn bản/);
        assert.match(lines[1]!, /^Không nhập được tệp "khong-ngay.txt": không tìm thấy ngày/);
        assert.match(lines[2]!, /^Không nhập được tệp "tai.txt": không đọc được tệp/);
        return true;
      });
      assert.equal(await repo.countPublished(FAR_FUTURE, {}), before);
    });

    it('a page in TCVN3 bytes, or already garbled into "Héi nghÞ", is published in proper Vietnamese', async () => {
      // .VnTime text as Word saved it; the unit tests check the table itself letter by letter.
      const tcvn3 = iconv.encode('Hội nghị tổng kết\nNgày 13 tháng 01 năm 2020, phường tổ chức hội nghị.\n', 'tcvn');
      const bytesFile = tempFile('tcvn3.txt', tcvn3);
      const garbledFile = tempFile('hong-phong.txt', `${tcvn3.toString('latin1').replace('Héi', 'Héi nghÞ s¬ kÕt')}`);
      const results = await importTextPages(t.db, [bytesFile, garbledFile], { siteId: site.id, categorySlug: 'tin-tuc' });
      assert.deepEqual(
        results.map((r) => [r.title, r.convertedFrom]),
        [
          ['Hội nghị tổng kết', 'tcvn3'],
          ['Hội nghị sơ kết nghị tổng kết', 'tcvn3'],
        ],
      );
      const { article } = await readArticle(t.db, site, results[0]!.slug);
      assert.match(article.body_html, /Ngày 13 tháng 01 năm 2020, phường tổ chức hội nghị\./);
      assert.equal(formatDate(article.published_at!), '13/01/2020');
    });

    it('garbled text that reads as no legacy encoding is refused, and nothing of the batch is written', async () => {
      const good = tempFile('tot2.txt', 'TIN TỐT HAI\nSáng ngày 02 tháng 9 năm 2024, phường tổ chức lễ.\n');
      const broken = tempFile('hong.txt', 'Ãþ¿ ÷×Ñ ßÞ ñÆ\nNgày 02 tháng 9 năm 2024 ØÙ Ð¥Ë ñÆ ßÞ.\n');
      const repo = new ArticleRepository(t.db, site.id);
      const before = await repo.countPublished(FAR_FUTURE, {});
      await assert.rejects(
        importTextPages(t.db, [good, broken], { siteId: site.id, categorySlug: 'tin-tuc' }),
        (error) => error instanceof AppError && error.code === 'import_failed' && error.message.includes('"hong.txt"'),
      );
      assert.equal(await repo.countPublished(FAR_FUTURE, {}), before);
    });

    it('an unknown category rolls back every file of the batch', async () => {
      const one = tempFile('mot.txt', 'TIN MỘT\nNgày 03 tháng 9 năm 2024 có tin một.\n');
      const repo = new ArticleRepository(t.db, site.id);
      const before = await repo.countPublished(FAR_FUTURE, {});
      await assert.rejects(
        importTextPages(t.db, [one, SAMPLE_PAGE], { siteId: site.id, categorySlug: 'khong-co' }),
        (e) => e instanceof AppError && e.code === 'validation_failed',
      );
      assert.equal(await repo.countPublished(FAR_FUTURE, {}), before);
    });
  });

  describe(`demo site [${dialect}]`, () => {
    let t: TestDatabase;
    let mediaDir: string;
    before(async () => {
      t = await openTestDatabase(dialect);
      mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-media-'));
    });
    after(() => t.close());

    it('the first start creates Phường 1 with the sample imported and its "Thông tin khác" posts', async () => {
      const site = await seedDemo(t.db, new LocalStorage(mediaDir));
      assert.ok(site);
      assert.equal(site.name, 'Phường 1');
      const articles = new ArticleRepository(t.db, site.id);
      assert.equal(await articles.countPublished(FAR_FUTURE, {}), 9);
      const sample = (await articles.listPublished(FAR_FUTURE, {}, 20)).find((a) => a.title === SAMPLE_LINES[0]);
      assert.ok(sample, 'the sample page is imported');
      const { others } = await readArticle(t.db, site, sample.slug);
      const expected = SAMPLE_LINES.filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
      assert.deepEqual(
        others.map(presentOtherPost).map((o) => `${o.shortTitle} (${o.date})`),
        expected,
      );
      const files = fs.readdirSync(path.join(mediaDir, String(site.id)));
      // Two images, each with WebP variants at 480 and 960 px (the originals are 1200 px wide), and the sample document's PDF.
      assert.equal(files.filter((f) => !/-\d+\.webp$/.test(f)).length, 3);
      assert.equal(files.filter((f) => /-(480|960)\.webp$/.test(f)).length, 4);
    });

    it('a later start leaves existing sites alone', async () => {
      assert.equal(await seedDemo(t.db, new LocalStorage(mediaDir)), null);
      assert.equal(await new SiteRepository(t.db).count(), 1);
    });
  });
}
