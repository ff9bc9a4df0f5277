import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';

for (const dialect of DIALECTS) {
  describe(`the platform admin merges wards through the web screens [${dialect}]`, () => {
    let t: TestApp;
    let ward: SiteRow;
    const former: SiteRow[] = [];
    let platform: Agent;
    let siteAdmin: Agent;
    const wardHost = `phuong-moi-${dialect}.test`;
    const formerHost = (n: number) => `xa${n}-${dialect}.test`;

    before(async () => {
      t = await openTestApp(dialect);
      ward = await buildSite(t.t.db, { name: 'Phường Sa Đéc', unitType: 'phuong', hosts: [wardHost] });
      for (const n of [1, 2]) {
        const site = await buildSite(t.t.db, { name: `Xã Tân ${n}`, hosts: [formerHost(n)] });
        await buildArticle(t.t.db, site, { title: `Tin của xã Tân ${n}` });
        former.push(site);
      }
      const admin = await buildUser(t.t.db, ward, null, { isPlatformAdmin: true });
      platform = await signInAs(t.app, wardHost, admin.user.email);
      siteAdmin = await signInAs(t.app, wardHost, (await buildUser(t.t.db, ward, 'site_admin')).user.email);
    });
    after(() => t.close());

    const get = (host: string, url: string) => t.app.inject({ url, headers: { host } });
    /** Posts a form whose checkboxes repeat a name, as a browser does. */
    const postPairs = (url: string, pairs: string[][]) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { host: wardHost, cookie: platform.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([['_csrf', platform.csrf], ...pairs]).toString(),
      });

    it('only the platform admin opens the merge screens, and a form without its CSRF token is refused', async () => {
      assert.equal((await siteAdmin.get('/quan-tri/he-thong/gop-cong')).statusCode, 403);
      assert.equal((await siteAdmin.post('/quan-tri/he-thong/gop-cong', { into: String(ward.id), from: String(former[0]!.id) })).statusCode, 403);
      const page = await platform.get('/quan-tri/he-thong/gop-cong');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`<input type="checkbox" id="tu-${former[0]!.id}" name="from" value="${former[0]!.id}">`));
      const forged = await platform.post('/quan-tri/he-thong/gop-cong', { into: String(ward.id), from: String(former[0]!.id) }, { csrf: 'sai' });
      assert.equal(forged.statusCode, 403);
      assert.equal((await t.t.db.selectFrom('site_merges').selectAll().execute()).length, 0);
    });

    it('a form without a former site is shown again with its choice kept and nothing merged', async () => {
      const res = await platform.post('/quan-tri/he-thong/gop-cong', { into: String(ward.id) });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /<a href="#from">/);
      assert.match(res.body, new RegExp(`<option value="${ward.id}" selected>`));
      const same = await platform.post('/quan-tri/he-thong/gop-cong', { into: String(ward.id), from: String(ward.id) });
      assert.equal(same.statusCode, 400, 'a site cannot be merged into itself');
      assert.equal((await t.t.db.selectFrom('site_merges').selectAll().execute()).length, 0);
      assert.equal((await get(formerHost(1), '/bai-viet/tin-cua-xa-tan-1')).statusCode, 200);
    });

    it('merging two former sites shows the report; undo puts them back; a second merge, confirmed, deletes them and their hosts still answer 301', async () => {
      const merged = await postPairs('/quan-tri/he-thong/gop-cong', [
        ['into', String(ward.id)],
        ['from', String(former[0]!.id)],
        ['from', String(former[1]!.id)],
      ]);
      assert.equal(merged.statusCode, 303);
      // The page cache follows page events on a timer; apply them now, as the next request must see the change.
      await t.app.applyPageEvents();
      const detailUrl = String(merged.headers.location);
      const id = Number(/gop-cong\/(\d+)\?ok=gop$/.exec(detailUrl)?.[1]);
      const detail = await platform.get(detailUrl);
      assert.equal(detail.statusCode, 200);
      assert.match(detail.body, /role="status">Đã gộp\./);
      assert.match(detail.body, /<th scope="row">Xã Tân 1<br>/);
      assert.match(detail.body, /action="\/quan-tri\/he-thong\/gop-cong\/\d+\/hoan-tac"/);
      const moved = await get(formerHost(1), '/bai-viet/tin-cua-xa-tan-1');
      assert.equal(moved.statusCode, 301);
      assert.equal(moved.headers.location, `http://${wardHost}/bai-viet/tin-cua-xa-tan-1`);
      assert.match((await get(wardHost, '/bai-viet/tin-cua-xa-tan-2')).body, /Xã Tân 2 \(cũ\)/);

      const all = await platform.get('/quan-tri/bai-viet');
      assert.match(all.body, /<a href="\/quan-tri\/bai-viet\?don-vi=xa-tan-1">Xã Tân 1 \(cũ\)<\/a>/, 'the newsroom filters by former unit');
      const one = await platform.get('/quan-tri/bai-viet?don-vi=xa-tan-1');
      assert.match(one.body, />Tin của xã Tân 1</);
      assert.doesNotMatch(one.body, />Tin của xã Tân 2</);
      assert.equal((await platform.post(`/quan-tri/he-thong/gop-cong/${id}/hoan-tac`, {})).statusCode, 303);
      await t.app.applyPageEvents();
      assert.equal((await get(formerHost(1), '/bai-viet/tin-cua-xa-tan-1')).statusCode, 200, 'undone: the former site answers itself again');
      assert.equal((await get(wardHost, '/bai-viet/tin-cua-xa-tan-1')).statusCode, 404);
      assert.doesNotMatch((await platform.get(`/quan-tri/he-thong/gop-cong/${id}`)).body, /hoan-tac"/, 'an undone merge offers no buttons');
      assert.equal((await platform.post(`/quan-tri/he-thong/gop-cong/${id}/xac-nhan`, {})).statusCode, 409, 'an undone merge cannot be confirmed');

      const again = await postPairs('/quan-tri/he-thong/gop-cong', [
        ['into', String(ward.id)],
        ['from', String(former[0]!.id)],
        ['from', String(former[1]!.id)],
      ]);
      const second = Number(/gop-cong\/(\d+)/.exec(String(again.headers.location))?.[1]);
      assert.equal((await platform.post(`/quan-tri/he-thong/gop-cong/${second}/xac-nhan`, {})).statusCode, 303);
      const left = await t.t.db.selectFrom('sites').select('id').execute();
      assert.deepEqual(
        left.map((s) => s.id),
        [ward.id],
      );
      assert.equal((await get(formerHost(2), '/bai-viet/tin-cua-xa-tan-2')).headers.location, `http://${wardHost}/bai-viet/tin-cua-xa-tan-2`);
      const list = await platform.get('/quan-tri/he-thong/gop-cong');
      assert.match(list.body, /Đã hoàn tác/);
      assert.match(list.body, /Đã xác nhận/);
    });
  });
}
