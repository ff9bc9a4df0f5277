import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { CategoryRepository } from '../../src/repositories/category-repository.ts';
import { kindFilter, readHome } from '../../src/services/article-reader.ts';
import { addCategory } from '../../src/services/category-service.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

/**
 * The home page's lists by kind: through the kind's one category when a
 * site has one (kindFilter), across all of them when editors added more,
 * and empty when none is left; newest first, without trashed, scheduled or
 * other sites' articles, on both databases.
 */

const day = (n: number) => new Date(Date.UTC(2025, 2, n, 8));

for (const dialect of DIALECTS) {
  describe(`home page lists by kind [${dialect}]`, () => {
    let t: TestDatabase;
    let ward: SiteRow;
    before(async () => {
      t = await openTestDatabase(dialect);
      ward = await buildSite(t.db);
      for (let i = 1; i <= 8; i++) await buildArticle(t.db, ward, { title: `Thông báo số ${i}`, categorySlug: 'thong-bao', publishedAt: day(i) });
      for (let i = 1; i <= 3; i++) await buildArticle(t.db, ward, { title: `Tài liệu số ${i}`, categorySlug: 'tai-lieu', publishedAt: day(i) });
      const trashed = await buildArticle(t.db, ward, { title: 'Thông báo đã xóa', categorySlug: 'thong-bao', publishedAt: day(20) });
      await t.db.updateTable('articles').set({ deleted_at: new Date().toISOString() }).where('id', '=', trashed.id).execute();
      await buildArticle(t.db, ward, { title: 'Thông báo hẹn giờ', categorySlug: 'thong-bao', publishedAt: new Date(Date.now() + 86_400_000) });
      const other = await buildSite(t.db);
      await buildArticle(t.db, other, { title: 'Thông báo xã khác', categorySlug: 'thong-bao', publishedAt: day(25) });
    });
    after(() => t.close());

    it('lists a kind with one category through that category, newest first', async () => {
      const categories = await new CategoryRepository(t.db, ward.id).list();
      const notice = categories.find((c) => c.slug === 'thong-bao')!;
      assert.deepEqual(kindFilter(categories, 'notice'), { categoryId: notice.id });
      const home = await readHome(t.db, ward);
      assert.deepEqual(
        home.notices.map((a) => a.title),
        [8, 7, 6, 5, 4, 3].map((i) => `Thông báo số ${i}`),
      );
      assert.deepEqual(
        home.documents.map((a) => a.title),
        ['Tài liệu số 3', 'Tài liệu số 2', 'Tài liệu số 1'],
      );
    });

    it('merges every category of a kind when editors add another, newest first', async () => {
      const extra = await addCategory(t.db, ward.id, { name: 'Thông báo tuyển dụng', kind: 'notice' });
      await buildArticle(t.db, ward, { title: 'Tuyển dụng viên chức', categorySlug: extra.slug, publishedAt: day(7) });
      await buildArticle(t.db, ward, { title: 'Tuyển dụng mới nhất', categorySlug: extra.slug, publishedAt: day(10) });
      const categories = await new CategoryRepository(t.db, ward.id).list();
      assert.deepEqual(kindFilter(categories, 'notice'), { categoryKind: 'notice' });
      const titles = (await readHome(t.db, ward)).notices.map((a) => a.title);
      assert.deepEqual(titles.slice(0, 2), ['Tuyển dụng mới nhất', 'Thông báo số 8']);
      assert.equal(titles.length, 6);
      assert.ok(titles.includes('Tuyển dụng viên chức'));
    });

    it('shows an empty list for a kind no category has any more', async () => {
      await t.db.updateTable('categories').set({ kind: 'other' }).where('site_id', '=', ward.id).where('slug', '=', 'tai-lieu').execute();
      const categories = await new CategoryRepository(t.db, ward.id).list();
      assert.equal(kindFilter(categories, 'document'), null);
      assert.deepEqual((await readHome(t.db, ward)).documents, []);
    });
  });
}
