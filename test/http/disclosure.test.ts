import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SiteRow } from '../../src/db/schema.ts';
import { DisclosureRepository } from '../../src/repositories/disclosure-repository.ts';
import { OrganisationRepository } from '../../src/repositories/organisation-repository.ts';
import { saveOrganisationPage } from '../../src/services/organisation/organisation-service.ts';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';
import { storeUpload } from '../../src/services/media-service.ts';
import { listDisclosureItems } from '../../src/services/disclosure/disclosure-items.ts';
import { parseDocumentForm, saveDocument } from '../../src/services/documents/document-editor.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildUser } from '../support/factories.ts';
import { publishDocument, reviewOrganisationPage, submitDocument } from '../support/review.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
function xml(text: string) {
  assert.equal(XMLValidator.validate(text), true);
  return parser.parse(text);
}
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A multipart/form-data body with one file then the fields, as a browser builds it. */
function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----xaphuong-cong-khai';
  const parts = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.bytes,
    Buffer.from('\r\n'),
    ...Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    Buffer.from(`--${boundary}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const dialect of DIALECTS) {
  describe(`Công khai pages, feeds and sitemaps [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let writer: Agent;
    let approver: Agent;
    let budgetItem: number;
    let documentId: number;
    const host = 'localhost';
    const get = (url: string) => h.app.inject({ url, headers: { host } });
    const entryCount = () => new DisclosureRepository(h.t.db, site.id).count({});
    const upload = (agent: Agent, id: number, name: string, bytes: Buffer) => {
      const body = multipart({ file_title: '' }, { name, type: 'application/pdf', bytes });
      return h.app.inject({
        method: 'POST',
        url: `/quan-tri/cong-khai/${id}/tep?_csrf=${encodeURIComponent(agent.csrf)}`,
        headers: { host, cookie: agent.cookie, 'content-type': body.contentType },
        payload: body.payload,
      });
    };
    const form = () => ({
      item_id: String(budgetItem),
      title: 'Công khai dự toán ngân sách phường năm 2026',
      period: 'Năm 2026',
      year: '2026',
      body_html: '<p>Tổng thu ngân sách: 12.500.000.000đ.</p>',
      starts_on: '01/01/2026',
      ends_on: '31/12/2099',
      document_ids: String(documentId),
    });

    before(async () => {
      h = await openTestApp(dialect);
      site = (await seedDemo(h.t.db, new LocalStorage(h.mediaDir)))!;
      const editor = await buildUser(h.t.db, site, 'editor');
      const leader = await buildUser(h.t.db, site, 'approver');
      writer = await signInAs(h.app, host, editor.user.email);
      approver = await signInAs(h.app, host, leader.user.email);
      budgetItem = (await listDisclosureItems(h.t.db, site.id)).find((i) => i.builtin_key === 'budget')!.id;
      const pdf = (await storeUpload(h.t.db, new LocalStorage(h.mediaDir), site.id, { bytes: PDF, originalName: 'quyet-dinh-du-toan.pdf' })).id;
      const docForm = parseDocumentForm({
        doc_type: 'quyet-dinh',
        number_symbol: '15/QĐ-UBND',
        issuing_body: 'Ủy ban nhân dân phường',
        signer: 'Lê Thị Bình',
        issued_on: '05/01/2026',
        effective_on: '05/01/2026',
        summary: 'Về việc giao dự toán ngân sách năm 2026',
        media_ids: [String(pdf)],
      });
      documentId = (await saveDocument(h.t.db, editor.actor, null, docForm)).id;
      await submitDocument(h.t.db, editor.actor, documentId);
      await publishDocument(h.t.db, leader.actor, documentId);
      // The demo ward's page is published through review: the test's text goes out the same way.
      await saveOrganisationPage(h.t.db, editor.actor, 'chuc-nang-nhiem-vu', {
        body_html: '<p>Ủy ban nhân dân phường là cơ quan hành chính nhà nước ở địa phương.</p>',
        title_en: '',
        body_en_html: '',
      });
      await reviewOrganisationPage(h.t.db, editor.actor, 'chuc-nang-nhiem-vu', 'submit');
      await reviewOrganisationPage(h.t.db, leader.actor, 'chuc-nang-nhiem-vu', 'publish');
    });
    after(() => h.close());

    it('an end date before the start date gets a Vietnamese error beside its field, keeps the input and stores nothing', async () => {
      const before = await entryCount();
      const res = await writer.post('/quan-tri/cong-khai', { ...form(), starts_on: '10/03/2026', ends_on: '09/03/2026' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="ends_on-loi"/);
      assert.match(res.body, /không được trước ngày bắt đầu/);
      assert.match(res.body, /value="Công khai dự toán ngân sách phường năm 2026"/);
      assert.equal(await entryCount(), before);
    });

    it('an editor creates and submits, a file that is not what its name says is refused, and an approver publishes', async () => {
      const created = await writer.post('/quan-tri/cong-khai', form());
      assert.equal(created.statusCode, 303);
      const id = Number(/\/quan-tri\/cong-khai\/(\d+)/.exec(String(created.headers.location))![1]);
      const library = async () => (await h.t.db.selectFrom('media').select('id').where('site_id', '=', site.id).execute()).length;
      const files = await library();
      const lying = await upload(writer, id, 'du-toan.docx', PDF);
      assert.equal(lying.statusCode, 400);
      assert.match(lying.body, /id="file-loi"/);
      assert.equal(await library(), files);
      assert.equal((await upload(writer, id, 'du-toan.pdf', PDF)).statusCode, 303);
      assert.equal((await new DisclosureRepository(h.t.db, site.id).files(id)).length, 1);
      assert.equal((await writer.post(`/quan-tri/cong-khai/${id}/gui-duyet`, {})).statusCode, 303);
      assert.equal((await writer.post(`/quan-tri/cong-khai/${id}/cong-bo`, {})).statusCode, 403, 'no one approves their own entry');
      assert.equal((await approver.post(`/quan-tri/cong-khai/${id}/cong-bo`, {})).statusCode, 303);
      const list = await writer.get('/quan-tri/cong-khai?nam=2026&trang-thai=published');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Công khai dự toán ngân sách phường năm 2026/);
      assert.doesNotMatch((await writer.get('/quan-tri/cong-khai?nam=2020')).body, /dự toán ngân sách phường năm 2026/);
    });

    it('/cong-khai groups by item with the period shown, filters by year, and lists each campaign under residents’ contributions', async () => {
      await h.app.applyPageEvents();
      const res = await get('/cong-khai');
      assert.equal(res.statusCode, 200);
      const budget = res.body.indexOf('Dự toán, quyết toán ngân sách');
      const entry = res.body.indexOf('Công khai dự toán ngân sách phường năm 2026');
      assert.ok(budget > 0 && entry > budget);
      assert.match(res.body, /Đang trong thời hạn công khai/);
      assert.match(res.body, /01\/01\/2026 – 31\/12\/2099/);
      // Every public campaign is a disclosure of contributions, linking to its statement, with figures from the ledger.
      const contributions = res.body.indexOf('Các khoản đóng góp của Nhân dân, quỹ');
      const statement = /href="(\/van-dong\/[a-z0-9-]+\/sao-ke)"/.exec(res.body.slice(contributions));
      assert.ok(statement, 'a campaign links to its statement');
      assert.equal((await get(statement[1]!)).statusCode, 200);
      assert.match(res.body, /Đã nhận [\d.]+đ/);
      assert.doesNotMatch((await get('/cong-khai?nam=2019')).body, /dự toán ngân sách phường năm 2026/);
      const item = await get('/cong-khai/du-toan-quyet-toan-ngan-sach');
      assert.equal(item.statusCode, 200);
      const path = /href="(\/cong-khai\/du-toan-quyet-toan-ngan-sach\/\d+-cong-khai-du-toan-ngan-sach-phuong-nam-2026)"/.exec(item.body)![1]!;
      const page = await get(path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Tổng thu ngân sách: 12\.500\.000\.000đ\./);
      assert.match(page.body, /Quyết định 15\/QĐ-UBND/);
      assert.match(page.body, /href="\/media\/[a-f0-9]+\.pdf"/);
      assert.equal((await get('/cong-khai/khong-co-muc-nay')).statusCode, 404);
      assert.equal((await get(path.replace('du-toan-quyet-toan-ngan-sach', 'phi-le-phi'))).statusCode, 301);
    });

    it('the RSS feed carries published entries', async () => {
      const channel = xml((await get('/cong-khai/rss.xml')).body).rss.channel;
      const items = list(channel.item) as Array<{ title: string; link: string; category: string }>;
      const item = items.find((i) => i.title === 'Công khai dự toán ngân sách phường năm 2026');
      assert.ok(item);
      assert.match(item.link, /^http:\/\/localhost\/cong-khai\/du-toan-quyet-toan-ngan-sach\/\d+-/);
      assert.equal(item.category, 'Dự toán, quyết toán ngân sách');
    });

    it('/sitemap.xml lists every public page kind, each with its last change', async () => {
      await h.app.applyPageEvents();
      const urls = list(xml((await get('/sitemap.xml')).body).urlset.url) as Array<{ loc: string; lastmod: string }>;
      assert.ok(
        urls.every((u) => !Number.isNaN(Date.parse(u.lastmod))),
        'every URL has a lastmod',
      );
      const has = (pattern: RegExp) =>
        assert.ok(
          urls.some((u) => pattern.test(u.loc.replace('http://localhost', ''))),
          String(pattern),
        );
      for (const pattern of [
        /^\/$/,
        /^\/bai-viet\/[a-z0-9-]+$/,
        /^\/chuyen-muc\/tin-tuc$/,
        /^\/van-ban$/,
        /^\/van-ban\/\d+-quyet-dinh-15-qd-ubnd$/,
        /^\/cong-khai$/,
        /^\/cong-khai\/du-toan-quyet-toan-ngan-sach$/,
        /^\/cong-khai\/du-toan-quyet-toan-ngan-sach\/\d+-cong-khai-du-toan/,
        /^\/gioi-thieu$/,
        /^\/gioi-thieu\/chuc-nang-nhiem-vu$/,
        /^\/lich-cong-tac$/,
        /^\/lich-tiep-cong-dan$/,
        /^\/hoi-dap$/,
        /^\/en$/,
        /^\/en\/leaders$/,
        /^\/en\/contact$/,
        /^\/van-dong$/,
        /^\/van-dong\/[a-z0-9-]+$/,
      ]) {
        has(pattern);
      }
      const page = urls.find((u) => u.loc.endsWith('/gioi-thieu/chuc-nang-nhiem-vu'))!;
      const saved = (await new OrganisationRepository(h.t.db, site.id).findPage('chuc-nang-nhiem-vu'))!;
      assert.equal(page.lastmod.slice(0, 10), saved.updated_at.slice(0, 10), "the page's own last change");
    });

    it('the HTML sitemap and the menu reach every module; /gioi-thieu links each of its pages', async () => {
      const map = await get('/so-do-cong');
      for (const href of [
        '/van-ban',
        '/cong-khai',
        '/gioi-thieu',
        '/lich-cong-tac',
        '/hoi-dap',
        '/en',
        '/van-dong',
        '/gioi-thieu/chuc-nang-nhiem-vu',
        '/cong-khai/rss.xml',
      ]) {
        assert.ok(map.body.includes(`href="${href}"`), href);
      }
      assert.match((await get('/gioi-thieu')).body, /href="\/gioi-thieu\/chuc-nang-nhiem-vu"/);
    });

    it('the English pages have an English menu and footer', async () => {
      for (const path of ['/en', '/en/leaders', '/en/contact']) {
        const res = await get(path);
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /<nav class="mainnav fold" id="menu-en" aria-label="Main menu">/);
        assert.match(res.body, /<footer class="site-footer" lang="en">/);
        assert.doesNotMatch(res.body, /Danh mục chính|Chịu trách nhiệm chính/);
      }
    });
  });
}
