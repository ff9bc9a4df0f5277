/**
 * The editor beyond articles, as staff use it: a site admin writes a Giới
 * thiệu page and a leader's biography with the toolbar (bold, a list, a
 * link), a Q&A handler answers a question with a link to the document it
 * cites and numbered steps; once approved, the public pages show that
 * markup. Every form and page passes axe at 1280 and 360 px, with screenshots.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { PHONE, normalizeSpace } from '../support/browser.ts';
import { checkAtBothWidths, openPage as open, useBrowserSuite } from '../support/browser-suite.ts';

const SITE_ADMIN = 'quantri@phuong1.demo';
const EDITOR = 'bientap@phuong1.demo';
const APPROVER = 'lanhdao@phuong1.demo';
const TITLE = 'Hỏi thủ tục đăng ký khai sinh cho con';

const checkPage = (page: Page, name: string) => checkAtBothWidths(page, { shot: `soan-thao-${name}`, label: name, h1: 'unchecked' });

/** One editor on a form: its toolbar and its editable area, found by the field's name. */
function editorOf(page: Page, name: string): { root: Locator; text: Locator } {
  const text = page.getByRole('textbox', { name, exact: true });
  return { root: page.locator('.xp-editor').filter({ has: text }), text };
}

/** Presses one of an editor's toolbar buttons. */
async function press(editor: { root: Locator }, button: string): Promise<void> {
  await editor.root.getByRole('button', { name: button, exact: true }).click();
}

/** Adds a link over the selected words through the editor's link dialog. */
async function linkSelection(page: Page, editor: { root: Locator }, href: string): Promise<void> {
  await press(editor, 'Liên kết');
  const dialog = page.getByRole('dialog', { name: 'Liên kết' });
  await dialog.getByLabel('Địa chỉ liên kết (URL)').fill(href);
  await dialog.getByRole('button', { name: 'Áp dụng' }).click();
}

/**
 * Selects the last `count` characters typed, as shift+left arrow does, and
 * waits a frame past the selection: the editor reads the page's selection
 * from an event the browser fires later, which a loaded machine delayed past
 * the next click on the toolbar.
 */
async function selectBack(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.waitForFunction((n) => window.getSelection()?.toString().length === n, count);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

async function submit(page: Page, button: string, url: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(url), page.getByRole('button', { name: button, exact: true }).first().click()]);
}

/** A public page, read again until the portal dropped its cached copy (page events are read every 250 ms). */
async function openFresh(page: Page, url: string, expected: RegExp): Promise<void> {
  for (let attempt = 0; attempt < 20 && !expected.test(await (await page.request.get(url)).text()); attempt++) await page.waitForTimeout(250);
  await open(page, url);
}

