import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { CategoryRepository } from '../../src/repositories/category-repository.ts';
import { MenuRepository } from '../../src/repositories/menu-repository.ts';
import { PageEventRepository } from '../../src/repositories/page-event-repository.ts';
import { categoryAt, readCategory } from '../../src/services/article-reader.ts';
import type { AuditWho } from '../../src/services/audit-service.ts';
import { addCategory, moveCategory, updateCategory } from '../../src/services/category-service.ts';
import { pageTags } from '../../src/services/pages/page-changes.ts';
import { homeBlocksOf, saveHomeBlocks } from '../../src/services/site-shape/home-blocks.ts';
import { addMenuItem, menuEntries, moveMenuItem, removeMenuItem, updateMenuItem } from '../../src/services/site-shape/menu.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';
import { codeOf, fieldsOf, storedShape } from '../support/site-shape.ts';

/**
 * The site admin's categories, main menu and home blocks, on both
 * databases: every change is audited and marks the pages it changes; every
 * refused change leaves everything stored as it was.
 */
for (const dialect of DIALECTS) {
  describe(`categories, menu and home blocks [${dialect}]`, () => {
    let t: TestDatabase;
    let ward: SiteRow;
    let who: AuditWho;

    const menuNames = async () => {
      const [items, categories] = await Promise.all([new MenuRepository(t.db, ward.id).list(), new CategoryRepository(t.db, ward.id).list()]);
      return menuEntries(items, categories).map((e) => (e.hidden ? `(${e.name})` : e.name));
    };
    const lastEventTags = async () => (await new PageEventRepository(t.db).since(0)).at(-1)?.tags.split(' ') ?? [];
    const lastAudit = async () => t.db.selectFrom('audit_log').selectAll().where('site_id', '=', ward.id).orderBy('id', 'desc').executeTakeFirstOrThrow();

    before(async () => {
      t = await openTestDatabase(dialect);
      ward = await buildSite(t.db);
      who = { userId: null, email: 'quantri@xa.test', siteId: ward.id, ip: '127.0.0.1' };
    });
    after(() => t.close());

    it('a new site starts with its categories and the six module pages in its menu', async () => {
      assert.deepEqual(await menuNames(), [
        'Tin tức',
        'Thông báo',
        'Tài liệu',
        'Giới thiệu',
        'Văn bản',
        'Công khai',
        'Lịch công tác',
        'Hỏi đáp',
        'Lấy ý kiến dự thảo',
        'Vận động – cứu trợ',
      ]);
    });

    it('adding a category puts it after the menu’s other categories, audited, and marks every page of the site', async () => {
      const row = await addCategory(t.db, ward.id, { name: 'Công khai ngân sách', kind: 'disclosure' }, who);
      assert.equal(row.slug, 'cong-khai-ngan-sach');
      assert.deepEqual(await menuNames(), [
        'Tin tức',
        'Thông báo',
        'Tài liệu',
        'Công khai ngân sách',
        'Giới thiệu',
        'Văn bản',
        'Công khai',
        'Lịch công tác',
        'Hỏi đáp',
        'Lấy ý kiến dự thảo',
        'Vận động – cứu trợ',
      ]);
      assert.deepEqual(await lastEventTags(), [pageTags.all(ward.id)]);
      const audit = await lastAudit();
      assert.equal(audit.action, 'category.created');
      assert.equal(audit.actor, 'quantri@xa.test');
    });

    it('a slug or name another category has is refused at its field, and nothing is stored', async () => {
      const before = await storedShape(t.db, ward.id);
      await assert.rejects(
        addCategory(t.db, ward.id, { name: 'Tin mới', slug: 'tin-tuc' }, who),
        (e) => codeOf(e) === 'validation_failed' && fieldsOf(e).includes('slug'),
      );
      await assert.rejects(addCategory(t.db, ward.id, { name: 'thông báo' }, who), (e) => codeOf(e) === 'validation_failed' && fieldsOf(e).includes('name'));
      await assert.rejects(addCategory(t.db, ward.id, { name: 'Khác', slug: 'Chữ Hoa' }, who), (e) => fieldsOf(e).includes('slug'));
      await assert.rejects(addCategory(t.db, ward.id, { name: 'Khác', kind: 'tuyen-dung' as 'news' }, who), (e) => fieldsOf(e).includes('kind'));
      assert.deepEqual(await storedShape(t.db, ward.id), before);
    });

    it('a changed slug keeps every old one answering, and a category taking an old slug takes it over', async () => {
      const news = (await new CategoryRepository(t.db, ward.id).findBySlug('tin-tuc'))!;
      await buildArticle(t.db, ward, { title: 'Tin đầu tiên', categorySlug: 'tin-tuc' });
      await updateCategory(t.db, ward.id, news.id, { name: 'Tin hoạt động', slug: 'tin-hoat-dong', kind: 'news' }, who);
      await updateCategory(t.db, ward.id, news.id, { name: 'Tin hoạt động', slug: 'hoat-dong', kind: 'news' }, who);
      for (const old of ['tin-tuc', 'tin-hoat-dong']) {
        const at = await categoryAt(t.db, ward.id, old);
        assert.deepEqual([at.category.slug, at.moved], ['hoat-dong', true], old);
      }
      const listing = await readCategory(t.db, ward, 'tin-tuc', 2);
      assert.deepEqual([listing.moved, listing.category.slug, listing.articles.length], [true, 'hoat-dong', 0]);
      assert.equal((await readCategory(t.db, ward, 'hoat-dong', 1)).articles[0]!.title, 'Tin đầu tiên');
      assert.match((await lastAudit()).summary, /đường dẫn tin-hoat-dong → hoat-dong/);

      // Back to an old slug: it is the category's own again, not a redirect.
      await updateCategory(t.db, ward.id, news.id, { name: 'Tin tức', slug: 'tin-tuc', kind: 'news' }, who);
      assert.deepEqual((await new CategoryRepository(t.db, ward.id).redirectsTo(news.id)).sort(), ['hoat-dong', 'tin-hoat-dong']);
      assert.equal((await categoryAt(t.db, ward.id, 'tin-tuc')).moved, false);
      // A new category at an old slug answers there itself.
      await addCategory(t.db, ward.id, { name: 'Hoạt động đoàn thể', slug: 'hoat-dong', inMenu: false }, who);
      assert.deepEqual(await new CategoryRepository(t.db, ward.id).redirectsTo(news.id), ['tin-hoat-dong']);
      assert.equal((await categoryAt(t.db, ward.id, 'hoat-dong')).category.name, 'Hoạt động đoàn thể');
      await assert.rejects(categoryAt(t.db, ward.id, 'khong-co'), (e) => codeOf(e) === 'category_not_found');
    });

    it('a hidden category leaves the public menu but stays in the editor, and the audit log says what changed', async () => {
      const documents = (await new CategoryRepository(t.db, ward.id).findBySlug('tai-lieu'))!;
      await updateCategory(t.db, ward.id, documents.id, { name: 'Tài liệu', slug: 'tai-lieu', kind: 'disclosure', hidden: true }, who);
      assert.ok((await menuNames()).includes('(Tài liệu)'));
      const row = (await new CategoryRepository(t.db, ward.id).findById(documents.id))!;
      assert.deepEqual([row.kind, row.hidden], ['disclosure', 1]);
      assert.match((await lastAudit()).summary, /loại Tài liệu → Công khai; ẩn/);
      await updateCategory(t.db, ward.id, documents.id, { name: 'Tài liệu', slug: 'tai-lieu', kind: 'document', hidden: false }, who);
    });

    it('moving a category up swaps it with the one above, audited', async () => {
      const before = (await new CategoryRepository(t.db, ward.id).list()).map((c) => c.slug);
      const notice = (await new CategoryRepository(t.db, ward.id).findBySlug('thong-bao'))!;
      await moveCategory(t.db, ward.id, notice.id, 'up', who);
      const after = (await new CategoryRepository(t.db, ward.id).list()).map((c) => c.slug);
      assert.deepEqual(after, [before[1], before[0], ...before.slice(2)]);
      assert.equal((await lastAudit()).action, 'category.moved');
    });

    it('the menu takes pages and links, moves and renames them, and refuses a duplicate or a bad address with nothing stored', async () => {
      await addMenuItem(t.db, ward.id, { kind: 'page', target: '/lich-tiep-cong-dan', label: '' }, who);
      await addMenuItem(t.db, ward.id, { kind: 'link', label: 'Dịch vụ công', target: 'https://dichvucong.gov.vn' }, who);
      const names = await menuNames();
      assert.deepEqual(names.slice(-2), ['Lịch tiếp công dân', 'Dịch vụ công']);

      const before = await storedShape(t.db, ward.id);
      const news = (await new CategoryRepository(t.db, ward.id).findBySlug('tin-tuc'))!;
      const refusals: Array<[Record<string, string>, string]> = [
        [{ kind: 'category', category_id: String(news.id) }, 'category_id'],
        [{ kind: 'page', target: '/lich-tiep-cong-dan' }, 'target'],
        [{ kind: 'page', target: '/quan-tri' }, 'target'],
        [{ kind: 'link', label: 'Cổng tỉnh', target: 'dongthap.gov.vn' }, 'target'],
        [{ kind: 'link', label: 'Lừa', target: 'javascript:alert(1)' }, 'target'],
        [{ kind: 'link', label: 'Lừa', target: '/\\evil.example' }, 'target'],
        [{ kind: 'link', label: 'Lừa', target: '/\t/evil.example' }, 'target'],
        [{ kind: 'link', label: '', target: 'https://dongthap.gov.vn' }, 'label'],
        [{ kind: 'thuc-don' }, 'kind'],
      ];
      for (const [input, field] of refusals) {
        await assert.rejects(
          addMenuItem(t.db, ward.id, input, who),
          (e) => codeOf(e) === 'validation_failed' && fieldsOf(e).includes(field),
          JSON.stringify(input),
        );
      }
      const link = (await new MenuRepository(t.db, ward.id).list()).at(-1)!;
      await assert.rejects(updateMenuItem(t.db, ward.id, link.id, { label: 'Dịch vụ công', target: '//evil.example' }, who), (e) =>
        fieldsOf(e).includes('target'),
      );
      assert.deepEqual(await storedShape(t.db, ward.id), before);

      await updateMenuItem(t.db, ward.id, link.id, { label: 'Dịch vụ công trực tuyến', target: '/hoi-dap/gui' }, who);
      await moveMenuItem(t.db, ward.id, link.id, 'up', who);
      assert.deepEqual((await menuNames()).slice(-2), ['Dịch vụ công trực tuyến', 'Lịch tiếp công dân']);
      await removeMenuItem(t.db, ward.id, link.id, who);
      assert.ok(!(await menuNames()).includes('Dịch vụ công trực tuyến'));
      const positions = (await new MenuRepository(t.db, ward.id).list()).map((item) => item.position);
      assert.deepEqual(
        positions,
        positions.map((_, i) => i),
      );
      assert.equal((await lastAudit()).action, 'menu.item_removed');
    });

    it('home blocks keep the chosen order and choice, move a place at a time, and an unknown block changes nothing', async () => {
      const site = async () => (await t.db.selectFrom('sites').selectAll().where('id', '=', ward.id).executeTakeFirstOrThrow())!;
      await saveHomeBlocks(t.db, await site(), { order: ['news', 'featured', 'questions', 'links'], shown: ['featured', 'news', 'questions'] }, who);
      assert.deepEqual(homeBlocksOf(await site()), ['news', 'featured', 'questions']);
      assert.deepEqual(await lastEventTags(), [pageTags.home(ward.id)]);
      await saveHomeBlocks(
        t.db,
        await site(),
        { order: ['news', 'featured', 'questions'], shown: ['news', 'featured', 'questions'], move: { key: 'questions', direction: 'up' } },
        who,
      );
      assert.deepEqual(homeBlocksOf(await site()), ['news', 'questions', 'featured']);
      await saveHomeBlocks(t.db, await site(), { order: [], shown: [] }, who);
      assert.deepEqual(homeBlocksOf(await site()), []);

      const before = await storedShape(t.db, ward.id);
      await assert.rejects(saveHomeBlocks(t.db, await site(), { order: ['quang-cao'], shown: ['quang-cao'] }, who), (e) => codeOf(e) === 'validation_failed');
      assert.deepEqual(await storedShape(t.db, ward.id), before);
    });
  });
}
