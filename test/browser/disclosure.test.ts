/**
 * Công khai in a real browser: an editor writes a disclosure (first with its
 * end date before its start date), fills its body in the rich-text editor,
 * links a document and submits it; an approver approves it; then a resident
 * reads /cong-khai on a 360 px phone and opens the entry. Every page: one h1,
 * no axe violations, no sideways scrolling at 360 px, screenshots at 1280 and 360 px.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { PHONE, normalizeSpace } from '../support/browser.ts';
import { checkAtBothWidths, openPage, useBrowserSuite } from '../support/browser-suite.ts';

const EDITOR = 'bientap@phuong1.demo';
const APPROVER = 'lanhdao@phuong1.demo';
const TITLE = 'Công khai dự toán ngân sách phường năm 2026';

const checkPage = (page: Page, name: string) => checkAtBothWidths(page, { shot: `cong-khai-${name}`, label: name });

describe('Công khai: biên tập viên soạn, lãnh đạo duyệt, người dân xem trên điện thoại', () => {
  const suite = useBrowserSuite();
  let writer: Page;
  let approver: Page;

  before(async () => {
    writer = await suite.signedInPage(EDITOR);
    approver = await suite.signedInPage(APPROVER);
  });

  it('an editor fills the form, sees the date mistake beside its field, fixes it, saves and submits', async () => {
    await openPage(writer, `${suite.portal.baseUrl}/quan-tri/cong-khai/moi`);
    await writer.locator('#item_id').selectOption({ label: 'Dự toán, quyết toán ngân sách' });
    await writer.locator('#title').fill(TITLE);
    await writer.locator('#period').fill('Năm 2026');
    await writer.locator('#year').fill('2026');
    await writer.locator('#starts_on').fill('10/01/2026');
    await writer.locator('#ends_on').fill('09/01/2026');
    const body = writer.locator('[contenteditable="true"]').first();
    await body.waitFor({ state: 'visible' });
    await body.click();
    await writer.keyboard.type('Tổng thu ngân sách phường năm 2026: 12.500.000.000đ.');
    await checkPage(writer, 'quan-tri-moi');
    await Promise.all([writer.waitForLoadState('load'), writer.getByRole('button', { name: 'Lưu', exact: true }).click()]);
    assert.match(normalizeSpace(await writer.locator('#ends_on-loi').innerText()), /không được trước ngày bắt đầu/);
    assert.equal(await writer.locator('#title').inputValue(), TITLE);
    await checkPage(writer, 'quan-tri-loi');

    await writer.locator('#ends_on').fill('31/12/2099');
    await Promise.all([writer.waitForURL(/\/quan-tri\/cong-khai\/\d+\?ok=luu$/), writer.getByRole('button', { name: 'Lưu', exact: true }).click()]);
    assert.match(await writer.locator('#body_html').inputValue(), /12\.500\.000\.000đ/);
    await Promise.all([writer.waitForURL(/\?ok=gui-duyet$/), writer.getByRole('button', { name: 'Gửi duyệt', exact: true }).click()]);
    assert.equal(normalizeSpace(await writer.locator('.side-panel .status').innerText()), 'Chờ duyệt');
    await checkPage(writer, 'quan-tri-cho-duyet');
  });

  it('an approver finds it among those waiting and approves it', async () => {
    await openPage(approver, `${suite.portal.baseUrl}/quan-tri/cong-khai?trang-thai=submitted`);
    await checkPage(approver, 'quan-tri-danh-sach');
    await Promise.all([approver.waitForURL(/\/quan-tri\/cong-khai\/\d+$/), approver.getByRole('link', { name: TITLE }).click()]);
    await Promise.all([approver.waitForURL(/\?ok=xuat-ban$/), approver.getByRole('button', { name: 'Duyệt và xuất bản', exact: true }).click()]);
    assert.equal(normalizeSpace(await approver.locator('.side-panel .status').innerText()), 'Đã xuất bản');
  });

  it('a resident reads /cong-khai on a 360 px phone: by item, with the disclosure period, and opens the entry', async () => {
    const phone = await suite.newPage(PHONE);
    await openPage(phone, `${suite.portal.baseUrl}/cong-khai`);
    const budget = phone.locator('section.disclosure-group', { has: phone.getByRole('heading', { name: 'Dự toán, quyết toán ngân sách' }) });
    assert.match(normalizeSpace(await budget.innerText()), /Đang trong thời hạn công khai/);
    const contributions = phone.locator('section.disclosure-group', { has: phone.getByRole('heading', { name: 'Các khoản đóng góp của Nhân dân, quỹ' }) });
    assert.ok((await contributions.getByRole('link', { name: 'Xem sao kê công khai' }).count()) > 0, 'relief campaigns are disclosed with their statements');
    await checkPage(phone, 'trang-chinh');
    await Promise.all([phone.waitForURL(/\/cong-khai\/du-toan-quyet-toan-ngan-sach\/\d+-/), budget.getByRole('link', { name: TITLE }).click()]);
    assert.equal(normalizeSpace(await phone.locator('h1').innerText()), TITLE);
    assert.match(normalizeSpace(await phone.locator('.article-body').innerText()), /12\.500\.000\.000đ/);
    await checkPage(phone, 'chi-tiet');
    await openPage(phone, `${suite.portal.baseUrl}/cong-khai/du-toan-quyet-toan-ngan-sach?nam=2026`);
    await checkPage(phone, 'muc');
    await openPage(phone, `${suite.portal.baseUrl}/so-do-cong`);
    await checkPage(phone, 'so-do-cong');
    await openPage(phone, `${suite.portal.baseUrl}/en`);
    await checkPage(phone, 'tieng-anh');
  });
});
