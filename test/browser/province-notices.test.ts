/**
 * Province notices as the people who use them: the province's platform
 * admin publishes a notice to chosen communes (a mistake first, the form
 * keeping what was typed), a resident on a phone finds it on the chosen
 * ward's home page and opens it, and the ward's site admin sees it
 * read-only in the newsroom.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { PHONE, normalizeSpace } from '../support/browser.ts';
import { checkAtBothWidths, openPage, useBrowserSuite } from '../support/browser-suite.ts';
import { buildSite, platformActorOf } from '../support/factories.ts';
import { publishProvinceNotice } from '../../src/services/province-notices/notice-editor.ts';

const PLATFORM_ADMIN = 'tinh@dongthap.demo';
const SITE_ADMIN = 'quantri@phuong1.demo';
const TITLE = 'Thông báo lịch tiếp nhận hồ sơ đất đai dịp cuối năm';
const PDF = { name: 'lịch tiếp nhận.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nLịch tiếp nhận hồ sơ\n%%EOF\n') };

describe('province notices in the browser', () => {
  const suite = useBrowserSuite();

  before(async () => {
    await buildSite(suite.portal.db, { name: 'Phường 2', hosts: ['phuong2.test'] });
    await buildSite(suite.portal.db, { name: 'Xã Tân Phú', hosts: ['tanphu.test'] });
  });

  it('the platform admin publishes a notice to chosen communes, fixing a mistake first', async () => {
    const page = await suite.signedInPage(PLATFORM_ADMIN);
    await openPage(page, `${suite.portal.baseUrl}/quan-tri/he-thong`);
    await Promise.all([page.waitForURL(/\/thong-bao-tinh$/), page.locator('main').getByRole('link', { name: 'Thông báo của tỉnh' }).click()]);
    await Promise.all([page.waitForURL(/\/moi\?tinh=/), page.getByRole('link', { name: /Đăng thông báo mới/ }).click()]);
    assert.equal(await page.locator('#issuer').inputValue(), 'UBND tỉnh Đồng Tháp', 'the issuer starts as the province’s committee');
    await page.locator('#title').fill(TITLE);
    await page.locator('#summary').fill('Bộ phận một cửa nhận hồ sơ đến hết ngày 31/12/2026.');
    await page.getByRole('textbox', { name: 'Nội dung', exact: true }).click();
    await page.keyboard.type('Bộ phận một cửa nhận hồ sơ đất đai cả sáng thứ Bảy.');
    // Relief figures belong to one site: the province's form offers the editor's other tools, not that one.
    assert.equal(await page.getByRole('button', { name: 'Liên kết', exact: true }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Số liệu vận động – cứu trợ' }).count(), 0);
    await page.getByLabel('Chỉ các xã, phường được chọn dưới đây').check();
    await page.getByLabel('Thêm tệp').setInputFiles(PDF);
    await checkAtBothWidths(page, { shot: 'thong-bao-tinh-moi', label: 'biểu mẫu thông báo của tỉnh' });
    // No commune chosen yet: the form says so and keeps everything typed.
    await page.getByRole('button', { name: 'Đăng lên các cổng' }).click();
    await page.waitForLoadState('load');
    assert.match(normalizeSpace(await page.locator('.error-summary').innerText()), /Xã, phường/);
    assert.equal(await page.locator('#title').inputValue(), TITLE, 'what was typed is kept');
    assert.match(await page.getByRole('textbox', { name: 'Nội dung', exact: true }).innerText(), /cả sáng thứ Bảy/);
    await page.getByLabel('Phường 1', { exact: true }).check();
    await page.getByLabel('Xã Tân Phú', { exact: true }).check();
    // A browser never keeps a chosen file across a refused form: the hint says to choose it again.
    assert.match(await page.locator('#files-goi-y').innerText(), /hãy chọn lại/);
    await page.getByLabel('Thêm tệp').setInputFiles(PDF);
    await Promise.all([page.waitForURL(/ok=thong-bao-tinh$/), page.getByRole('button', { name: 'Đăng lên các cổng' }).click()]);
    const row = page.locator('table.data-table tbody tr', { hasText: TITLE });
    assert.match(normalizeSpace(await row.innerText()), /2 xã, phường/);
    await checkAtBothWidths(page, { shot: 'thong-bao-tinh-danh-sach', label: 'danh sách thông báo của tỉnh' });
    // The stored file is listed on the edit form, with a box to take it off.
    await Promise.all([page.waitForURL(/\/thong-bao-tinh\/\d+$/), row.getByRole('link', { name: TITLE }).click()]);
    assert.match(normalizeSpace(await page.locator('#tep-dinh-kem li').innerText()), /^lịch tiếp nhận\.pdf \(PDF, 1 KB\) Gỡ tệp “lịch tiếp nhận\.pdf”$/);
    await checkAtBothWidths(page, { shot: 'thong-bao-tinh-sua', label: 'sửa thông báo của tỉnh có tệp đính kèm' });
  });

  it('a resident on a phone sees it on the chosen ward’s home page, labelled as the province’s, and opens it', async () => {
    const page = await suite.newPage(PHONE);
    await openPage(page, `${suite.portal.baseUrl}/`);
    const item = page.locator('li', { has: page.getByRole('link', { name: TITLE }) });
    assert.match(normalizeSpace(await item.innerText()), /UBND tỉnh Đồng Tháp/);
    await checkAtBothWidths(page, { shot: 'thong-bao-tinh-trang-chu', label: 'trang chủ phường với thông báo của tỉnh', h1: 'unchecked' });
    await page.setViewportSize(PHONE);
    await Promise.all([page.waitForURL(/\/thong-bao-tinh\//), page.getByRole('link', { name: TITLE }).click()]);
    assert.equal(normalizeSpace(await page.locator('h1').innerText()), TITLE);
    assert.match(normalizeSpace(await page.locator('.province-notice-source').innerText()), /Thông báo của UBND tỉnh Đồng Tháp/);
    assert.match(await page.locator('.article-body').innerText(), /cả sáng thứ Bảy/);
    assert.match(await page.locator('.meta time').innerText(), /^\d{2}\/\d{2}\/\d{4}$/);
    const file = page.locator('.document-files li');
    assert.equal(normalizeSpace(await file.innerText()), 'lịch tiếp nhận.pdf (PDF, 1 KB)');
    const download = await page.request.get(new URL((await file.locator('a').getAttribute('href'))!, page.url()).toString());
    assert.equal(download.status(), 200);
    assert.ok((await download.body()).equals(PDF.buffer));
    await checkAtBothWidths(page, { shot: 'thong-bao-tinh-trang', label: 'trang thông báo của tỉnh trên cổng phường' });
  });

  it('a resident finds the province’s document by searching the chosen ward’s Văn bản table', async () => {
    const db = suite.portal.db;
    const ward = await db.selectFrom('sites').select('id').where('name', '=', 'Phường 1').executeTakeFirstOrThrow();
    const actor = await platformActorOf(db, PLATFORM_ADMIN, ward.id);
    await publishProvinceNotice(db, actor, 'Đồng Tháp', {
      kind: 'document',
      issuer: 'UBND tỉnh Đồng Tháp',
      title: 'Quyết định công bố danh mục thủ tục hành chính cấp xã năm 2026',
      body_html: '<p>Danh mục gồm 112 thủ tục.</p>',
      scope: 'chosen',
      sites: [ward.id],
    });
    const page = await suite.newPage(PHONE);
    await openPage(page, `${suite.portal.baseUrl}/van-ban`);
    // Searched without tones, it is a row of the ward's own searchable table.
    await page.getByLabel('Trích yếu có chứa').fill('danh muc thu tuc');
    await Promise.all([page.waitForURL(/\/van-ban\?q=/), page.getByRole('button', { name: 'Tra cứu' }).click()]);
    const row = page.getByRole('region', { name: 'Danh sách văn bản' }).locator('tbody tr');
    assert.equal(await row.count(), 1);
    assert.match(
      normalizeSpace(await row.innerText()),
      /^Không số \d{2}\/\d{2}\/\d{4} Tài liệu của tỉnh: Quyết định công bố danh mục thủ tục hành chính cấp xã năm 2026 UBND tỉnh Đồng Tháp$/,
    );
    await checkAtBothWidths(page, { shot: 'thong-bao-tinh-van-ban', label: 'Văn bản của phường với văn bản của tỉnh' });
  });

  it('the ward’s site admin sees it read-only in the newsroom', async () => {
    const page = await suite.signedInPage(SITE_ADMIN);
    await openPage(page, `${suite.portal.baseUrl}/quan-tri`);
    assert.equal(await page.locator('a[href="/quan-tri/thong-bao-cua-tinh"]').count(), 1, 'the newsroom menu leads to the province’s notices');
    await openPage(page, `${suite.portal.baseUrl}/quan-tri/thong-bao-cua-tinh`);
    await Promise.all([page.waitForURL(/\/thong-bao-cua-tinh\/\d+$/), page.getByRole('link', { name: TITLE }).click()]);
    assert.match(normalizeSpace(await page.getByRole('note').innerText()), /chỉ xem/);
    assert.equal(await page.locator('main form').count(), 0, 'nothing to edit or withdraw');
    await checkAtBothWidths(page, { shot: 'thong-bao-tinh-toa-soan', label: 'thông báo của tỉnh trong tòa soạn của phường' });
    await openPage(page, `${suite.portal.baseUrl}/quan-tri/he-thong/thong-bao-tinh`, 403);
    // The ward's own articles still offer relief figures, which are the ward's.
    await openPage(page, `${suite.portal.baseUrl}/quan-tri/bai-viet/moi`);
    await page.getByRole('button', { name: 'Liên kết', exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Số liệu vận động – cứu trợ' }).count(), 1);
  });
});
