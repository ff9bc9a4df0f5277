import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { SiteRow } from '../../src/db/schema.ts';
import { importArticle } from '../../src/services/article-service.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { parseCampaignForm, saveCampaign } from '../../src/services/relief/campaigns.ts';
import { parseBeneficiaryForm, saveBeneficiary } from '../../src/services/relief/beneficiaries.ts';
import { search } from '../../src/services/search/search-service.ts';
import { renderFigures } from '../../src/services/relief/figures.ts';
import { sql } from 'kysely';
import { signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { vietcombankCsv } from '../support/bank-statements.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { buildCampaign, confirmedReceipt, confirmedSpending } from '../support/relief-factories.ts';

/** The value a rendered figure shows, found by the order of placeholders in the draft. */
function figureValue(rendered: string, draft: string, metric: string): number {
  const specs = [...draft.matchAll(/data-figure="([^"]+)"/g)].map((m) => m[1]!);
  const values = [...rendered.matchAll(/<data value="(-?\d+(?:\.\d+)?)">/g)].map((m) => Number(m[1]));
  const index = specs.findIndex((s) => s === `y2024:${metric}`);
  assert.ok(index >= 0 && values.length === specs.length, `figure ${metric}`);
  return values[index]!;
}

for (const dialect of DIALECTS) {
  describe(`Vận động – cứu trợ pages [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let host: string;
    let staff: { editor: Actor; approver: Actor };
    let campaignId: number;
    let slug: string;

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db);
      host = `xa${site.name.replace(/\D/g, '')}.test`;
      const editor = await buildUser(h.t.db, site, 'editor', { email: `bt-${dialect}@xa.test` });
      const approver = await buildUser(h.t.db, site, 'approver', { email: `ld-${dialect}@xa.test` });
      staff = { editor: editor.actor, approver: approver.actor };
      ({ id: campaignId } = await buildCampaign(h.t.db, staff, { title: 'Cứu trợ bão Yagi 2024', target_amount: '10.000.000' }));
      slug = 'cuu-tro-bao-yagi-2024';
      await confirmedReceipt(h.t.db, staff, campaignId, { donor_name: 'Nguyễn Văn An', amount: '200.000', received_on: '09/09/2024' });
      await confirmedReceipt(h.t.db, staff, campaignId, { donor_name: 'Đỗ Thị Kín', anonymous: '1', amount: '5.000.000', received_on: '10/09/2024' });
      await confirmedReceipt(h.t.db, staff, campaignId, {
        kind: 'goods',
        donor_name: 'Công ty Gạo Sạch',
        quantity: '500',
        unit: 'kg gạo',
        amount: '7.500.000',
        received_on: '10/09/2024',
      });
      const spent = await confirmedSpending(h.t.db, staff, campaignId, {
        amount: '2.000.000',
        description: 'Hỗ trợ hộ bị sập nhà',
        category: 'ho-bi-thien-tai',
        beneficiary_count: '2',
      });
      await saveBeneficiary(h.t.db, staff.editor, spent, null, parseBeneficiaryForm({ full_name: 'Trần Văn Riêng Tư', address: 'Khóm 3' }));
      await saveBeneficiary(h.t.db, staff.editor, spent, null, parseBeneficiaryForm({ full_name: 'Lê Thị Đồng Ý', consent_public: '1' }));
    });
    after(() => h.close());

    const get = (url: string) => h.app.inject({ url, headers: { host } });

    it('a resident finds the campaign, its totals and where the money went, without any beneficiary detail', async () => {
      const list = await get('/van-dong');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Cứu trợ bão Yagi 2024/);
      // The card's three money figures add up: cash in, cash out, cash left; goods are a line of their own.
      const figures = [...list.body.matchAll(/<dt>(Tiền[^<]*)<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(figures, [
        ['Tiền đã nhận', '5.200.000đ'],
        ['Tiền đã chi, hỗ trợ', '2.000.000đ'],
        ['Tiền còn lại', '3.200.000đ'],
      ]);
      assert.match(list.body, /Hiện vật \(ước tính\): đã nhận 7\.500\.000đ, đã trao 0đ\./);
      const page = await get(`/van-dong/${slug}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /5\.200\.000đ/, 'cash received');
      assert.match(page.body, /12\.700\.000đ/, 'cash and goods');
      assert.match(page.body, /500 kg gạo/);
      assert.match(page.body, /3\.200\.000đ/, 'cash left');
      assert.match(page.body, /Hỗ trợ hộ bị sập nhà/);
      assert.match(page.body, /Lê Thị Đồng Ý/);
      assert.doesNotMatch(page.body, /Riêng Tư|Khóm 3/);
      assert.doesNotMatch(page.body, /Đỗ Thị Kín/);
      assert.match(page.body, /<svg viewBox/);
      assert.match(page.body, /<caption class="visually-hidden">Nhận và chi theo tháng: số liệu<\/caption>/);
      assert.doesNotMatch(page.body, /style=|<script>/);
    });

    it('the statement finds a transfer by name without diacritics and by amount, and never shows an anonymous name', async () => {
      const byName = await get(`/van-dong/${slug}/sao-ke?ten=nguyen+van+an`);
      assert.equal(byName.statusCode, 200);
      assert.match(byName.body, /Tìm thấy 1 khoản/);
      assert.match(byName.body, /Nguyễn Văn An/);
      const byAmount = await get(`/van-dong/${slug}/sao-ke?tien=5.000.000`);
      assert.match(byAmount.body, /Ẩn danh/);
      assert.doesNotMatch(byAmount.body, /Đỗ Thị Kín/);
      const bad = await get(`/van-dong/${slug}/sao-ke?tu=31%2F02%2F2024`);
      assert.equal(bad.statusCode, 200);
      assert.match(bad.body, /aria-invalid="true"/);
    });

    it('the statement downloads as CSV and XLSX with every confirmed receipt', async () => {
      const csv = await get(`/van-dong/${slug}/sao-ke.csv`);
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      assert.equal(lines.length, 4);
      assert.match(lines[1]!, /Nguyễn Văn An,Tiền mặt,200000/);
      assert.doesNotMatch(csv.body, /Đỗ Thị Kín/);
      const xlsx = await get(`/van-dong/${slug}/sao-ke.xlsx`);
      assert.equal(xlsx.statusCode, 200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      assert.equal(sheet.rowCount, 4);
      assert.equal(sheet.getRow(2).getCell(6).value, 200_000);
    });

    it('a draft campaign is not public, and another site cannot see this one', async () => {
      const draft = await saveCampaign(h.t.db, staff.editor, null, parseCampaignForm({ title: 'Chưa công khai', purpose: 'Nháp', starts_on: '01/01/2025' }));
      assert.ok(draft.id);
      assert.equal((await get('/van-dong/chua-cong-khai')).statusCode, 404);
      const other = await buildSite(h.t.db);
      const otherHost = `xa${other.name.replace(/\D/g, '')}.test`;
      assert.equal((await h.app.inject({ url: `/van-dong/${slug}`, headers: { host: otherHost } })).statusCode, 404);
    });

    it('campaign pages are in site search, the sitemaps and a feed', async () => {
      const found = await search(h.t.db, site, { q: 'bao yagi', page: 1, perPage: 10 });
      assert.ok(found.hits.some((hit) => hit.path === `/van-dong/${slug}` && hit.kind === 'relief'));
      assert.match((await get('/sitemap.xml')).body, new RegExp(`/van-dong/${slug}</loc>`));
      assert.match((await get('/so-do-cong')).body, new RegExp(`href="/van-dong/${slug}"`));
      const feed = await get('/van-dong/rss.xml');
      assert.equal(feed.statusCode, 200);
      assert.match(feed.body, /<title>Cứu trợ bão Yagi 2024<\/title>/);
    });

    it('a figure in an article is computed at publication from the records and links to its source', async () => {
      const published = new Date();
      const article = await importArticle(h.t.db, site.id, {
        title: 'Kết quả cứu trợ',
        bodyHtml: `<p>Đã nhận <span data-figure="c${campaignId}:thu-tien" onclick="x">tiền</span> và <span data-figure="c${campaignId}:thu-don-vi:kg-gao">gạo</span>.</p>`,
        categorySlug: 'tin-tuc',
        publishedAt: published,
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      // Confirmed after publication: the article keeps the figure as it stood then.
      await confirmedReceipt(h.t.db, staff, campaignId, { amount: '1.000.000', donor_name: 'Sau khi đăng' });
      const page = await get(`/bai-viet/${article.slug}`);
      assert.match(page.body, /<data value="5200000">5\.200\.000đ<\/data> <a class="figure-source" href="\/van-dong\/cuu-tro-bao-yagi-2024#so-lieu"/);
      assert.match(page.body, /<data value="500">500 kg gạo<\/data>/);
      assert.doesNotMatch(page.body, /onclick/);
    });

    it('the newsroom records a receipt, an approver confirms it, and nobody without the role can', async () => {
      const editor = await signInAs(h.app, host, `bt-${dialect}@xa.test`);
      const created = await editor.post(`/quan-tri/van-dong/${campaignId}/khoan-thu`, {
        kind: 'cash',
        amount: '300.000',
        donor_name: 'Phan Văn Mới',
        received_on: '11/09/2024',
        channel: 'cash',
      });
      assert.equal(created.statusCode, 303);
      const row = await h.t.db.selectFrom('relief_receipts').select(['id', 'status']).where('donor_name', '=', 'Phan Văn Mới').executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      const refused = await editor.post(`/quan-tri/van-dong/${campaignId}/khoan-thu/xac-nhan`, { ids: String(row.id) });
      assert.equal(refused.statusCode, 403);
      const invalid = await editor.post(`/quan-tri/van-dong/${campaignId}/khoan-thu`, {
        kind: 'cash',
        amount: 'ba trăm',
        donor_name: 'Phan Văn Sai',
        received_on: '31/02/2024',
        channel: 'cash',
      });
      assert.equal(invalid.statusCode, 400);
      assert.match(invalid.body, /value="Phan Văn Sai"/, 'the form keeps its input');
      const approver = await signInAs(h.app, host, `ld-${dialect}@xa.test`);
      assert.equal((await approver.post(`/quan-tri/van-dong/${campaignId}/khoan-thu/xac-nhan`, { ids: String(row.id) })).statusCode, 303);
      const edit = await editor.post(`/quan-tri/van-dong/${campaignId}/khoan-thu/${row.id}`, {
        kind: 'cash',
        amount: '1',
        donor_name: 'X',
        received_on: '11/09/2024',
        channel: 'cash',
      });
      assert.equal(edit.statusCode, 409);
      const { actor: contributor } = await buildUser(h.t.db, site, 'contributor', { email: `pv-${dialect}@xa.test` });
      assert.ok(contributor);
      const reporter = await signInAs(h.app, host, `pv-${dialect}@xa.test`);
      assert.equal((await reporter.get('/quan-tri/van-dong')).statusCode, 403);
    });

    it('the newsroom imports a statement: preview, read in the background with progress, confirm', async () => {
      const editor = await signInAs(h.app, host, `bt-${dialect}@xa.test`);
      const boundary = 'xaphuongboundary';
      const csv = vietcombankCsv([{ day: '12/09/2024', ref: 'FT24256000001', credit: 250_000, note: 'HOANG VAN NAM UNG HO BAO YAGI' }]);
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="vcb.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
      const upload = await h.app.inject({
        method: 'POST',
        url: `/quan-tri/van-dong/${campaignId}/nhap-sao-ke?_csrf=${encodeURIComponent(editor.csrf)}`,
        headers: { host, cookie: editor.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      assert.equal(upload.statusCode, 303, upload.body.slice(0, 300));
      const jobUrl = String(upload.headers.location);
      const preview = await editor.get(jobUrl);
      assert.match(preview.body, /HOANG VAN NAM UNG HO BAO YAGI/);
      assert.match(preview.body, /250\.000đ/);
      assert.equal((await editor.post(`${jobUrl}/chay`, {})).statusCode, 303);
      let progress = { running: true, status: '' };
      for (let i = 0; i < 100 && progress.status !== 'done'; i++) {
        progress = JSON.parse((await editor.get(`${jobUrl}/tien-do.json`)).body);
        if (progress.status !== 'done') await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(progress.status, 'done');
      const approver = await signInAs(h.app, host, `ld-${dialect}@xa.test`);
      assert.equal((await approver.post(`${jobUrl}/xac-nhan`, {})).statusCode, 303);
      for (let i = 0; i < 100 && progress.status !== 'confirmed'; i++) {
        progress = JSON.parse((await approver.get(`${jobUrl}/tien-do.json`)).body);
        if (progress.status !== 'confirmed') await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(progress.status, 'confirmed');
      assert.match((await get(`/van-dong/${slug}/sao-ke?ten=hoang+van+nam`)).body, /Tìm thấy 1 khoản/);
      const audit = await h.t.db.selectFrom('audit_log').select('action').where('site_id', '=', site.id).where('action', 'like', 'relief.import%').execute();
      assert.deepEqual([...new Set(audit.map((a) => a.action))].sort(), ['relief.import_completed', 'relief.import_confirmed', 'relief.import_uploaded']);
    });

    it('the annual summary draft is an article whose figures add up, computed from the records', async () => {
      const editor = await signInAs(h.app, host, `bt-${dialect}@xa.test`);
      const made = await editor.post('/quan-tri/van-dong/tong-ket', { year: '2024' });
      assert.equal(made.statusCode, 303);
      const id = Number(/bai-viet\/(\d+)/.exec(String(made.headers.location))![1]);
      const draft = await h.t.db.selectFrom('articles').select(['body_html', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(draft.status, 'draft');
      for (const metric of ['tong-thu', 'thu-tien', 'thu-hien-vat', 'nha-xay-moi', 'gia-tri-nha', 'tong-chi'])
        assert.match(draft.body_html, new RegExp(`data-figure="y2024:${metric}"`));
      const shown = await renderFigures(h.t.db, site.id, draft.body_html, new Date().toISOString());
      const value = (metric: string) => figureValue(shown, draft.body_html, metric);
      assert.equal(value('tong-thu'), value('thu-tien') + value('thu-hien-vat'));
      assert.ok(value('tong-thu') >= value('thu-tien') && value('tong-chi') >= value('gia-tri-nha'));
      const sums = await sql<{
        amount: string | number;
      }>`select sum(amount) as amount from relief_receipts where site_id = ${site.id} and status = 'confirmed' and received_on like '2024-%'`.execute(h.t.db);
      assert.equal(value('tong-thu'), Number(sums.rows[0]!.amount));
      const bad = await editor.post('/quan-tri/van-dong/tong-ket', { year: 'năm ngoái' });
      assert.equal(bad.statusCode, 400);
    });
  });
}
