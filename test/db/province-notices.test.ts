import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { readCategory, readHome } from '../../src/services/article-reader.ts';
import { readFeed } from '../../src/services/feed-reader.ts';
import { readDocumentList } from '../../src/services/documents/document-reader.ts';
import { documentsTag } from '../../src/services/documents/document-types.ts';
import type { Actor } from '../../src/services/permissions.ts';
import {
  type ProvinceNoticeInput,
  publishProvinceNotice,
  setProvinceNoticeWithdrawn,
  updateProvinceNotice,
} from '../../src/services/province-notices/notice-editor.ts';
import { provinceNoticesForHome, provinceNoticesOfSite, readProvinceNotice } from '../../src/services/province-notices/notice-reader.ts';
import { search } from '../../src/services/search/search-service.ts';
import { rebuildSearchIndex } from '../../src/services/search/rebuild.ts';
import { readSiteMapSections } from '../../src/services/site-map.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));

const FORM: ProvinceNoticeInput = {
  kind: 'notice',
  issuer: 'UBND tỉnh Đồng Tháp',
  title: 'Thông báo lịch tiếp nhận hồ sơ đất đai',
  summary: 'Lịch mới áp dụng từ tháng 12.',
  body_html: '<p>Bộ phận một cửa tiếp nhận hồ sơ đất đai vào sáng thứ Ba và thứ Năm.</p>',
  scope: 'chosen',
  sites: [],
};

