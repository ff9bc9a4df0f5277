import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';

const PAGE = '/quan-tri/he-thong/viet-tat';

for (const dialect of DIALECTS) {
  describe(`abbreviations a province edits for search [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let operator: Agent;
    let siteAdmin: Agent;
    const find = async (q: string) => (await h.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}&exact=1`, headers: { host: 'tinh.test' } })).json();

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: ['tinh.test'], province: 'Đồng Tháp' });
      await buildArticle(h.t.db, site, { title: 'HTX nông nghiệp Tân Phú chia lãi', bodyHtml: '<p>Xã viên nhận lãi 12%.</p>' });
      await buildArticle(h.t.db, site, { title: 'TP Sa Đéc mở hội chợ hoa xuân', bodyHtml: '<p>300 gian hàng.</p>' });
      operator = await signInAs(h.app, 'tinh.test', (await buildUser(h.t.db, site, null, { isPlatformAdmin: true })).user.email);
      siteAdmin = await signInAs(h.app, 'tinh.test', (await buildUser(h.t.db, site, 'site_admin')).user.email);
    });
    after(() => h.close());

    it('the operator sees the built-in list of the site’s province', async () => {
      const res = await operator.get(PAGE);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<td>UBND<\/td><td>Ủy ban nhân dân<\/td>/);
      assert.match(res.body, /Thêm từ viết tắt cho tỉnh Đồng Tháp/);
    });

    it('a site admin may neither see nor change the province’s list', async () => {
      assert.equal((await siteAdmin.get(PAGE)).statusCode, 403);
      assert.equal((await siteAdmin.post(PAGE, { province: 'Đồng Tháp', short_form: 'HTX', long_form: 'hợp tác xã' })).statusCode, 403);
    });

    it('an empty or identical pair is refused next to its field, the input kept and nothing stored', async () => {
      const empty = await operator.post(PAGE, { province: 'Đồng Tháp', short_form: '', long_form: 'hợp tác xã' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /id="short_form-loi"/);
      assert.match(empty.body, /value="hợp tác xã"/);
      const same = await operator.post(PAGE, { province: 'Đồng Tháp', short_form: 'HTX', long_form: 'htx' });
      assert.equal(same.statusCode, 400);
      assert.match(same.body, /id="long_form-loi"/);
      assert.equal(await h.t.db.selectFrom('search_abbreviations').select('id').executeTakeFirst(), undefined);
      assert.equal((await operator.post(PAGE, { province: 'Đồng Tháp', short_form: 'HTX', long_form: 'hợp tác xã' }, { csrf: null })).statusCode, 403);
    });

    it('a pair the province adds is read by the next search, with no reindex, and is in the audit log', async () => {
      assert.equal((await find('hợp tác xã nông nghiệp')).total, 0);
      const res = await operator.post(PAGE, { province: 'Đồng Tháp', short_form: 'HTX', long_form: 'hợp tác xã' });
      assert.equal(res.statusCode, 303);
      assert.match((await operator.get(PAGE)).body, /<td>HTX<\/td><td>hợp tác xã<\/td>\s*<td>Tỉnh thêm/);
      const found = await find('hợp tác xã nông nghiệp');
      assert.equal(found.total, 1);
      assert.equal(found.data[0].title, 'HTX nông nghiệp Tân Phú chia lãi');
      const audit = await h.t.db.selectFrom('audit_log').select('summary').where('action', '=', 'search.abbreviation_added').executeTakeFirst();
      assert.equal(audit?.summary, 'Đồng Tháp: HTX = hợp tác xã');
    });

    it('a built-in pair switched off stops working for the province, and works again when switched back on', async () => {
      assert.equal((await find('thành phố sa đéc')).total, 1);
      const key = /name="key" value="(tp\|thanh pho)"/.exec((await operator.get(PAGE)).body)?.[1];
      assert.equal(key, 'tp|thanh pho');
      assert.equal((await operator.post(`${PAGE}/bo`, { province: 'Đồng Tháp', key })).statusCode, 303);
      assert.equal((await find('thành phố sa đéc')).total, 0);
      assert.match((await operator.get(PAGE)).body, /\(đã tắt\)/);
      assert.equal((await operator.post(PAGE, { province: 'Đồng Tháp', short_form: 'TP', long_form: 'thành phố' })).statusCode, 303);
      assert.equal((await find('thành phố sa đéc')).total, 1);
    });

    it('another province keeps its own list', async () => {
      const res = await operator.get(`${PAGE}?tinh=${encodeURIComponent('An Giang')}`);
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /<td>HTX<\/td>/);
    });

    it('taking off a pair the list does not hold is a clear error', async () => {
      const res = await operator.post(`${PAGE}/bo`, { province: 'Đồng Tháp', key: 'khong|co' });
      assert.equal(res.statusCode, 404);
    });
  });
}
