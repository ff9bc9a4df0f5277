import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { ArticleRepository } from '../../src/repositories/article-repository.ts';
import { listArticles, readArticle, readCategory, readHome } from '../../src/services/article-reader.ts';
import { ViewCounter } from '../../src/services/pages/view-counter.ts';
import { publishDueArticles } from '../../src/services/articles/article-jobs.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

const isCode = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

for (const dialect of DIALECTS) {
  describe(`articles [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
    });
    after(() => t.close());

    it('the slug comes from the Vietnamese title with đ as d, and a taken slug gets a number', async () => {
      const first = await buildArticle(t.db, site, { title: 'Đảng ủy phường đối thoại với nhân dân' });
      const second = await buildArticle(t.db, site, { title: 'Đảng ủy phường đối thoại với nhân dân' });
      assert.equal(first.slug, 'dang-uy-phuong-doi-thoai-voi-nhan-dan');
      assert.equal(second.slug, 'dang-uy-phuong-doi-thoai-voi-nhan-dan-2');
    });

    it('the body is sanitised and the text stored as NFC, with a folded copy for matching', async () => {
      const { slug } = await buildArticle(t.db, site, {
        title: 'Thủy lợi nội đồng'.normalize('NFD'),
        bodyHtml: '<p onclick="x()">Nạo vét kênh mương</p><script>alert(1)</script>',
      });
      const { article } = await readArticle(t.db, site, slug);
      assert.equal(article.title, 'Thủy lợi nội đồng'.normalize('NFC'));
      assert.equal(article.body_html, '<p>Nạo vét kênh mương</p>');
      const stored = await t.db.selectFrom('articles').select('search_text').where('id', '=', article.id).executeTakeFirstOrThrow();
      assert.match(stored.search_text, /thuy loi noi dong .*nao vet kenh muong/);
      assert.equal(article.summary, 'Nạo vét kênh mương');
    });

    it('an article of one site cannot be read through another site', async () => {
      const other = await buildSite(t.db);
      const { slug } = await buildArticle(t.db, other, { title: 'Tin riêng của xã khác' });
      await assert.rejects(readArticle(t.db, site, slug), isCode('article_not_found'));
      assert.equal((await readArticle(t.db, other, slug)).article.title, 'Tin riêng của xã khác');
      const list = await listArticles(t.db, site, { page: 1, perPage: 100 });
      assert.ok(list.articles.every((a) => a.site_id === site.id));
    });

    it('an article published in the future stays hidden until its time', async () => {
      const { slug } = await buildArticle(t.db, site, { title: 'Tin hẹn giờ', publishedAt: new Date(Date.now() + 3_600_000) });
      await assert.rejects(readArticle(t.db, site, slug), isCode('article_not_found'));
      const later = new Date(Date.now() + 7_200_000);
      assert.equal(await publishDueArticles(t.db, later), 1);
      assert.equal((await readArticle(t.db, site, slug, later)).article.title, 'Tin hẹn giờ');
    });

    it('a category lists its articles newest first, ten a page', async () => {
      const ward = await buildSite(t.db);
      for (let i = 1; i <= 12; i++) {
        await buildArticle(t.db, ward, { title: `Thông báo số ${i}`, categorySlug: 'thong-bao', publishedAt: new Date(Date.UTC(2024, 8, i)) });
      }
      await buildArticle(t.db, ward, { title: 'Tin không thuộc thông báo' });
      const page1 = await readCategory(t.db, ward, 'thong-bao', 1);
      const page2 = await readCategory(t.db, ward, 'thong-bao', 2);
      assert.equal(page1.pagination.total, 12);
      assert.equal(page1.pagination.totalPages, 2);
      assert.deepEqual(
        page1.articles.slice(0, 2).map((a) => a.title),
        ['Thông báo số 12', 'Thông báo số 11'],
      );
      assert.deepEqual(
        page2.articles.map((a) => a.title),
        ['Thông báo số 2', 'Thông báo số 1'],
      );
      await assert.rejects(readCategory(t.db, ward, 'khong-co', 1), isCode('category_not_found'));
    });

    it('the home page shows the featured item first and news, notices and documents apart', async () => {
      const ward = await buildSite(t.db);
      await buildArticle(t.db, ward, { title: 'Tin nổi bật', isFeatured: true, publishedAt: new Date(Date.UTC(2024, 0, 1)) });
      await buildArticle(t.db, ward, { title: 'Tin mới nhất' });
      await buildArticle(t.db, ward, { title: 'Một thông báo', categorySlug: 'thong-bao' });
      await buildArticle(t.db, ward, { title: 'Một tài liệu', categorySlug: 'tai-lieu' });
      const home = await readHome(t.db, ward);
      assert.deepEqual(
        home.featured.map((a) => a.title),
        ['Tin nổi bật'],
      );
      assert.deepEqual(
        home.news.map((a) => a.title),
        ['Tin mới nhất'],
      );
      assert.deepEqual(
        home.notices.map((a) => a.title),
        ['Một thông báo'],
      );
      assert.deepEqual(
        home.documents.map((a) => a.title),
        ['Một tài liệu'],
      );
    });

    it('"Thông tin khác" holds the site\'s eight latest other posts', async () => {
      const ward = await buildSite(t.db);
      const posts = [];
      for (let i = 1; i <= 10; i++) posts.push(await buildArticle(t.db, ward, { title: `Bài ${i}`, publishedAt: new Date(Date.UTC(2024, 0, i)) }));
      const { others } = await readArticle(t.db, ward, posts[9]!.slug);
      assert.deepEqual(
        others.map((a) => a.title),
        ['Bài 9', 'Bài 8', 'Bài 7', 'Bài 6', 'Bài 5', 'Bài 4', 'Bài 3', 'Bài 2'],
      );
    });

    it('views are counted per article, in batches', async () => {
      const { id, slug } = await buildArticle(t.db, site);
      const views = new ViewCounter();
      views.add(site.id, id);
      views.add(site.id, id);
      await views.flush(t.db);
      await views.flush(t.db);
      assert.equal((await readArticle(t.db, site, slug)).article.view_count, 2);
    });

    it('folded words match titles typed without diacritics, and LIKE wildcards match literally', async () => {
      const ward = await buildSite(t.db);
      await buildArticle(t.db, ward, { title: 'Xây nhà tình thương cho hộ nghèo' });
      await buildArticle(t.db, ward, { title: 'Giảm 100% học phí' });
      const found = await listArticles(t.db, ward, { page: 1, perPage: 10, foldedWords: ['nha', 'tinh', 'thuong'] });
      assert.deepEqual(
        found.articles.map((a) => a.title),
        ['Xây nhà tình thương cho hộ nghèo'],
      );
      const percent = await listArticles(t.db, ward, { page: 1, perPage: 10, foldedWords: ['%'] });
      assert.deepEqual(
        percent.articles.map((a) => a.title),
        ['Giảm 100% học phí'],
      );
    });

    it('an empty body or an unknown category is refused and nothing is written', async () => {
      const repo = new ArticleRepository(t.db, site.id);
      const count = async () => repo.countPublished(new Date(Date.now() + 1e10).toISOString(), {});
      const before = await count();
      await assert.rejects(buildArticle(t.db, site, { bodyHtml: '<script>x</script>' }), isCode('validation_failed'));
      await assert.rejects(buildArticle(t.db, site, { categorySlug: 'khong-co' }), isCode('validation_failed'));
      assert.equal(await count(), before);
    });
  });
}