for (const dialect of DIALECTS) {
  describe(`Thông báo của tỉnh [${dialect}]`, () => {
    let t: TestDatabase;
    let a: SiteRow;
    let b: SiteRow;
    let c: SiteRow;
    let elsewhere: SiteRow;
    let platform: Actor;
    let communeAdmin: Actor;

    const shownOn = async (site: SiteRow) => (await provinceNoticesForHome(t.db, site.id, { notices: true, documents: true }, 10)).notices.map((n) => n.title);
    const tagsSince = async (id: number) =>
      (await t.db.selectFrom('page_events').select('tags').where('id', '>', id).execute()).flatMap((e) => e.tags.split(' '));
    const lastEvent = async () =>
      Number(
        (
          await t.db
            .selectFrom('page_events')
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirst()
        )?.m ?? 0,
      );

    before(async () => {
      t = await openTestDatabase(dialect);
      a = await buildSite(t.db, { name: 'Phường 1' });
      b = await buildSite(t.db, { name: 'Phường 2' });
      c = await buildSite(t.db, { name: 'Xã Tân Phú' });
      elsewhere = await buildSite(t.db, { name: 'Phường Bến Thành', province: 'Hồ Chí Minh' });
      platform = (await buildUser(t.db, a, null, { isPlatformAdmin: true })).actor;
      communeAdmin = (await buildUser(t.db, a, 'site_admin')).actor;
    });
    after(() => t.close());

    it('a notice published to two of three communes shows on those two, in home, category, page, search, sitemap and feed, and nowhere else', async () => {
      const since = await lastEvent();
      const notice = await publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, sites: [a.id, b.id] });
      assert.deepEqual(await shownOn(a), [FORM.title]);
      assert.deepEqual(await shownOn(b), [FORM.title]);
      assert.deepEqual(await shownOn(c), []);
      assert.deepEqual(await shownOn(elsewhere), []);
      assert.equal((await readProvinceNotice(t.db, a, notice.slug)).notice.issuer, 'UBND tỉnh Đồng Tháp');
      await assert.rejects(readProvinceNotice(t.db, c, notice.slug), isCode('article_not_found'));
      const listing = await readCategory(t.db, a, 'thong-bao', 1);
      assert.deepEqual(
        listing.provinceNotices.map((n) => n.id),
        [notice.id],
      );
      const found = await search(t.db, a, { q: 'tiep nhan ho so dat dai', page: 1, perPage: 10 });
      assert.ok(found.hits.some((h) => h.path === `/thong-bao-tinh/${notice.slug}`));
      const notFound = await search(t.db, c, { q: 'tiep nhan ho so dat dai', page: 1, perPage: 10 });
      assert.equal(notFound.hits.length, 0);
      const sitemap = (await readSiteMapSections(t.db, b)).flatMap((s) => s.children.map((p) => p.path));
      assert.ok(sitemap.includes(`/thong-bao-tinh/${notice.slug}`));
      assert.deepEqual(
        (await readFeed(t.db, b)).provinceNotices.map((n) => n.id),
        [notice.id],
      );
      // The chosen sites' home pages, notice listings and the notice's pages are dropped, the others' not.
      const tags = await tagsSince(since);
      for (const site of [a, b]) assert.ok(tags.includes(`s${site.id}:home`) && tags.includes(`s${site.id}:pn${notice.id}`));
      assert.ok(!tags.includes(`s${c.id}:home`));
      // The audit log of each chosen site records it.
      const audit = await t.db
        .selectFrom('audit_log')
        .select('site_id')
        .where('action', '=', 'province_notice.published')
        .where('target_id', '=', notice.id)
        .execute();
      assert.deepEqual(new Set(audit.map((r) => r.site_id)), new Set([a.id, b.id]));
    });

    it('the notice sits among the commune’s own notices by date, and the commune’s own articles keep their place', async () => {
      await buildArticle(t.db, b, { title: 'Thông báo riêng của phường', categorySlug: 'thong-bao', publishedAt: new Date(Date.UTC(2020, 0, 1)) });
      const home = await readHome(t.db, b);
      assert.ok(home.notices.some((n) => n.title === 'Thông báo riêng của phường'));
      const listing = await readCategory(t.db, b, 'thong-bao', 1);
      assert.equal(listing.pagination.total, 2);
      assert.equal(listing.articles.length + listing.provinceNotices.length, 2);
    });

    it('an edit reaches every chosen site at once from the one row, and their pages are dropped', async () => {
      const notice = await publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, title: 'Thông báo cũ', sites: [a.id, b.id] });
      const since = await lastEvent();
      await updateProvinceNotice(t.db, platform, notice.id, { ...FORM, title: 'Thông báo đã sửa', sites: [a.id, b.id] });
      for (const site of [a, b]) {
        assert.ok((await shownOn(site)).includes('Thông báo đã sửa'));
        assert.ok(!(await shownOn(site)).includes('Thông báo cũ'));
      }
      const tags = await tagsSince(since);
      for (const site of [a, b]) assert.ok(tags.includes(`s${site.id}:pn${notice.id}`));
      const found = await search(t.db, a, { q: 'thong bao da sua', page: 1, perPage: 10, exact: true });
      assert.ok(found.hits.some((h) => h.title === 'Thông báo đã sửa'));
    });

    it('a withdrawn notice leaves every site, its page, its search entries and its listings; publishing again brings it back', async () => {
      const notice = await publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, title: 'Thông báo sẽ gỡ', sites: [a.id, b.id] });
      const since = await lastEvent();
      await setProvinceNoticeWithdrawn(t.db, platform, notice.id, true);
      for (const site of [a, b]) {
        assert.ok(!(await shownOn(site)).includes('Thông báo sẽ gỡ'));
        await assert.rejects(readProvinceNotice(t.db, site, notice.slug), isCode('article_not_found'));
      }
      const tags = await tagsSince(since);
      for (const site of [a, b]) assert.ok(tags.includes(`s${site.id}:home`) && tags.includes(`s${site.id}:pn${notice.id}`));
      assert.equal(
        (await search(t.db, a, { q: 'thong bao se go', page: 1, perPage: 10, exact: true })).hits.filter((h) => h.title === 'Thông báo sẽ gỡ').length,
        0,
      );
      // The commune's newsroom still lists it, withdrawn.
      assert.equal((await provinceNoticesOfSite(t.db, a.id)).find((n) => n.id === notice.id)?.status, 'withdrawn');
      await setProvinceNoticeWithdrawn(t.db, platform, notice.id, false);
      assert.ok((await shownOn(b)).includes('Thông báo sẽ gỡ'));
    });

    it('a site added to the chosen set later gets the notice, with its search entry; a site taken out loses it', async () => {
      const notice = await publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, title: 'Thông báo thêm xã sau', sites: [a.id] });
      assert.ok(!(await shownOn(c)).includes('Thông báo thêm xã sau'));
      await updateProvinceNotice(t.db, platform, notice.id, { ...FORM, title: 'Thông báo thêm xã sau', sites: [c.id] });
      assert.ok((await shownOn(c)).includes('Thông báo thêm xã sau'));
      assert.ok(!(await shownOn(a)).includes('Thông báo thêm xã sau'));
      assert.equal((await search(t.db, c, { q: 'thong bao them xa sau', page: 1, perPage: 10, exact: true })).hits.length, 1);
      assert.equal((await search(t.db, a, { q: 'thong bao them xa sau', page: 1, perPage: 10, exact: true })).hits.length, 0);
    });

    it('a notice to every commune reaches a commune created afterwards, but never a commune of another province', async () => {
      const notice = await publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, title: 'Thông báo toàn tỉnh', scope: 'all' });
      const later = await buildSite(t.db, { name: 'Xã Mới Lập' });
      const laterElsewhere = await buildSite(t.db, { name: 'Xã Khác Tỉnh', province: 'Hồ Chí Minh' });
      assert.ok((await shownOn(later)).includes('Thông báo toàn tỉnh'));
      for (const site of [a, b, c]) assert.ok((await shownOn(site)).includes('Thông báo toàn tỉnh'));
      for (const site of [elsewhere, laterElsewhere]) assert.deepEqual(await shownOn(site), []);
      await assert.rejects(readProvinceNotice(t.db, elsewhere, notice.slug), isCode('article_not_found'));
      // Rebuilding a site's search index keeps the province's notices in it.
      await rebuildSearchIndex(t.db, later.id);
      assert.equal((await search(t.db, later, { q: 'thong bao toan tinh', page: 1, perPage: 10, exact: true })).hits.length, 1);
    });

    it('a commune of another province cannot be chosen, and nothing is stored', async () => {
      const before = await t.db.selectFrom('province_notices').select('id').execute();
      await assert.rejects(publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, sites: [a.id, elsewhere.id] }), isCode('validation_failed', 'sites'));
      assert.equal((await t.db.selectFrom('province_notices').select('id').execute()).length, before.length);
      assert.deepEqual(await shownOn(elsewhere), []);
    });

    it('bad input is refused field by field and nothing is stored or changed', async () => {
      const notice = await publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, title: 'Thông báo giữ nguyên', sites: [b.id] });
      await assert.rejects(publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, title: '  ', sites: [a.id] }), isCode('validation_failed', 'title'));
      await assert.rejects(
        publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, body_html: '<p> </p>', sites: [a.id] }),
        isCode('validation_failed', 'body_html'),
      );
      await assert.rejects(publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, sites: [] }), isCode('validation_failed', 'sites'));
      await assert.rejects(updateProvinceNotice(t.db, platform, notice.id, { ...FORM, issuer: '', sites: [a.id] }), isCode('validation_failed', 'issuer'));
      assert.ok((await shownOn(b)).includes('Thông báo giữ nguyên'));
      assert.ok(!(await shownOn(a)).includes('Thông báo giữ nguyên'));
    });

    it('a commune admin cannot publish, edit or withdraw a province notice', async () => {
      const notice = await publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, title: 'Thông báo chỉ xem', sites: [a.id] });
      await assert.rejects(publishProvinceNotice(t.db, communeAdmin, 'Đồng Tháp', { ...FORM, sites: [a.id] }), isCode('forbidden'));
      await assert.rejects(updateProvinceNotice(t.db, communeAdmin, notice.id, { ...FORM, title: 'Xã sửa', sites: [a.id] }), isCode('forbidden'));
      await assert.rejects(setProvinceNoticeWithdrawn(t.db, communeAdmin, notice.id, true), isCode('forbidden'));
      assert.ok((await shownOn(a)).includes('Thông báo chỉ xem'));
    });

    it('a province document shows in the Tài liệu block and category and on the Văn bản list, and drops those pages', async () => {
      const since = await lastEvent();
      const doc = await publishProvinceNotice(t.db, platform, 'Đồng Tháp', {
        ...FORM,
        kind: 'document',
        title: 'Kế hoạch chuyển đổi số của tỉnh',
        sites: [c.id],
      });
      assert.deepEqual(
        (await provinceNoticesForHome(t.db, c.id, { notices: true, documents: true }, 10)).documents.map((d) => d.id),
        [doc.id],
      );
      assert.deepEqual(
        (await readCategory(t.db, c, 'tai-lieu', 1)).provinceNotices.map((d) => d.id),
        [doc.id],
      );
      const rows = (await readDocumentList(t.db, c.id, { sort: { by: 'issued', direction: 'desc' }, page: 1 })).rows;
      assert.deepEqual(
        rows.map((r) => r.province?.id),
        [doc.id],
      );
      assert.deepEqual((await readDocumentList(t.db, a.id, { sort: { by: 'issued', direction: 'desc' }, page: 1 })).rows, []);
      assert.ok((await tagsSince(since)).includes(documentsTag(c.id)));
    });

    it('the body is sanitised as the newsroom’s is: no script survives', async () => {
      const notice = await publishProvinceNotice(t.db, platform, 'Đồng Tháp', {
        ...FORM,
        title: 'Thông báo có mã độc',
        body_html: '<p onclick="x()">Nội dung<script>alert(1)</script></p>',
        sites: [a.id],
      });
      assert.equal(notice.body_html, '<p>Nội dung</p>');
    });

    it('a relief figure, which belongs to one site, is refused in a province notice, on publishing and on editing, and nothing changes', async () => {
      const withFigure = '<p>Đã thu <span data-figure="c1:tong-thu">tổng thu</span> đồng.</p>';
      await assert.rejects(
        publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, title: 'Thông báo có số liệu', body_html: withFigure, sites: [a.id] }),
        isCode('validation_failed', 'body_html'),
      );
      assert.ok(!(await shownOn(a)).includes('Thông báo có số liệu'));
      const notice = await publishProvinceNotice(t.db, platform, 'Đồng Tháp', { ...FORM, title: 'Thông báo không số liệu', sites: [a.id] });
      await assert.rejects(
        updateProvinceNotice(t.db, platform, notice.id, { ...FORM, title: 'Thông báo không số liệu', body_html: withFigure, sites: [a.id] }),
        isCode('validation_failed', 'body_html'),
      );
      assert.equal((await readProvinceNotice(t.db, a, notice.slug)).notice.body_html, FORM.body_html);
    });
  });
}
