/**
 * Văn bản in a real browser: the newsroom uploads a PDF; a contributor fills
 * the document form (first with a mistake), attaches the file and submits it
 * for review; an approver finds it on the dashboard and publishes it; then the
 * public list (with filters) and the detail page. Every page: one h1, no axe
 * violations (WCAG 2.1 A/AA), no sideways scrolling at 360 px, screenshots
 * at 1280 and 360 px.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { normalizeSpace } from '../support/browser.ts';
import { checkAtBothWidths, useBrowserSuite } from '../support/browser-suite.ts';

const SITE_ADMIN = 'quantri@phuong1.demo';
const CONTRIBUTOR = 'phongvien@phuong1.demo';
const APPROVER = 'lanhdao@phuong1.demo';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** One h1, axe, no sideways scroll and a screenshot, at both widths. */
const checkPage = (page: Page, name: string) => checkAtBothWidths(page, { shot: `van-ban-${name}`, label: name });

describe('Văn bản: biểu mẫu quản trị, danh sách và trang chi tiết', () => {
  const suite = useBrowserSuite();
  let admin: Page;
  let writer: Page;
  let approver: Page;
  let detailUrl = '';

  before(async () => {
    admin = await suite.signedInPage(SITE_ADMIN);
    // A PDF in the media library, uploaded through the ordinary upload form.
    await admin.goto(`${suite.portal.baseUrl}/quan-tri/media`, { waitUntil: 'load' });
    await admin.locator('#file').setInputFiles({ name: 'quyet-dinh-15.pdf', mimeType: 'application/pdf', buffer: PDF });
    await admin.locator('#title').fill('Quyết định 15/QĐ-UBND (bản ký số)');
    await Promise.all([admin.waitForLoadState('load'), admin.getByRole('button', { name: 'Tải lên', exact: true }).click()]);
    writer = await suite.signedInPage(CONTRIBUTOR);
    approver = await suite.signedInPage(APPROVER);
  });

  it('a contributor fills the form, sees a mistake beside its field, saves and submits for review', async () => {
    await writer.goto(`${suite.portal.baseUrl}/quan-tri/van-ban/moi`, { waitUntil: 'load' });
    await checkPage(writer, 'quan-tri-moi');
    await writer.locator('#number_symbol').fill('15 QĐ UBND');
    await writer.locator('#signer').fill('Nguyễn Văn An');
    await writer.locator('#issued_on').fill('12/03/2024');
    await writer.locator('#effective_on').fill('12/03/2024');
    await writer.locator('#summary').fill('Về việc phê duyệt kế hoạch chuyển đổi số năm 2024');
    await writer.locator('#field').fill('Chuyển đổi số');
    await writer.getByLabel(/quyet-dinh-15\.pdf|Quyết định 15\/QĐ-UBND/).check();
    await Promise.all([writer.waitForLoadState('load'), writer.getByRole('button', { name: 'Lưu', exact: true }).click()]);
    assert.match(normalizeSpace(await writer.locator('#number_symbol-loi').innerText()), /12\/QĐ-UBND/);
    assert.equal(await writer.locator('#summary').inputValue(), 'Về việc phê duyệt kế hoạch chuyển đổi số năm 2024');
    await checkPage(writer, 'quan-tri-loi');

    await writer.locator('#number_symbol').fill('15/QĐ-UBND');
    await Promise.all([writer.waitForURL(/\/quan-tri\/van-ban\/\d+\?ok=luu$/), writer.getByRole('button', { name: 'Lưu', exact: true }).click()]);
    // A contributor cannot publish: the panel offers only "Gửi duyệt".
    assert.equal(await writer.getByRole('button', { name: 'Duyệt và xuất bản' }).count(), 0);
    await Promise.all([writer.waitForURL(/\?ok=gui-duyet$/), writer.getByRole('button', { name: 'Gửi duyệt', exact: true }).click()]);
    assert.equal(normalizeSpace(await writer.locator('.side-panel .status').innerText()), 'Chờ duyệt');
    // Waiting for review, the form is locked for its writer.
    assert.ok(await writer.locator('#summary').isDisabled());
    assert.equal(await writer.getByRole('button', { name: 'Lưu', exact: true }).count(), 0);
    await checkPage(writer, 'quan-tri-cho-duyet');
  });

  it('an approver finds it on the dashboard and in the list’s queue, and publishes it', async () => {
    await approver.goto(`${suite.portal.baseUrl}/quan-tri`, { waitUntil: 'load' });
    const queued = approver.getByRole('region', { name: 'Văn bản, lịch và trang giới thiệu chờ duyệt' }).getByRole('link', { name: 'Quyết định 15/QĐ-UBND' });
    assert.equal(await queued.count(), 1);
    await checkPage(approver, 'quan-tri-bang-dieu-khien');
    await approver.goto(`${suite.portal.baseUrl}/quan-tri/van-ban?trang-thai=submitted`, { waitUntil: 'load' });
    await checkPage(approver, 'quan-tri-hang-cho');
    await Promise.all([approver.waitForURL(/\/quan-tri\/van-ban\/\d+$/), approver.getByRole('link', { name: 'Quyết định 15/QĐ-UBND' }).click()]);
    assert.equal(await approver.getByLabel(/Nhận xét khi trả lại/).count(), 1);
    await checkPage(approver, 'quan-tri-duyet');
    await Promise.all([approver.waitForURL(/\?ok=xuat-ban$/), approver.getByRole('button', { name: 'Duyệt và xuất bản', exact: true }).click()]);
    assert.equal(normalizeSpace(await approver.locator('.side-panel .status').innerText()), 'Đã xuất bản');
    detailUrl = `${suite.portal.baseUrl}${await approver.getByRole('link', { name: 'Xem trên cổng' }).getAttribute('href')}`;
    await checkPage(approver, 'quan-tri-sua');
    await approver.goto(`${suite.portal.baseUrl}/quan-tri/van-ban`, { waitUntil: 'load' });
    await checkPage(approver, 'quan-tri-danh-sach');
  });

  it('the public list with filters, and the detail page', async () => {
    assert.ok(detailUrl, 'the document was published by the previous test');
    const page = await suite.newPage();
    await page.goto(`${suite.portal.baseUrl}/van-ban`, { waitUntil: 'load' });
    await page.locator('#so').fill('15/qd-ubnd');
    await Promise.all([page.waitForURL(/so=15/), page.getByRole('button', { name: 'Tra cứu', exact: true }).click()]);
    await page.getByRole('link', { name: /phê duyệt kế hoạch chuyển đổi số/ }).waitFor();
    await checkPage(page, 'danh-sach');
    await page.goto(detailUrl, { waitUntil: 'load' });
    assert.equal(normalizeSpace(await page.locator('h1').innerText()), 'Quyết định số 15/QĐ-UBND');
    assert.match(normalizeSpace(await page.locator('.document-files').innerText()), /\(PDF, 1 KB\)/);
    await checkPage(page, 'chi-tiet');
  });
});
