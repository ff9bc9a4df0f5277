import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { SiteRow } from '../../src/db/schema.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

const BASE = '/quan-tri/he-thong/thong-bao-tinh';
const FORM = {
  kind: 'notice',
  issuer: 'UBND tỉnh Đồng Tháp',
  title: 'Thông báo nghỉ Tết Nguyên đán',
  summary: 'Các cơ quan nghỉ Tết từ ngày 14/02/2026.',
  body_html: '<p>Bộ phận một cửa nghỉ từ 14/02/2026 đến hết 22/02/2026.</p>',
  scope: 'chosen',
};

for (const dialect of DIALECTS) {
  describe(`province notice screens and pages [${dialect}]`, () => {
    let h: TestApp;
    let a: SiteRow;
    let b: SiteRow;
    let c: SiteRow;
    let operator: Agent;
    let communeAdmin: Agent;
    const page = (host: string, url: string) => h.app.inject({ url, headers: { host } });
    /** Posts a form as a browser does, several checked sites as repeated fields. */
    const post = (who: Agent, url: string, form: Record<string, string>, sites: number[] = []): Promise<LightMyRequestResponse> => {
      const body = new URLSearchParams({ _csrf: who.csrf, ...form });
      for (const id of sites) body.append('sites', String(id));
      return h.app.inject({
        method: 'POST',
        url,
        headers: { host: who.host, cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
    };
    const noticeId = async (title: string) =>
      await h.t.db.selectFrom('province_notices').select(['id', 'slug']).where('title', '=', title).executeTakeFirstOrThrow();

    before(async () => {
      h = await openTestApp(dialect);
      a = await buildSite(h.t.db, { name: 'Phường 1', hosts: ['phuong1.test'] });
      b = await buildSite(h.t.db, { name: 'Phường 2', hosts: ['phuong2.test'] });
      c = await buildSite(h.t.db, { name: 'Xã Tân Phú', hosts: ['tanphu.test'] });
      operator = await signInAs(h.app, 'phuong1.test', (await buildUser(h.t.db, a, null, { isPlatformAdmin: true })).user.email);
      communeAdmin = await signInAs(h.app, 'phuong1.test', (await buildUser(h.t.db, a, 'site_admin')).user.email);
    });
    after(() => h.close());

    it('a site admin cannot reach the platform admin’s screens (403)', async () => {
      assert.equal((await communeAdmin.get(BASE)).statusCode, 403);
      assert.equal((await communeAdmin.get(`${BASE}/moi`)).statusCode, 403);
      assert.equal((await post(communeAdmin, BASE, FORM, [a.id])).statusCode, 403);
      assert.equal(await h.t.db.selectFrom('province_notices').select('id').executeTakeFirst(), undefined);
    });

    it('bad input is shown beside its field, the form keeps what was typed, and nothing is stored', async () => {
      const res = await post(operator, BASE, { ...FORM, title: '' }, [a.id]);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="title-loi"/);
      assert.match(res.body, /Nội dung/);
      assert.match(res.body, /value="UBND tỉnh Đồng Tháp"/);
      assert.match(res.body, /id="site-\d+" name="sites" value="\d+" checked/);
      const none = await post(operator, BASE, FORM, []);
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /id="sites-loi"/);
      assert.equal(await h.t.db.selectFrom('province_notices').select('id').executeTakeFirst(), undefined);
    });

    it('the platform admin publishes to two of three communes: each shows it on home, its notices, its own page and search; the third does not', async () => {
      assert.equal((await operator.get(`${BASE}/moi`)).statusCode, 200);
      const res = await post(operator, BASE, FORM, [a.id, b.id]);
      assert.equal(res.statusCode, 303);
      await h.app.applyPageEvents();
      const { slug } = await noticeId(FORM.title);
      for (const host of ['phuong1.test', 'phuong2.test']) {
        const home = await page(host, '/');
        assert.match(home.body, new RegExp(`href="/thong-bao-tinh/${slug}">${FORM.title}</a>`));
        assert.match(home.body, /class="badge-province">UBND tỉnh Đồng Tháp</);
        assert.match((await page(host, '/chuyen-muc/thong-bao')).body, new RegExp(FORM.title));
        const notice = await page(host, `/thong-bao-tinh/${slug}`);
        assert.equal(notice.statusCode, 200);
        assert.match(notice.body, /Thông báo của UBND tỉnh Đồng Tháp/);
        assert.match(notice.body, /<time datetime="[^"]+">\d{2}\/\d{2}\/\d{4}<\/time>/);
        assert.match((await page(host, `/tim-kiem?q=${encodeURIComponent('nghi tet nguyen dan')}`)).body, new RegExp(`/thong-bao-tinh/${slug}`));
        assert.match((await page(host, '/sitemap.xml')).body, new RegExp(`/thong-bao-tinh/${slug}`));
      }
      assert.doesNotMatch((await page('tanphu.test', '/')).body, new RegExp(FORM.title));
      assert.equal((await page('tanphu.test', `/thong-bao-tinh/${slug}`)).statusCode, 404);
      const list = await operator.get(BASE);
      assert.match(list.body, new RegExp(`${FORM.title}</a>`));
      assert.match(list.body, /2 xã, phường/);
    });

    it('an edit reaches every chosen site through their cached pages, and a site added later gets it', async () => {
      const { id, slug } = await noticeId(FORM.title);
      // Pages are cached before the edit, so the edit must drop them.
      assert.match((await page('phuong2.test', '/')).body, new RegExp(FORM.title));
      assert.match((await page('phuong2.test', `/thong-bao-tinh/${slug}`)).body, /Bộ phận một cửa nghỉ/);
      const edit = await post(operator, `${BASE}/${id}`, { ...FORM, body_html: '<p>Lịch nghỉ đã đổi: đến hết 23/02/2026.</p>' }, [a.id, b.id, c.id]);
      assert.equal(edit.statusCode, 303);
      // What every process does within its poll of page events.
      await h.app.applyPageEvents();
      assert.match((await page('phuong2.test', `/thong-bao-tinh/${slug}`)).body, /Lịch nghỉ đã đổi/);
      assert.match((await page('tanphu.test', '/')).body, new RegExp(FORM.title));
      assert.equal((await page('tanphu.test', `/thong-bao-tinh/${slug}`)).statusCode, 200);
    });

    it('the commune’s newsroom shows the notice read-only, marked as the province’s; a commune admin cannot edit or withdraw it', async () => {
      const { id } = await noticeId(FORM.title);
      const list = await communeAdmin.get('/quan-tri/thong-bao-cua-tinh');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, new RegExp(`href="/quan-tri/thong-bao-cua-tinh/${id}">${FORM.title}</a> <span class="badge-province">`));
      const one = await communeAdmin.get(`/quan-tri/thong-bao-cua-tinh/${id}`);
      assert.equal(one.statusCode, 200);
      assert.match(one.body, /chỉ xem/);
      assert.doesNotMatch(one.body, /action="\/quan-tri\/he-thong\/thong-bao-tinh/);
      assert.equal((await communeAdmin.get(`${BASE}/${id}`)).statusCode, 403);
      assert.equal((await post(communeAdmin, `${BASE}/${id}`, { ...FORM, title: 'Xã sửa' }, [a.id])).statusCode, 403);
      assert.equal((await post(communeAdmin, `${BASE}/${id}/go`, {})).statusCode, 403);
      assert.equal((await noticeId(FORM.title)).id, id);
    });

    it('a province document is listed on the chosen site’s Văn bản page, labelled with its issuer', async () => {
      const res = await post(operator, BASE, { ...FORM, kind: 'document', title: 'Quyết định công bố thủ tục hành chính' }, [c.id]);
      assert.equal(res.statusCode, 303);
      await h.app.applyPageEvents();
      const { slug } = await noticeId('Quyết định công bố thủ tục hành chính');
      const list = await page('tanphu.test', '/van-ban');
      // A row of the searchable table, without a number, under its issuer.
      assert.match(
        list.body,
        new RegExp(
          `<span class="file-meta">Không số</span></td>\\s*<td><time datetime="\\d{4}-\\d{2}-\\d{2}">\\d{2}/\\d{2}/\\d{4}</time></td>\\s*<td><a href="/thong-bao-tinh/${slug}">Tài liệu của tỉnh: Quyết định công bố thủ tục hành chính</a></td>\\s*<td>UBND tỉnh Đồng Tháp</td>`,
        ),
      );
      assert.match((await page('tanphu.test', `/van-ban?q=${encodeURIComponent('thu tuc hanh chinh')}`)).body, new RegExp(`/thong-bao-tinh/${slug}`));
      assert.doesNotMatch((await page('phuong1.test', '/van-ban')).body, /Tài liệu của tỉnh/);
      assert.match((await page('tanphu.test', `/thong-bao-tinh/${slug}`)).body, /Tài liệu của UBND tỉnh Đồng Tháp/);
    });

    it('withdrawing takes it off every site at once, and the audit log of each site records who did it', async () => {
      const { id, slug } = await noticeId(FORM.title);
      assert.equal((await post(operator, `${BASE}/${id}/go`, {})).statusCode, 303);
      await h.app.applyPageEvents();
      for (const host of ['phuong1.test', 'phuong2.test', 'tanphu.test']) {
        assert.equal((await page(host, `/thong-bao-tinh/${slug}`)).statusCode, 404);
        assert.doesNotMatch((await page(host, '/')).body, new RegExp(FORM.title));
      }
      assert.match((await operator.get(`${BASE}/${id}`)).body, /Đăng lại trên các cổng đã chọn/);
      const actions = await h.t.db.selectFrom('audit_log').select(['action', 'site_id']).where('target_type', '=', 'province_notice').execute();
      for (const action of ['province_notice.published', 'province_notice.updated', 'province_notice.withdrawn']) {
        assert.ok(
          actions.some((r) => r.action === action && r.site_id === b.id),
          action,
        );
      }
    });
  });
}
