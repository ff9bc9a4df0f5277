import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { PageEventRepository } from '../../src/repositories/page-event-repository.ts';
import { savePerson } from '../../src/services/organisation/organisation-service.ts';
import { readDirectory } from '../../src/services/province/province-directory.ts';
import { FEED_PAGE_SIZE, type Province, provinceOf, provinceTags, readProvinceFeed, readProvinceHome } from '../../src/services/province/province-portal.ts';
import { searchProvince } from '../../src/services/province/province-search.ts';
import { search } from '../../src/services/search/search-service.ts';
import { createSite } from '../../src/services/site-service.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';
import { reviewOrganisationPeople } from '../support/review.ts';

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 3));

for (const dialect of DIALECTS) {
  describe(`province portal (${dialect})`, () => {
    let t: TestDatabase;
    let portal: SiteRow;
    let anBinh: SiteRow;
    let binhThanh: SiteRow;
    let caoLanh: SiteRow;
    let elsewhere: SiteRow;
    let province: Province;

    before(async () => {
      t = await openTestDatabase(dialect);
      portal = await buildSite(t.db, { name: 'Tỉnh Đồng Tháp', unitType: 'tinh', province: 'Đồng Tháp', hosts: ['dongthap.test'] });
      caoLanh = await buildSite(t.db, { name: 'Phường Cao Lãnh', unitType: 'phuong', province: 'Đồng Tháp', hosts: ['caolanh.test'] });
      anBinh = await buildSite(t.db, { name: 'Xã An Bình', province: 'Đồng Tháp', hosts: ['anbinh.test', 'anbinh-cu.test'] });
      binhThanh = await buildSite(t.db, { name: 'Xã Bình Thành', province: 'Đồng Tháp', hosts: ['binhthanh.test'] });
      elsewhere = await buildSite(t.db, { name: 'Xã An Bình', province: 'An Giang', hosts: ['anbinh.angiang.test'] });
      await buildArticle(t.db, anBinh, { title: 'Nạo vét kênh mương ấp 1', publishedAt: at(1) });
      await buildArticle(t.db, caoLanh, { title: 'Nạo vét kênh mương khóm 2', publishedAt: at(3) });
      await buildArticle(t.db, binhThanh, { title: 'Thông báo lịch tiêm chủng', categorySlug: 'thong-bao', publishedAt: at(2) });
      await buildArticle(t.db, elsewhere, { title: 'Nạo vét kênh mương An Giang', publishedAt: at(4) });
      await buildArticle(t.db, elsewhere, { title: 'Thông báo của tỉnh khác', categorySlug: 'thong-bao', publishedAt: at(4) });
      await buildArticle(t.db, portal, { title: 'Tỉnh chỉ đạo nạo vét kênh mương', publishedAt: at(5) });
      province = await provinceOf(t.db, portal);
    });
    after(() => t.close());

    it('gathers the communes of its own province only, in Vietnamese order, each with its primary host', () => {
      assert.deepEqual(
        province.communes.map((c) => [c.name, c.primary_host]),
        [
          ['Phường Cao Lãnh', 'caolanh.test'],
          ['Xã An Bình', 'anbinh.test'],
          ['Xã Bình Thành', 'binhthanh.test'],
        ],
      );
      assert.ok(!province.communes.some((c) => c.id === elsewhere.id || c.id === portal.id));
    });

    it('lists the latest news and notices of every commune, newest first, never another province', async () => {
      const home = await readProvinceHome(t.db, province, null, at(10));
      assert.deepEqual(
        home.news.map((a) => a.title),
        ['Nạo vét kênh mương khóm 2', 'Nạo vét kênh mương ấp 1'],
      );
      assert.deepEqual(
        home.notices.map((a) => [a.title, a.site_id]),
        [['Thông báo lịch tiêm chủng', binhThanh.id]],
      );
      assert.deepEqual(
        home.own.news.concat(home.own.featured).map((a) => a.title),
        ['Tỉnh chỉ đạo nạo vét kênh mương'],
        'the portal is a real site with its own news',
      );
    });

    it('filters the lists by one commune, and refuses a commune of another province', async () => {
      const home = await readProvinceHome(t.db, province, anBinh.id, at(10));
      assert.deepEqual(
        home.news.map((a) => a.title),
        ['Nạo vét kênh mương ấp 1'],
      );
      assert.deepEqual(home.notices, []);
      await assert.rejects(readProvinceHome(t.db, province, elsewhere.id, at(10)), isCode('not_found'));
      await assert.rejects(readProvinceFeed(t.db, province, { kind: 'news', communeId: elsewhere.id, after: null }, at(10)), isCode('not_found'));
    });

    it('pages the feed by a cursor without repeating or skipping an article, even at the same instant', async () => {
      for (let i = 0; i < FEED_PAGE_SIZE + 5; i++) {
        await buildArticle(t.db, i % 2 ? anBinh : binhThanh, { title: `Tin cùng giờ ${i}`, publishedAt: at(6) });
      }
      const first = await readProvinceFeed(t.db, province, { kind: 'news', communeId: null, after: null }, at(10));
      assert.equal(first.items.length, FEED_PAGE_SIZE);
      assert.ok(first.next);
      const second = await readProvinceFeed(t.db, province, { kind: 'news', communeId: null, after: first.next }, at(10));
      assert.equal(second.next, null);
      const titles = [...first.items, ...second.items].map((a) => a.title);
      assert.equal(new Set(titles).size, FEED_PAGE_SIZE + 5 + 2);
      assert.ok(!titles.includes('Nạo vét kênh mương An Giang'));
      assert.deepEqual(titles.slice(-2), ['Nạo vét kênh mương khóm 2', 'Nạo vét kênh mương ấp 1']);
    });

    it('searches every site of the province at once, each hit with its commune, never another province', async () => {
      const outcome = await searchProvince(t.db, province, { q: 'nao vet kenh muong', communeId: null, page: 1, perPage: 10 });
      const found = outcome.hits.map((h) => [h.title, h.commune?.name ?? 'tỉnh']).sort();
      assert.deepEqual(found, [
        ['Nạo vét kênh mương khóm 2', 'Phường Cao Lãnh'],
        ['Nạo vét kênh mương ấp 1', 'Xã An Bình'],
        ['Tỉnh chỉ đạo nạo vét kênh mương', 'tỉnh'],
      ]);
      assert.equal(outcome.total, 3);
    });

    it('keeps phrases and prefixes across sites, and narrows to one commune', async () => {
      const phrase = await searchProvince(t.db, province, { q: '"kênh mương khóm"', communeId: null, page: 1, perPage: 10 });
      assert.deepEqual(
        phrase.hits.map((h) => h.title),
        ['Nạo vét kênh mương khóm 2'],
      );
      const prefix = await searchProvince(t.db, province, { q: 'tiem chu', communeId: null, page: 1, perPage: 10 });
      assert.deepEqual(
        prefix.hits.map((h) => h.commune?.id),
        [binhThanh.id],
      );
      const one = await searchProvince(t.db, province, { q: 'nạo vét', communeId: anBinh.id, page: 1, perPage: 10 });
      assert.deepEqual(
        one.hits.map((h) => h.title),
        ['Nạo vét kênh mương ấp 1'],
      );
      await assert.rejects(searchProvince(t.db, province, { q: 'nạo vét', communeId: elsewhere.id, page: 1, perPage: 10 }), isCode('not_found'));
    });

    it('offers a correction from the words of the whole province', async () => {
      const outcome = await searchProvince(t.db, province, { q: 'tiemm chung', communeId: null, page: 1, perPage: 10 });
      assert.equal(outcome.suggestion, 'tiem chung');
      assert.deepEqual(
        outcome.corrected?.hits.map((h) => h.commune?.id),
        [binhThanh.id],
      );
    });

    it('leaves a commune’s own search to its own items', async () => {
      const own = await search(t.db, anBinh, { q: 'nao vet kenh muong', page: 1, perPage: 10 });
      assert.deepEqual(
        own.hits.map((h) => [h.title, h.siteId]),
        [['Nạo vét kênh mương ấp 1', anBinh.id]],
      );
    });

    it('lists each commune with its contacts and the leaders its public sees', async () => {
      const editor = (await buildUser(t.db, anBinh, 'editor')).actor;
      const approver = (await buildUser(t.db, anBinh, 'approver')).actor;
      await savePerson(t.db, editor, null, { role: 'leader', name: 'Nguyễn Văn Hai', job_title: 'Phó Chủ tịch UBND xã', sort_order: '2' });
      await savePerson(t.db, editor, null, { role: 'leader', name: 'Trần Thị Một', job_title: 'Chủ tịch UBND xã', sort_order: '1' });
      await savePerson(t.db, editor, null, { role: 'focal', name: 'Lê Văn Đầu Mối' });
      let page = await readDirectory(t.db, province, 1, null);
      assert.deepEqual(page.entries.find((e) => e.commune.id === anBinh.id)?.leaders, [], 'a list not yet approved is not shown');
      await reviewOrganisationPeople(t.db, editor, 'submit');
      await reviewOrganisationPeople(t.db, approver, 'publish');
      page = await readDirectory(t.db, province, 1, null);
      assert.deepEqual(
        page.entries.map((e) => e.commune.name),
        ['Phường Cao Lãnh', 'Xã An Bình', 'Xã Bình Thành'],
      );
      const entry = page.entries.find((e) => e.commune.id === anBinh.id)!;
      assert.deepEqual(
        entry.leaders.map((l) => l.name),
        ['Trần Thị Một', 'Nguyễn Văn Hai'],
      );
      assert.equal(entry.commune.phone, anBinh.phone);
      const picked = await readDirectory(t.db, province, 1, binhThanh.id);
      assert.deepEqual(
        picked.entries.map((e) => e.commune.id),
        [binhThanh.id],
      );
      await assert.rejects(readDirectory(t.db, province, 1, elsewhere.id), isCode('not_found'));
    });

    it('refuses a second portal for the same province and keeps what is stored', async () => {
      const before = await t.db.selectFrom('sites').select('id').execute();
      await assert.rejects(
        createSite(t.db, { name: 'Cổng tỉnh thứ hai', unitType: 'tinh', province: 'Đồng Tháp', hosts: ['dongthap2.test'] }),
        isCode('validation_failed', 'unitType'),
      );
      assert.equal((await t.db.selectFrom('sites').select('id').execute()).length, before.length);
      assert.equal(await t.db.selectFrom('site_hosts').select('host').where('host', '=', 'dongthap2.test').executeTakeFirst(), undefined);
    });

    it('marks the portal stale when a commune joins, and its pages carry every commune’s tags', async () => {
      const events = new PageEventRepository(t.db);
      const since = await events.lastId();
      const added = await buildSite(t.db, { name: 'Xã Mới', province: 'Đồng Tháp' });
      const tags = (await events.since(since)).flatMap((e) => e.tags.split(' '));
      assert.ok(tags.includes(`s${portal.id}:all`));
      const grown = await provinceOf(t.db, portal);
      assert.ok(provinceTags(grown).includes(`s${added.id}:home`));
      assert.ok(!provinceTags(grown).includes(`s${elsewhere.id}:home`));
    });
  });
}
