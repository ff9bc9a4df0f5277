import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { SiteRow } from '../../src/db/schema.ts';
import { SiteRepository } from '../../src/repositories/site-repository.ts';
import { ItemReviewRepository } from '../../src/repositories/item-review-repository.ts';
import { CONFORMANCE_CHECKS } from '../../src/services/conformance/registry.ts';
import { PAGE_KINDS } from '../../src/services/organisation/page-kinds.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

const NEW_SITE = {
  name: 'Xã Tân Phú',
  unit_type: 'xa',
  province: 'Đồng Tháp',
  host: 'tanphu.test',
  address: 'Ấp Tân Phú, xã Tân Phú',
  phone: '0277 3800 100',
  email: 'tanphu@dongthap.gov.vn',
  responsible_person: 'Trần Văn Phú',
  responsible_title: 'Chủ tịch UBND xã',
};

const inputValue = (body: string, name: string) => new RegExp(`<input id="${name}" name="${name}"[^>]* value="([^"]*)"`).exec(body)?.[1];

for (const dialect of DIALECTS) {
  describe(`conformance screens [${dialect}]`, () => {
    let h: TestApp;
    let siteA: SiteRow;
    let adminA: Agent;
    let editorA: Agent;
    let platform: Agent;

    before(async () => {
      h = await openTestApp(dialect);
      siteA = await buildSite(h.t.db, { name: 'Xã Bình An' });
      await buildSite(h.t.db, { name: 'Xã Bình Thạnh', phone: '' });
      const hostA = (await new SiteRepository(h.t.db).hostsOf(siteA.id))[0]!;
      adminA = await signInAs(h.app, hostA, (await buildUser(h.t.db, siteA, 'site_admin')).user.email);
      editorA = await signInAs(h.app, hostA, (await buildUser(h.t.db, siteA, 'editor')).user.email);
      platform = await signInAs(h.app, hostA, (await buildUser(h.t.db, siteA, null, { isPlatformAdmin: true })).user.email);
    });
    after(() => h.close());

    it("a site admin's dashboard lists every requirement of their own site, with a link to fix each", async () => {
      const res = await adminA.get('/quan-tri');
      assert.equal(res.statusCode, 200);
      const section = res.body.slice(res.body.indexOf('id="tuan-thu"'));
      assert.equal((section.match(/class="checklist-item"/g) ?? []).length, CONFORMANCE_CHECKS.length);
      assert.match(section, /href="\/quan-tri\/gioi-thieu\/trang\/chuc-nang-nhiem-vu"/);
      assert.match(section, /Thiếu/);
      assert.doesNotMatch(res.body, /Xã Bình Thạnh/, "another site's name never shows");
    });

    it('an editor sees no checklist; a site admin cannot open the province table or its CSV', async () => {
      assert.doesNotMatch((await editorA.get('/quan-tri')).body, /id="tuan-thu"/);
      assert.equal((await adminA.get('/quan-tri/he-thong/tuan-thu')).statusCode, 403);
      assert.equal((await adminA.get('/quan-tri/he-thong/tuan-thu.csv')).statusCode, 403);
    });

    it('the platform admin sees one row a site of the province, with the counts of missing items', async () => {
      const res = await platform.get('/quan-tri/he-thong/tuan-thu');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<th scope="row">Xã Bình An<\/th>/);
      assert.match(res.body, /<th scope="row">Xã Bình Thạnh<\/th>/);
      assert.equal((res.body.match(/<th scope="row">/g) ?? []).length, 2);
      const elsewhere = await platform.get(`/quan-tri/he-thong/tuan-thu?tinh=${encodeURIComponent('An Giang')}`);
      assert.equal((elsewhere.body.match(/<th scope="row">/g) ?? []).length, 0);
    });

    it('the CSV is UTF-8 with a BOM, a column a requirement, and says what each site lacks', async () => {
      const res = await platform.get('/quan-tri/he-thong/tuan-thu.csv');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(String(res.headers['content-disposition']), /attachment; filename="tuan-thu-dong-thap-\d{4}-\d{2}-\d{2}\.csv"/);
      assert.ok(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
      const [header, ...rows] = parse(res.body, { bom: true }) as string[][];
      assert.deepEqual(
        header!.slice(2, -3),
        CONFORMANCE_CHECKS.map((c) => c.label),
      );
      assert.equal(rows.length, 2);
      const b = rows.find((r) => r[0] === 'Xã Bình Thạnh')!;
      assert.deepEqual(b.slice(1, 3), ['Đồng Tháp', 'Thiếu'], 'no phone: the contacts are missing');
      assert.match(b.at(-1)!, /điện thoại/);
    });

    it('the new-site form refuses missing contacts in Vietnamese, keeps what was typed, and creates nothing', async () => {
      const before = (await new SiteRepository(h.t.db).list()).length;
      const res = await platform.post('/quan-tri/he-thong', { ...NEW_SITE, address: '', email: 'khong-phai-thu', responsible_person: '' });
      assert.equal(res.statusCode, 400);
      for (const field of ['address', 'email', 'responsible_person']) assert.match(res.body, new RegExp(`id="${field}-loi"`), field);
      assert.equal(inputValue(res.body, 'name'), 'Xã Tân Phú');
      assert.equal(inputValue(res.body, 'phone'), '0277 3800 100');
      assert.equal(inputValue(res.body, 'email'), 'khong-phai-thu');
      assert.equal((await new SiteRepository(h.t.db).list()).length, before);
    });

    it('a site created from the form has its footer contacts and its Giới thiệu pages as drafts', async () => {
      const res = await platform.post('/quan-tri/he-thong', NEW_SITE);
      assert.equal(res.statusCode, 303);
      const site = await new SiteRepository(h.t.db).findByHost('tanphu.test');
      assert.ok(site);
      assert.equal(site.phone, '0277 3800 100');
      assert.equal(site.responsible_person, 'Trần Văn Phú');
      for (const kind of PAGE_KINDS) assert.equal((await new ItemReviewRepository(h.t.db, site.id).find('organisation_page', kind.slug))?.status, 'draft');
      const home = await h.app.inject({ url: '/', headers: { host: 'tanphu.test' } });
      assert.match(home.body, /Ấp Tân Phú, xã Tân Phú/);
      assert.match(home.body, /Trần Văn Phú/);
    });
  });
}
