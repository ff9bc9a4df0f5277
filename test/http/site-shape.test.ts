import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { SiteRow } from '../../src/db/schema.ts';
import { CategoryRepository } from '../../src/repositories/category-repository.ts';
import { storeImage } from '../../src/services/media-service.ts';
import { type Agent, formBody, multipart, postLogin, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';
import { storedShape } from '../support/site-shape.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const HOST = 'hinhdang.test';
const OTHER = 'xakhac.test';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#0b5394' } })
    .png()
    .toBuffer();

/** The main menu's links of a public page, in order. */
const menuOf = (page: string) =>
  [...(/<nav class="mainnav[\s\S]*?<\/nav>/.exec(page)?.[0] ?? '').matchAll(/<li><a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);

/**
 * The site admin's screens over HTTP, with the page cache on as in
 * production: who may open them, what the public pages show after each
 * change (old category addresses redirect, the menu, the home blocks, the
 * featured article, the accent, the logo), and the mistakes that change
 * nothing.
 */
for (const dialect of DIALECTS) {
  describe(`the site admin shapes the site over HTTP [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let other: SiteRow;
    let admin: Agent;
    const get = (url: string, host = HOST) => h.app.inject({ url, headers: { host } });
    /** What a visitor sees once every process has read the page events. */
    const fresh = async (url: string) => {
      await h.app.applyPageEvents();
      return get(url);
    };

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [HOST], name: 'Phường 2', unitType: 'phuong' });
      other = await buildSite(h.t.db, { hosts: [OTHER] });
      admin = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'site_admin')).user.email);
      await buildArticle(h.t.db, site, { title: 'Tin đầu tiên', publishedAt: new Date('2026-01-02T01:00:00Z') });
      await buildArticle(h.t.db, site, { title: 'Tin thứ hai', publishedAt: new Date('2026-01-03T01:00:00Z') });
      await h.app.applyPageEvents();
    });
    after(() => h.close());

    it('only the site admin opens the settings; approvers mark "Tin nổi bật", editors neither', async () => {
      const editor = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'editor')).user.email);
      const approver = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'approver')).user.email);
      for (const path of ['/quan-tri/cai-dat/chuyen-muc', '/quan-tri/cai-dat/danh-muc', '/quan-tri/cai-dat/trang-chu', '/quan-tri/cai-dat/giao-dien']) {
        assert.equal((await admin.get(path)).statusCode, 200, path);
        assert.equal((await approver.get(path)).statusCode, 403, path);
      }
      for (const path of ['/quan-tri/cai-dat/chuyen-muc', '/quan-tri/cai-dat/danh-muc', '/quan-tri/cai-dat/trang-chu', '/quan-tri/cai-dat/giao-dien/mau']) {
        assert.equal((await approver.post(path, { name: 'X', accent: 'tim' })).statusCode, 403, path);
      }
      assert.equal((await approver.get('/quan-tri/tin-noi-bat')).statusCode, 200);
      assert.equal((await editor.get('/quan-tri/tin-noi-bat')).statusCode, 403);
      assert.equal((await admin.post('/quan-tri/cai-dat/chuyen-muc', { name: 'Không có mã' }, { csrf: null })).statusCode, 403);
    });

    it("another site's admin changes nothing here: not on this site's address, not with this site's ids from their own", async () => {
      const otherAdmin = (await buildUser(h.t.db, other, 'site_admin')).user.email;
      const theirs = await signInAs(h.app, OTHER, otherAdmin);
      const before = await storedShape(h.t.db, site.id);
      const category = (await new CategoryRepository(h.t.db, site.id).findBySlug('thong-bao'))!;
      const menuItem = (await h.t.db.selectFrom('menu_items').select('id').where('site_id', '=', site.id).orderBy('position', 'desc').executeTakeFirstOrThrow())
        .id;
      const article = (await h.t.db.selectFrom('articles').select('id').where('site_id', '=', site.id).executeTakeFirstOrThrow()).id;
      for (const [path, form] of [
        [`/quan-tri/cai-dat/chuyen-muc/${category.id}`, { name: 'Chiếm', slug: 'chiem', kind: 'news' }],
        [`/quan-tri/cai-dat/chuyen-muc/${category.id}/len`, {}],
        [`/quan-tri/cai-dat/danh-muc/${menuItem}`, { label: 'Chiếm' }],
        [`/quan-tri/cai-dat/danh-muc/${menuItem}/len`, {}],
        [`/quan-tri/cai-dat/danh-muc/${menuItem}/xoa`, {}],
        [`/quan-tri/tin-noi-bat/${article}/bo`, {}],
      ] as const) {
        assert.equal((await theirs.post(path, form)).statusCode, 404, path);
      }
      const mark = await theirs.post('/quan-tri/tin-noi-bat', { article_id: String(article), until: '' });
      assert.equal(mark.statusCode, 400);
      // On this site's address the account has no role: it cannot sign in here, and its own site's cookie is not valid here.
      assert.notEqual((await postLogin(h.app, HOST, otherAdmin, 'mat-khau-du-dai')).statusCode, 303);
      for (const path of ['/quan-tri/cai-dat/chuyen-muc', '/quan-tri/cai-dat/giao-dien']) {
        const res = await h.app.inject({ url: path, headers: { host: HOST, cookie: theirs.cookie } });
        assert.notEqual(res.statusCode, 200, path);
      }
      const res = await h.app.inject({
        method: 'POST',
        url: '/quan-tri/cai-dat/giao-dien/mau',
        headers: { host: HOST, cookie: theirs.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: theirs.csrf, accent: 'tim' }),
      });
      assert.notEqual(res.statusCode, 303);
      // The refused sign-in is the one thing written, to the audit log.
      const { audit: auditBefore, ...shapeBefore } = before;
      const { audit: auditAfter, ...shapeAfter } = await storedShape(h.t.db, site.id);
      assert.deepEqual(shapeAfter, shapeBefore);
      const added = await h.t.db
        .selectFrom('audit_log')
        .select('action')
        .where(
          'id',
          'in',
          auditAfter.slice(auditBefore.length).map((r) => r.id),
        )
        .execute();
      assert.deepEqual(
        added.map((r) => r.action),
        ['auth.login_failed'],
      );
    });

    it("a renamed category's old address, pages and feeds answer 301 to the new ones, and the menu shows the new name", async () => {
      assert.equal((await get('/chuyen-muc/tin-tuc')).statusCode, 200);
      assert.equal((await get('/')).statusCode, 200);
      const news = (await new CategoryRepository(h.t.db, site.id).findBySlug('tin-tuc'))!;
      const saved = await admin.post(`/quan-tri/cai-dat/chuyen-muc/${news.id}`, { name: 'Tin hoạt động', slug: 'tin-hoat-dong', kind: 'news' });
      assert.equal(saved.statusCode, 303);
      const old = await fresh('/chuyen-muc/tin-tuc');
      assert.deepEqual([old.statusCode, old.headers.location], [301, '/chuyen-muc/tin-hoat-dong']);
      assert.equal((await get('/chuyen-muc/tin-tuc?trang=2')).headers.location, '/chuyen-muc/tin-hoat-dong?trang=2');
      for (const feed of ['rss', 'atom']) {
        const res = await get(`/chuyen-muc/tin-tuc/${feed}.xml`);
        assert.deepEqual([res.statusCode, res.headers.location], [301, `/chuyen-muc/tin-hoat-dong/${feed}.xml`]);
      }
      assert.match((await get('/chuyen-muc/tin-hoat-dong')).body, /Tin thứ hai/);
      assert.ok(menuOf((await get('/')).body).includes('Tin hoạt động /chuyen-muc/tin-hoat-dong'));
      // The other site's category of that slug is its own.
      assert.equal((await get('/chuyen-muc/tin-tuc', OTHER)).statusCode, 200);
    });

    it('a slug already taken is refused with the form keeping what was typed, and nothing stored changes', async () => {
      const before = await storedShape(h.t.db, site.id);
      const res = await admin.post('/quan-tri/cai-dat/chuyen-muc', { name: 'Tin mới trong ngày', slug: 'thong-bao', kind: 'news', in_menu: '1' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /<input id="name" name="name" type="text" value="Tin mới trong ngày" required>/);
      assert.match(res.body, /id="slug" name="slug" type="text" value="thong-bao" aria-invalid="true"/);
      assert.match(res.body, /đã dùng cho chuyên mục “Thông báo”/);
      assert.deepEqual(await storedShape(h.t.db, site.id), before);
      // Another site's category is not this admin's to change.
      const foreign = (await new CategoryRepository(h.t.db, other.id).findBySlug('tin-tuc'))!;
      assert.equal((await admin.post(`/quan-tri/cai-dat/chuyen-muc/${foreign.id}`, { name: 'Chiếm', slug: 'chiem', kind: 'news' })).statusCode, 404);
    });

    it('the main menu takes a link and a new order, and every cached page shows it', async () => {
      const bad = await admin.post('/quan-tri/cai-dat/danh-muc', { kind: 'link', label: 'Dịch vụ công', target: 'dichvucong.gov.vn' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /value="dichvucong.gov.vn"/);
      assert.equal(
        (await admin.post('/quan-tri/cai-dat/danh-muc', { kind: 'link', label: 'Dịch vụ công', target: 'https://dichvucong.gov.vn' })).statusCode,
        303,
      );
      const items = await h.t.db.selectFrom('menu_items').select('id').where('site_id', '=', site.id).orderBy('position').execute();
      assert.equal((await admin.post(`/quan-tri/cai-dat/danh-muc/${items.at(-1)!.id}/len`, {})).statusCode, 303);
      const menu = menuOf((await fresh('/chuyen-muc/thong-bao')).body);
      assert.deepEqual(menu.slice(-2), ['Dịch vụ công https://dichvucong.gov.vn', 'Vận động – cứu trợ /van-dong']);
      assert.equal(menu[0], 'Trang chủ /');
    });

    it('the home page shows the chosen blocks in the chosen order, a block moved a place first', async () => {
      // A form with repeated fields, as the browser sends the rows and their checkboxes.
      const form = new URLSearchParams({ _csrf: admin.csrf });
      for (const key of ['questions', 'featured', 'news', 'notices', 'links', 'calendar']) form.append('order', key);
      for (const key of ['featured', 'news', 'calendar', 'questions']) form.append('shown', key);
      form.append('move', 'questions:down');
      const saved = await h.app.inject({
        method: 'POST',
        url: '/quan-tri/cai-dat/trang-chu',
        headers: { host: HOST, cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
      });
      assert.equal(saved.statusCode, 303);
      const stored = await h.t.db.selectFrom('sites').select('home_blocks').where('id', '=', site.id).executeTakeFirstOrThrow();
      assert.equal(stored.home_blocks, 'featured questions news calendar');
      const home = (await fresh('/')).body;
      assert.doesNotMatch(home, /id="hop-thong-bao"/);
      const order = [...home.matchAll(/id="(tin-noi-bat|tin-tuc-moi|hop-hoi-dap|hop-lich)"/g)].map((m) => m[1]);
      // "questions" moved below "featured"; the main column's blocks come first on the page.
      assert.deepEqual(order, ['tin-noi-bat', 'tin-tuc-moi', 'hop-hoi-dap', 'hop-lich']);
    });

    it('marking an article "Tin nổi bật" puts it on top of the cached home page; a past end date is refused', async () => {
      const first = await h.t.db.selectFrom('articles').select('id').where('title', '=', 'Tin đầu tiên').executeTakeFirstOrThrow();
      assert.match((await get('/')).body, /<h3 class="lead-title"><a href="[^"]+">Tin thứ hai</);
      const past = await admin.post('/quan-tri/tin-noi-bat', { article_id: String(first.id), until: '01/01/2020' });
      assert.equal(past.statusCode, 400);
      assert.match(past.body, /value="01\/01\/2020"/);
      assert.equal((await admin.post('/quan-tri/tin-noi-bat', { article_id: String(first.id), until: '' })).statusCode, 303);
      assert.match((await fresh('/')).body, /<h3 class="lead-title"><a href="[^"]+">Tin đầu tiên</);
      assert.equal((await admin.post(`/quan-tri/tin-noi-bat/${first.id}/bo`, {})).statusCode, 303);
      assert.match((await fresh('/')).body, /<h3 class="lead-title"><a href="[^"]+">Tin thứ hai</);
    });

    it('the accent, logo and banner reach every page; a colour off the palette or a PDF as logo changes nothing', async () => {
      const before = await storedShape(h.t.db, site.id);
      const red = await admin.post('/quan-tri/cai-dat/giao-dien/mau', { accent: '#ff0000' });
      assert.equal(red.statusCode, 400);
      assert.match(red.body, /hãy chọn một màu trong bảng màu/);
      const upload = (path: string, file: { name: string; type: string; bytes: Buffer }) => {
        const body = multipart({}, file);
        return h.app.inject({
          method: 'POST',
          url: `/quan-tri/cai-dat/giao-dien/${path}?_csrf=${encodeURIComponent(admin.csrf)}`,
          headers: { host: HOST, cookie: admin.cookie, 'content-type': body.contentType },
          payload: body.payload,
        });
      };
      const pdf = await upload('bieu-trung', { name: 'bieu-trung.png', type: 'image/png', bytes: PDF });
      assert.equal(pdf.statusCode, 400);
      assert.match(pdf.body, /tệp không phải ảnh/);
      assert.deepEqual(await storedShape(h.t.db, site.id), before);

      assert.equal((await admin.post('/quan-tri/cai-dat/giao-dien/mau', { accent: 'xanh-duong' })).statusCode, 303);
      assert.equal((await upload('bieu-trung', { name: 'bieu-trung.png', type: 'image/png', bytes: await png(160, 160) })).statusCode, 303);
      const page = (await fresh('/chuyen-muc/thong-bao')).body;
      assert.match(page, /<html lang="vi" data-accent="xanh-duong">/);
      assert.match(page, /<link rel="stylesheet" href="\/assets\/look\.[0-9a-f]+\.css">/);
      assert.match(page, /<img src="\/media\/[0-9a-f]+\.png"[^>]*alt=""[^>]*class="emblem logo">/);
      assert.doesNotMatch((await get('/', OTHER)).body, /data-accent|look\.[0-9a-f]+\.css/);

      assert.equal((await upload('anh-dau-trang', { name: 'bang-ron.png', type: 'image/png', bytes: await png(1500, 250) })).statusCode, 303);
      const withBanner = (await fresh('/')).body;
      assert.match(withBanner, /<div class="masthead masthead-banner">/);
      assert.match(withBanner, /<span class="visually-hidden"><span class="brand-kicker">Cổng thông tin điện tử<\/span>/);
    });

    it('share previews take the body’s first image when no featured image is set, and descriptions keep proper capitals', async () => {
      const image = await storeImage(h.t.db, new LocalStorage(h.mediaDir), site.id, { bytes: await png(1200, 630), originalName: 'le.png', alt: 'Lễ ra quân' });
      const article = await buildArticle(h.t.db, site, {
        title: 'Ra quân Chiến dịch Xuân tình nguyện',
        bodyHtml: `<p>Sáng nay.</p><figure><img src="/media/${image.storage_key}" alt="Lễ ra quân"><figcaption>Lễ ra quân</figcaption></figure>`,
        categorySlug: 'thong-bao',
      });
      const page = (await fresh(`/bai-viet/${article.slug}`)).body;
      assert.match(page, new RegExp(`<meta property="og:image" content="http://${HOST}/media/${image.storage_key}">`));
      assert.match(page, /<meta property="og:image:alt" content="Lễ ra quân">/);
      assert.equal((page.match(/<figure/g) ?? []).length, 1, 'the body image is not repeated as a featured figure');
      assert.match((await get('/chuyen-muc/thong-bao')).body, new RegExp(`<img src="/media/${image.storage_key}"`));

      const home = (await get('/')).body;
      assert.match(home, /<meta name="description" content="Cổng thông tin điện tử Ủy ban nhân dân phường 2, tỉnh Đồng Tháp.">/);
      assert.match((await get('/rss.xml')).body, /<description>Tin tức, thông báo và tài liệu của Ủy ban nhân dân phường 2, tỉnh Đồng Tháp.<\/description>/);
    });

    it('every change is in the audit log, under the site admin', async () => {
      const actions = new Set((await h.t.db.selectFrom('audit_log').select('action').where('site_id', '=', site.id).execute()).map((r) => r.action));
      for (const action of [
        'category.updated',
        'menu.item_added',
        'menu.item_moved',
        'home.blocks_updated',
        'article.featured',
        'article.unfeatured',
        'appearance.accent_changed',
        'appearance.image_changed',
      ]) {
        assert.ok(actions.has(action), action);
      }
    });
  });
}