describe('trình soạn thảo cho Giới thiệu, tiểu sử và trả lời hỏi đáp', () => {
  const suite = useBrowserSuite();

  it('a site admin writes a Giới thiệu page with bold, a list and a link; once approved, the public page shows them', async () => {
    const admin = await suite.signedInPage(SITE_ADMIN);
    await open(admin, `${suite.portal.baseUrl}/quan-tri/gioi-thieu/trang/dieu-kien-tu-nhien`);
    assert.equal(await admin.getByText(/thẻ HTML/).count(), 0, 'no HTML is asked for');
    const body = editorOf(admin, 'Nội dung');
    await body.text.click();
    await admin.keyboard.press('Control+End');
    await admin.keyboard.type('Phường có ');
    await press(body, 'In đậm');
    await admin.keyboard.type('ba mặt giáp sông');
    await press(body, 'In đậm');
    await admin.keyboard.type(', gồm:');
    await admin.keyboard.press('Enter');
    await press(body, 'Danh sách');
    await admin.keyboard.type('Sông Tiền ở phía bắc');
    await admin.keyboard.press('Enter');
    await admin.keyboard.type('Rạch Cái Tàu ở phía đông');
    await admin.keyboard.press('Enter');
    await admin.keyboard.press('Enter');
    await admin.keyboard.type('Xem bản đồ');
    await selectBack(admin, 'bản đồ'.length);
    await linkSelection(admin, body, '/gioi-thieu/ban-do-hanh-chinh');
    await editorOf(admin, 'Nội dung tiếng Anh').text.fill('The ward lies between two rivers.');
    await checkPage(admin, 'trang-gioi-thieu');
    await submit(admin, 'Lưu nháp', /\?ok=luu/);
    await submit(admin, 'Gửi duyệt', /[?&]ok=gui-duyet/);

    const approver = await suite.signedInPage(APPROVER);
    await open(approver, `${suite.portal.baseUrl}/quan-tri/gioi-thieu/trang/dieu-kien-tu-nhien`);
    await submit(approver, 'Duyệt và xuất bản', /[?&]ok=xuat-ban/);

    const visitor = await suite.newPage(PHONE);
    await openFresh(visitor, `${suite.portal.baseUrl}/gioi-thieu/dieu-kien-tu-nhien`, /ba mặt giáp sông/);
    const shown = visitor.locator('main .article-body');
    assert.equal(normalizeSpace(await shown.locator('strong').innerText()), 'ba mặt giáp sông');
    assert.deepEqual((await shown.locator('ul > li').allInnerTexts()).map(normalizeSpace), ['Sông Tiền ở phía bắc', 'Rạch Cái Tàu ở phía đông']);
    assert.equal(await shown.getByRole('link', { name: 'bản đồ' }).getAttribute('href'), '/gioi-thieu/ban-do-hanh-chinh');
    await checkPage(visitor, 'cong-gioi-thieu');
    await open(visitor, `${suite.portal.baseUrl}/en`);
    assert.match(await visitor.locator('main').innerText(), /The ward lies between two rivers\./);
  });

  it('a site admin writes a leader’s biography with the editor; once the list is approved, the leaders page shows it', async () => {
    const admin = await suite.signedInPage(SITE_ADMIN);
    await open(admin, `${suite.portal.baseUrl}/quan-tri/gioi-thieu/nguoi/moi`);
    await admin.getByLabel('Họ và tên').fill('Phạm Minh Khoa');
    await admin.getByLabel('Chức vụ', { exact: true }).fill('Bí thư Đảng ủy phường');
    await admin.getByLabel(/Thứ tự hiển thị/).fill('0');
    const bio = editorOf(admin, 'Tiểu sử');
    await bio.text.click();
    await admin.keyboard.type('Sinh năm 1972 tại ');
    await press(bio, 'In đậm');
    await admin.keyboard.type('Sa Đéc');
    await press(bio, 'In đậm');
    await admin.keyboard.press('Enter');
    await press(bio, 'Danh sách');
    await admin.keyboard.type('Cử nhân Luật');
    await admin.keyboard.press('Enter');
    await admin.keyboard.type('Thạc sĩ Quản lý công');
    await admin.keyboard.press('Enter');
    await admin.keyboard.press('Enter');
    await admin.keyboard.type('Trang cổng tỉnh');
    await selectBack(admin, 'cổng tỉnh'.length);
    await linkSelection(admin, bio, 'https://dongthap.gov.vn');
    await checkPage(admin, 'tieu-su');
    await submit(admin, 'Lưu nháp', /\?ok=luu/);
    await open(admin, `${suite.portal.baseUrl}/quan-tri/gioi-thieu`);
    await submit(admin, 'Gửi duyệt', /[?&]ok=gui-duyet/);
    const approver = await suite.signedInPage(APPROVER);
    await open(approver, `${suite.portal.baseUrl}/quan-tri/gioi-thieu`);
    await submit(approver, 'Duyệt và xuất bản', /[?&]ok=xuat-ban/);

    const visitor = await suite.newPage();
    await openFresh(visitor, `${suite.portal.baseUrl}/gioi-thieu/lanh-dao`, /Thạc sĩ Quản lý công/);
    const person = visitor.locator('main .article-body').filter({ hasText: 'Sinh năm 1972' });
    assert.equal(normalizeSpace(await person.locator('strong').innerText()), 'Sa Đéc');
    assert.deepEqual((await person.locator('ul > li').allInnerTexts()).map(normalizeSpace), ['Cử nhân Luật', 'Thạc sĩ Quản lý công']);
    assert.equal(await person.getByRole('link', { name: 'cổng tỉnh' }).getAttribute('href'), 'https://dongthap.gov.vn');
    await checkPage(visitor, 'cong-lanh-dao');
  });

  it('a Q&A handler answers with a link to the document and numbered steps; the approved answer shows them to the resident', async () => {
    const resident = await suite.newPage(PHONE);
    await open(resident, `${suite.portal.baseUrl}/hoi-dap/gui`);
    await resident.locator('#name').fill('Đỗ Thị Hoa');
    await resident.locator('#address').fill('8 Nguyễn Huệ, Phường 1');
    await resident.locator('#phone').fill('0909 333 444');
    await resident.locator('#title').fill(TITLE);
    await resident.locator('#content').fill('Con tôi mới sinh, xin hỏi cần giấy tờ gì.');
    await resident.getByLabel(/Tôi đồng ý để cơ quan công khai/).check();
    // The portal refuses a form sent faster than a person fills it (3 s).
    await resident.waitForTimeout(3_100);
    await Promise.all([resident.waitForURL(/\/hoi-dap\/da-gui\?ma=/), resident.getByRole('button', { name: 'Gửi câu hỏi' }).click()]);
    const code = normalizeSpace(await resident.locator('.qa-code').innerText());

    const handler = await suite.signedInPage(EDITOR);
    await open(handler, `${suite.portal.baseUrl}/quan-tri/hoi-dap`);
    await Promise.all([handler.waitForURL(/\/quan-tri\/hoi-dap\/\d+$/), handler.getByRole('link', { name: TITLE }).click()]);
    const answer = editorOf(handler, 'Nội dung trả lời');
    await answer.text.click();
    await handler.keyboard.type('Theo Nghị định 123/2015/NĐ-CP');
    await selectBack(handler, 'Nghị định 123/2015/NĐ-CP'.length);
    await linkSelection(handler, answer, '/van-ban');
    await handler.keyboard.press('End');
    await handler.keyboard.type(', ông bà làm như sau:');
    await handler.keyboard.press('Enter');
    await press(answer, 'Danh sách số');
    await handler.keyboard.type('Nộp tờ khai tại Bộ phận một cửa');
    await handler.keyboard.press('Enter');
    await handler.keyboard.type('Nhận giấy khai sinh trong ngày');
    await checkPage(handler, 'tra-loi');
    await submit(handler, 'Gửi duyệt', /\?ok=gui-duyet$/);

    const leader = await suite.signedInPage(APPROVER);
    await open(leader, handler.url());
    assert.deepEqual((await leader.locator('.qa-draft ol > li').allInnerTexts()).map(normalizeSpace), [
      'Nộp tờ khai tại Bộ phận một cửa',
      'Nhận giấy khai sinh trong ngày',
    ]);
    await leader.getByLabel(/Công khai hỏi đáp trên trang Hỏi đáp/).check();
    await submit(leader, 'Duyệt và xuất bản', /\?ok=xuat-ban$/);

    await open(resident, `${suite.portal.baseUrl}/hoi-dap/tra-cuu?ma=${code}`);
    const shown = resident.locator('.qa-answer');
    assert.equal(await shown.getByRole('link', { name: 'Nghị định 123/2015/NĐ-CP' }).getAttribute('href'), '/van-ban');
    assert.deepEqual((await shown.locator('ol > li').allInnerTexts()).map(normalizeSpace), [
      'Nộp tờ khai tại Bộ phận một cửa',
      'Nhận giấy khai sinh trong ngày',
    ]);
    await checkPage(resident, 'tra-cuu-tra-loi');
  });
});
