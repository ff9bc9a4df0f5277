import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { DIRECTORY_PAGE_SIZE } from '../../src/services/province/province-directory.ts';
import { FEED_PAGE_SIZE } from '../../src/services/province/province-portal.ts';
import { transitionArticle } from '../support/review.ts';
import { parseArticleForm, saveArticle } from '../../src/services/articles/article-editor.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';
import { signInAs } from '../support/admin.ts';

const at = (day: number) => new Date(Date.UTC(2026, 9, day, 3));

for (const dialect of DIALECTS) {
  describe(`province portal over HTTP [${dialect}]`, () => {
    let h: TestApp;
    let portal: SiteRow;
    let anBinh: SiteRow;
    let caoLanh: SiteRow;
    let elsewhere: SiteRow;
    const get = (url: string, host = 'dongthap.test') => h.app.inject({ url, headers: { host } });
    const cached = (url: string) => Boolean(h.app.pageCache.get(`http://dongthap.test${url}`));

    before(async () => {
      h = await openTestApp(dialect);
      portal = await buildSite(h.t.db, { name: 'Tỉnh Đồng Tháp', unitType: 'tinh', province: 'Đồng Tháp', hosts: ['dongthap.test'] });
      anBinh = await buildSite(h.t.db, { name: 'Xã An Bình', province: 'Đồng Tháp', hosts: ['anbinh.test'] });
      caoLanh = await buildSite(h.t.db, { name: 'Phường Cao Lãnh', unitType: 'phuong', province: 'Đồng Tháp', hosts: ['caolanh.test'] });
      elsewhere = await buildSite(h.t.db, { name: 'Xã Mỹ Hòa Hưng', province: 'An Giang', hosts: ['myhoahung.test'] });
      await buildArticle(h.t.db, anBinh, { title: 'Ra quân nạo vét kênh mương', publishedAt: at(1) });
      await buildArticle(h.t.db, caoLanh, { title: 'Lịch tiêm chủng tháng 10', categorySlug: 'thong-bao', publishedAt: at(2) });
      await buildArticle(h.t.db, elsewhere, { title: 'Nạo vét kênh mương ở An Giang', publishedAt: at(3) });
      await buildArticle(h.t.db, portal, { title: 'Tỉnh họp bàn phòng chống bão', publishedAt: at(4) });
      await h.app.applyPageEvents();
    });
    after(() => h.close());

    it('the home shows every commune’s news and notices, labelled and linking to the commune’s own host', async () => {
      const res = await get('/');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<a href="http:\/\/anbinh\.test\/bai-viet\/[^"]+">Ra quân nạo vét kênh mương<\/a>/);
      assert.match(res.body, /<a class="commune-label" href="http:\/\/anbinh\.test\/">Xã An Bình<\/a>/);
      assert.match(res.body, /Lịch tiêm chủng tháng 10/);
      assert.match(res.body, /Tỉnh họp bàn phòng chống bão/, 'the province’s own news');
      assert.doesNotMatch(res.body, /An Giang|Mỹ Hòa Hưng/);
      assert.match(res.body, /<select id="xa-trang-chu" name="xa">/);
    });

    it('the home filters by the commune picked with a plain GET form', async () => {
      const res = await get(`/?xa=${caoLanh.id}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Lịch tiêm chủng tháng 10/);
      assert.doesNotMatch(res.body, /Ra quân nạo vét kênh mương/);
      assert.match(res.body, new RegExp(`<option value="${caoLanh.id}" selected>Phường Cao Lãnh</option>`));
    });

    it('a bad commune is refused with a code, another province’s commune is not found', async () => {
      assert.equal((await get('/?xa=abc')).statusCode, 400);
      const other = await h.app.inject({ url: `/?xa=${elsewhere.id}`, headers: { host: 'dongthap.test', accept: 'application/json' } });
      assert.equal(other.statusCode, 404);
      assert.equal(other.json().error.code, 'not_found');
      assert.equal((await get('/tin-xa-phuong?sau=hom-qua')).statusCode, 400);
      assert.equal((await get('/xa-phuong?trang=0')).statusCode, 400);
    });

    it('a commune’s site has no province pages, and its home and search are its own', async () => {
      assert.equal((await get('/xa-phuong', 'anbinh.test')).statusCode, 404);
      assert.equal((await get('/tin-xa-phuong', 'anbinh.test')).statusCode, 404);
      const search = await get('/tim-kiem?q=nao+vet', 'anbinh.test');
      assert.match(search.body, /Tìm thấy 1 kết quả/);
      assert.doesNotMatch(search.body, /commune-label/);
    });

    it('the news list pages by cursor, newest first, and filters by kind and commune', async () => {
      for (let i = 0; i < FEED_PAGE_SIZE; i++) await buildArticle(h.t.db, i % 2 ? anBinh : caoLanh, { title: `Tin ngắn số ${i}`, publishedAt: at(5) });
      await h.app.applyPageEvents();
      const first = await get('/tin-xa-phuong');
      assert.equal(first.statusCode, 200);
      assert.equal((first.body.match(/class="card"/g) ?? []).length, FEED_PAGE_SIZE);
      const next = /<a href="([^"]+)" rel="next">Tin cũ hơn/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(next);
      const second = await get(next);
      assert.match(second.body, /Ra quân nạo vét kênh mương/);
      assert.doesNotMatch(second.body, /rel="next"/);
      const notices = await get(`/tin-xa-phuong?loai=thong-bao&xa=${caoLanh.id}`);
      assert.match(notices.body, /<h1 class="page-title">Thông báo của Phường Cao Lãnh<\/h1>/);
      assert.match(notices.body, /Lịch tiêm chủng tháng 10/);
      assert.doesNotMatch(notices.body, /Tin ngắn số/);
    });

    it('the directory lists communes with contacts and links, a page at a time, or the one picked', async () => {
      for (let i = 0; i < DIRECTORY_PAGE_SIZE; i++) await buildSite(h.t.db, { name: `Xã Thêm ${String(i).padStart(2, '0')}`, province: 'Đồng Tháp' });
      await h.app.applyPageEvents();
      const first = await get('/xa-phuong');
      assert.equal(first.statusCode, 200);
      assert.equal((first.body.match(/class="directory-entry"/g) ?? []).length, DIRECTORY_PAGE_SIZE);
      assert.match(first.body, /<a href="http:\/\/anbinh\.test\/">Xã An Bình<\/a>/);
      assert.match(first.body, new RegExp(`<a href="tel:${anBinh.phone.replace(/[^0-9+]/g, '')}">`));
      assert.match(first.body, /Thư điện tử/);
      assert.doesNotMatch(first.body, /Mỹ Hòa Hưng/);
      const second = await get('/xa-phuong?trang=2');
      assert.equal((second.body.match(/class="directory-entry"/g) ?? []).length, 2);
      const one = await get(`/xa-phuong?xa=${anBinh.id}`);
      assert.equal((one.body.match(/class="directory-entry"/g) ?? []).length, 1);
    });

    it('searches every site of the province, labels each result and links it to its commune', async () => {
      const res = await get('/tim-kiem?q=nao+vet');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Tìm kiếm trong toàn tỉnh/);
      assert.match(res.body, /Tìm thấy 1 kết quả/);
      assert.match(res.body, /<a href="http:\/\/anbinh\.test\/bai-viet\/[^"]+">Ra quân <mark>nạo<\/mark>/);
      assert.match(res.body, /class="commune-label" href="http:\/\/anbinh\.test\/">Xã An Bình/);
      const own = await get('/tim-kiem?q=phong+chong+bao');
      assert.match(own.body, /<a class="commune-label" href="\/">Tỉnh Đồng Tháp<\/a>/);
      const filtered = await get(`/tim-kiem?q=nao+vet&xa=${caoLanh.id}`);
      assert.match(filtered.body, /Không tìm thấy kết quả nào/);
      const wrong = await get(`/tim-kiem?q=nao+vet&xa=${elsewhere.id}`);
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /<p class="field-error" id="xa-loi">/);
      assert.match(wrong.body, /<details class="search-filters" open>/, 'the filters stay open at the error');
    });

    it('the JSON search API searches every site of the province, each result with its commune’s name and address on its own host', async () => {
      const body = (await get('/api/v1/search?q=nao+vet')).json();
      assert.equal(body.total, 1, 'the commune’s article, never another province’s');
      assert.match(body.data[0].url, /^http:\/\/anbinh\.test\/bai-viet\//);
      assert.deepEqual(body.data[0].commune, { id: anBinh.id, name: 'Xã An Bình', url: 'http://anbinh.test/' });
      const own = (await get('/api/v1/search?q=phong+chong+bao')).json();
      assert.deepEqual(own.data[0].commune, { id: portal.id, name: 'Tỉnh Đồng Tháp', url: 'http://dongthap.test/' });
      assert.match(own.data[0].url, /^http:\/\/dongthap\.test\/bai-viet\//);
      const notices = (await get('/api/v1/search?q=tiem+chung&kind=notice')).json();
      assert.equal(notices.data[0].commune.name, 'Phường Cao Lãnh');
      assert.equal((await get(`/api/v1/search?q=nao+vet&xa=${caoLanh.id}`)).json().total, 0, 'the commune picked only');
      assert.equal((await get(`/api/v1/search?q=nao+vet&xa=${anBinh.id}`)).json().total, 1);
    });

    it('the JSON search API refuses a commune of another province and bad filters with field errors, showing nothing', async () => {
      const fieldsOf = async (url: string) => {
        const res = await get(url);
        assert.equal(res.statusCode, 400, url);
        const { error, data } = res.json();
        assert.equal(error.code, 'validation_failed', url);
        assert.equal(data, undefined, url);
        assert.ok(
          error.fields.every((f: { message: string }) => /[ăâđêôơưàáảãạ]/.test(f.message)),
          `${url}: messages in Vietnamese`,
        );
        return error.fields.map((f: { field: string }) => f.field);
      };
      const other = await get(`/api/v1/search?q=nao+vet&xa=${elsewhere.id}`);
      assert.doesNotMatch(other.body, /An Giang/, 'nothing of the other province leaks');
      assert.deepEqual(await fieldsOf(`/api/v1/search?q=nao+vet&xa=${elsewhere.id}`), ['xa']);
      assert.deepEqual(await fieldsOf('/api/v1/search?q=nao+vet&xa=abc'), ['xa']);
      assert.deepEqual(await fieldsOf('/api/v1/search?q=nao+vet&from=hom-qua&page=0'), ['from', 'page']);
      assert.deepEqual(await fieldsOf('/api/v1/search?q=nao+vet&category=tin-tuc'), ['category'], 'categories are each commune’s own');
    });

    it('a commune’s JSON search API stays its own, whatever commune is named', async () => {
      const body = (await get(`/api/v1/search?q=nao+vet&xa=${caoLanh.id}`, 'anbinh.test')).json();
      assert.equal(body.total, 1);
      assert.deepEqual(Object.keys(body.data[0]).sort(), ['kind', 'published_at', 'snippet', 'title', 'title_html', 'url']);
      assert.match(body.data[0].url, /^http:\/\/anbinh\.test\/bai-viet\//);
      assert.equal((await get('/api/v1/search?q=tiem+chung', 'anbinh.test')).json().total, 0, 'another commune’s notice is not in it');
    });

    it('the platform admin creates a province portal through the form, and a second one for the same province is refused, nothing stored', async () => {
      await buildUser(h.t.db, portal, null, { email: 'tinh@quantri.test', isPlatformAdmin: true });
      const admin = await signInAs(h.app, 'dongthap.test', 'tinh@quantri.test');
      const form = {
        name: 'Tỉnh An Giang',
        unit_type: 'tinh',
        province: 'An Giang',
        host: 'angiang.test',
        address: 'Số 1 Tôn Đức Thắng, Long Xuyên',
        phone: '0296 3852 000',
        email: 'ubnd@angiang.gov.vn',
        responsible_person: 'Hồ Văn Mừng',
        responsible_title: 'Chủ tịch UBND tỉnh',
      };
      assert.match((await admin.get('/quan-tri/he-thong')).body, /<option value="tinh">Tỉnh/);
      assert.equal((await admin.post('/quan-tri/he-thong', form)).statusCode, 303);
      const home = await get('/', 'angiang.test');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Nạo vét kênh mương ở An Giang/, 'it gathers the communes of its own province');
      assert.doesNotMatch(home.body, /Lịch tiêm chủng tháng 10|Ra quân nạo vét/);
      assert.match(home.body, /<a href="\/xa-phuong">Các xã, phường<\/a>/, 'its menu has the province pages');
      const again = await admin.post('/quan-tri/he-thong', { ...form, name: 'Cổng An Giang thứ hai', host: 'angiang2.test' });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /href="#unit_type"/, 'the error points at the kind of unit');
      assert.match(again.body, /value="Cổng An Giang thứ hai"/, 'the form keeps what was typed');
      assert.equal(await h.t.db.selectFrom('site_hosts').select('host').where('host', '=', 'angiang2.test').executeTakeFirst(), undefined);
    });

    it('a commune publishing drops the province’s home and lists from the cache', async () => {
      const urls = ['/', '/tin-xa-phuong', '/xa-phuong'];
      for (const url of urls) await get(url);
      assert.ok(urls.every(cached));
      const reporter = (await buildUser(h.t.db, anBinh, 'contributor')).actor;
      const leader = (await buildUser(h.t.db, anBinh, 'approver')).actor;
      const category = await h.t.db
        .selectFrom('categories')
        .select('id')
        .where('site_id', '=', anBinh.id)
        .where('slug', '=', 'tin-tuc')
        .executeTakeFirstOrThrow();
      const { id } = await saveArticle(
        h.t.db,
        reporter,
        null,
        parseArticleForm({ title: 'Tin nóng của xã', body_html: '<p>Tin.</p>', category_id: String(category.id) }),
      );
      await transitionArticle(h.t.db, reporter, id, 'submit');
      await transitionArticle(h.t.db, leader, id, 'publish');
      await h.app.applyPageEvents();
      assert.equal(cached('/'), false);
      assert.equal(cached('/tin-xa-phuong'), false);
      assert.match((await get('/')).body, /Tin nóng của xã/);
    });
  });
}
