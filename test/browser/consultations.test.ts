/**
 * Lấy ý kiến dự thảo in a real browser: a contributor opens a draft for
 * comments, an approver publishes it; a resident on a 360 px phone reads it
 * and comments; the approver publishes the comment, then, once the closing
 * day is past, writes and publishes the summary. Every page: one h1, no axe
 * violations, no sideways scrolling, screenshots at 1280 and 360 px.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { checkAtBothWidths, useBrowserSuite } from '../support/browser-suite.ts';
import { dayFromToday } from '../support/consultations.ts';

const SITE_ADMIN = 'quantri@phuong1.demo';
const CONTRIBUTOR = 'phongvien@phuong1.demo';
const APPROVER = 'lanhdao@phuong1.demo';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const TITLE = 'Dự thảo Quy chế quản lý chợ phường';
const checkPage = (page: Page, name: string) => checkAtBothWidths(page, { shot: `lay-y-kien-${name}`, label: name });

describe('Lấy ý kiến dự thảo: người dân góp ý trên điện thoại, cán bộ công khai góp ý và báo cáo tổng hợp', () => {
  const suite = useBrowserSuite();
  let writer: Page;
  let approver: Page;
  let adminUrl = '';
  let publicUrl = '';

  before(async () => {
    const admin = await suite.signedInPage(SITE_ADMIN);
    await admin.goto(`${suite.portal.baseUrl}/quan-tri/media`, { waitUntil: 'load' });
    await admin.locator('#file').setInputFiles({ name: 'du-thao-quy-che-cho.pdf', mimeType: 'application/pdf', buffer: PDF });
    await admin.locator('#title').fill('Dự thảo quy chế chợ (bản PDF)');
    await Promise.all([admin.waitForLoadState('load'), admin.getByRole('button', { name: 'Tải lên', exact: true }).click()]);
    writer = await suite.signedInPage(CONTRIBUTOR);
    approver = await suite.signedInPage(APPROVER);
  });

  it('a contributor opens the draft for comments and an approver publishes it', async () => {
    await writer.goto(`${suite.portal.baseUrl}/quan-tri/lay-y-kien/moi`, { waitUntil: 'load' });
    await writer.locator('#title').fill(TITLE);
    await writer.locator('#opens_on').fill(dayFromToday(-1));
    await writer.locator('#closes_on').fill(dayFromToday(4));
    await writer.locator('#media_id').selectOption({ label: 'Dự thảo quy chế chợ (bản PDF)' });
    await Promise.all([writer.waitForURL(/\/quan-tri\/lay-y-kien\/\d+\?ok=luu$/), writer.getByRole('button', { name: 'Lưu', exact: true }).click()]);
    adminUrl = writer.url().replace(/\?.*$/, '');
    await checkPage(writer, 'quan-tri-sua');
    await Promise.all([writer.waitForURL(/\?ok=gui-duyet$/), writer.getByRole('button', { name: 'Gửi duyệt', exact: true }).click()]);
    await approver.goto(adminUrl, { waitUntil: 'load' });
    await Promise.all([approver.waitForURL(/\?ok=xuat-ban$/), approver.getByRole('button', { name: 'Duyệt và xuất bản', exact: true }).click()]);
  });

  it('a resident on a phone reads the open consultation and comments', async () => {
    const phone = await suite.newPage({ width: 360, height: 740 });
    await phone.goto(`${suite.portal.baseUrl}/lay-y-kien`, { waitUntil: 'load' });
    await checkPage(phone, 'danh-sach');
    assert.match(await phone.locator('main').innerText(), /Còn 5 ngày/);
    await Promise.all([phone.waitForLoadState('load'), phone.getByRole('link', { name: TITLE }).click()]);
    publicUrl = phone.url();
    await checkPage(phone, 'trang-mo');
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.locator('#name').fill('Trần Văn Chợ');
    await phone.locator('#phone').fill('0912 000 111');
    await phone.locator('#content').fill('Đề nghị cho họp chợ từ 5 giờ sáng để bà con kịp đi làm.');
    await phone.locator('#show_name').check();
    // The form refuses a post sooner than 3 s after it was served.
    await phone.waitForTimeout(3_100);
    await Promise.all([phone.waitForURL(/da-gui=1/), phone.getByRole('button', { name: 'Gửi góp ý' }).click()]);
    assert.match(await phone.getByRole('status').innerText(), /góp ý đã được gửi/);
  });

  it('the approver publishes the comment, and after closing writes and publishes the summary', async () => {
    await approver.goto(`${adminUrl}/gop-y`, { waitUntil: 'load' });
    assert.match(await approver.locator('main').innerText(), /0912 000 111/);
    await Promise.all([approver.waitForURL(/ok=luu/), approver.getByRole('button', { name: 'Công khai góp ý' }).click()]);
    await checkPage(approver, 'quan-tri-gop-y');
    // The comment period ends: the approver moves its days into the past.
    await approver.goto(adminUrl, { waitUntil: 'load' });
    await approver.locator('#opens_on').fill(dayFromToday(-9));
    await approver.locator('#closes_on').fill(dayFromToday(-1));
    await Promise.all([approver.waitForURL(/ok=luu/), approver.getByRole('button', { name: 'Lưu', exact: true }).click()]);
    await approver.goto(`${adminUrl}/bao-cao`, { waitUntil: 'load' });
    const editor = approver.locator('.ProseMirror').first();
    await editor.click();
    await approver.keyboard.type('Tiếp thu ý kiến về giờ họp chợ; giải trình về phí chỗ ngồi.');
    await Promise.all([approver.waitForURL(/bao-cao\?ok=luu/), approver.getByRole('button', { name: 'Lưu báo cáo' }).click()]);
    await Promise.all([approver.waitForURL(/ok=xuat-ban/), approver.getByRole('button', { name: 'Công bố báo cáo' }).click()]);
    await checkPage(approver, 'quan-tri-bao-cao');

    const phone = await suite.newPage({ width: 360, height: 740 });
    await phone.goto(publicUrl.replace(/\?.*$/, ''), { waitUntil: 'load' });
    const text = await phone.locator('main').innerText();
    assert.match(text, /Tiếp thu ý kiến về giờ họp chợ/);
    assert.match(text, /Đề nghị cho họp chợ từ 5 giờ sáng/);
    assert.match(text, /Trần Văn Chợ/);
    assert.doesNotMatch(text, /0912 000 111/);
    await checkPage(phone, 'bao-cao');
  });
});
