import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { recordOldLinks } from '../../src/services/redirects/redirect-service.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';

for (const dialect of DIALECTS) {
  describe(`old links answer 301 [${dialect}]`, () => {
    let t: TestApp;
    let site: SiteRow;
    let admin: Agent;
    let editor: Agent;
    let host: string;
    let slug: string;

    before(async () => {
      t = await openTestApp(dialect);
      site = await buildSite(t.t.db);
      host = `xa-cu-${dialect}.test`;
      await t.t.db.updateTable('site_hosts').set({ host }).where('site_id', '=', site.id).execute();
      t.app.sites.clear();
      slug = (await buildArticle(t.t.db, site, { title: 'Hội nghị tổng kết công tác dân vận' })).slug;
      const a = await buildUser(t.t.db, site, 'site_admin');
      const e = await buildUser(t.t.db, site, 'editor');
      admin = await signInAs(t.app, host, a.user.email);
      editor = await signInAs(t.app, host, e.user.email);
      await recordOldLinks(t.t.db, site.id, 'wordpress', [
        { oldUrl: 'http://old.example.vn/2020/01/13/hoi-nghi-tong-ket/', targetPath: `/bai-viet/${slug}` },
        { oldUrl: 'http://old.example.vn/?p=123', targetPath: `/bai-viet/${slug}` },
        { oldUrl: 'http://old.example.vn/?page_id=77', targetPath: null },
      ]);
    });
    after(() => t.close());

    const get = (url: string) => t.app.inject({ url, headers: { host } });

    it('a WordPress permalink, with or without its slash or case, answers 301 to the new article', async () => {
      for (const url of ['/2020/01/13/hoi-nghi-tong-ket/', '/2020/01/13/Hoi-Nghi-Tong-Ket']) {
        const res = await get(url);
        assert.equal(res.statusCode, 301, url);
        assert.equal(res.headers.location, `/bai-viet/${slug}`);
      }
      assert.equal((await get(`/bai-viet/${slug}`)).statusCode, 200);
    });

    it('WordPress ?p=123 on the home page answers 301, while the home page itself and unknown queries stay', async () => {
      const res = await get('/?p=123');
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, `/bai-viet/${slug}`);
      assert.equal((await get('/index.php?p=123')).headers.location, `/bai-viet/${slug}`);
      assert.equal((await get('/')).statusCode, 200);
      assert.equal((await get('/?utm_source=zalo')).statusCode, 200);
    });

    it('an old address without a target, or never known, stays a 404', async () => {
      assert.equal((await get('/?page_id=77')).statusCode, 200, 'the home page, not a redirect');
      assert.equal((await get('/khong-co/trang-nay.html')).statusCode, 404);
    });

    it('a site admin adds a redirect by hand in the newsroom, and it works at once', async () => {
      const bad = await admin.post('/quan-tri/duong-dan-cu', { old_url: '', target: '/bai-viet/x' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="old_url-loi"/);
      const saved = await admin.post('/quan-tri/duong-dan-cu', {
        old_url: 'http://cong-cu.vn/Default.aspx?tabid=57&ItemID=9',
        target: `/bai-viet/${slug}`,
        note: 'cổng VNPT cũ',
      });
      assert.equal(saved.statusCode, 303);
      const res = await get('/default.aspx?tabid=57&itemid=9');
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, `/bai-viet/${slug}`);
    });

    it('the report lists old addresses without a target, and one given a target leaves it', async () => {
      const page = await admin.get('/quan-tri/duong-dan-cu?thieu=1');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /\?page_id=77/);
      const csv = await admin.get('/quan-tri/duong-dan-cu.csv?thieu=1');
      assert.match(csv.headers['content-type'] as string, /text\/csv/);
      assert.deepEqual(
        csv.body
          .trim()
          .split('\r\n')
          .slice(1)
          .map((line) => line.split(',')[1]),
        ['/?page_id=77'],
      );
      const id = /action="\/quan-tri\/duong-dan-cu\/(\d+)\/dich"/.exec(page.body)?.[1];
      assert.ok(id);
      assert.equal((await admin.post(`/quan-tri/duong-dan-cu/${id}/dich`, { target: '/gioi-thieu' })).statusCode, 303);
      assert.equal((await get('/?page_id=77')).headers.location, '/gioi-thieu');
      assert.doesNotMatch((await admin.get('/quan-tri/duong-dan-cu.csv?thieu=1')).body, /page_id/);
    });

    it('editors cannot manage old addresses', async () => {
      assert.equal((await editor.get('/quan-tri/duong-dan-cu')).statusCode, 403);
      assert.equal((await editor.post('/quan-tri/duong-dan-cu', { old_url: '/a', target: '/b' })).statusCode, 403);
    });
  });
}
