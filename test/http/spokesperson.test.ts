import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { publishedSpokesperson } from '../../src/services/organisation/organisation-service.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

const HOST = 'nguoi-phat-ngon.test';

for (const dialect of DIALECTS) {
  describe(`người phát ngôn [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let admin: Agent;
    let approver: Agent;
    const get = (url: string) => h.app.inject({ url, headers: { host: HOST } });

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [HOST] });
      admin = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'site_admin')).user.email);
      approver = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'approver')).user.email);
    });
    after(() => h.close());

    it('the site admin names the spokesperson; once published they show on Giới thiệu, the focal officials page and /en/contact', async () => {
      assert.equal(await publishedSpokesperson(h.t.db, site.id), null);
      const form = await admin.get('/quan-tri/gioi-thieu/nguoi/moi');
      assert.match(form.body, /value="spokesperson"/);
      const saved = await admin.post('/quan-tri/gioi-thieu/nguoi/moi', {
        role: 'spokesperson',
        name: 'Đỗ Thị Phát Ngôn',
        job_title: 'Phó Chủ tịch UBND xã',
        job_title_en: 'Vice Chairwoman',
        phone: '0277 3999 888',
        email: 'phatngon@xa.vn',
      });
      assert.equal(saved.statusCode, 303);
      await h.app.applyPageEvents();
      assert.doesNotMatch((await get('/gioi-thieu')).body, /Đỗ Thị Phát Ngôn/, 'the list waits for approval');
      assert.equal((await admin.post('/quan-tri/gioi-thieu/nhan-su/gui-duyet', {})).statusCode, 303);
      assert.equal((await approver.post('/quan-tri/gioi-thieu/nhan-su/cong-bo', {})).statusCode, 303);
      await h.app.applyPageEvents();
      for (const url of ['/gioi-thieu', '/gioi-thieu/can-bo-dau-moi']) {
        const page = await get(url);
        assert.equal(page.statusCode, 200, url);
        assert.match(page.body, /Người phát ngôn<\/h2>/, url);
        assert.match(page.body, /Đỗ Thị Phát Ngôn/, url);
        assert.match(page.body, /href="tel:02773999888"/, url);
        assert.match(page.body, /href="mailto:phatngon@xa.vn"/, url);
      }
      const en = await get('/en/contact');
      assert.match(en.body, /Spokesperson<\/h2>/);
      assert.match(en.body, /Vice Chairwoman/);
      const person = await publishedSpokesperson(h.t.db, site.id);
      assert.equal(person?.email, 'phatngon@xa.vn');
    });

    it('a role that is not one of the three is refused with a field error', async () => {
      const res = await admin.post('/quan-tri/gioi-thieu/nguoi/moi', { role: 'chief', name: 'Ai Đó' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /người phát ngôn/);
    });
  });
}
