/**
 * Hỏi đáp in a real browser: a resident on a 360 px phone sends a question
 * and gets a code; an editor drafts the answer and submits it, a leader who
 * did not write it approves and publishes it; the resident reads the answer by
 * code. Every new page passes axe at 1280 and 360 px,
 * does not scroll sideways, and is screenshotted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, normalizeSpace } from '../support/browser.ts';
import { checkAtBothWidths, openPage as open, useBrowserSuite } from '../support/browser-suite.ts';

const RESIDENT = { name: 'Võ Thị Riêng Tư', address: '45 Hẻm Riêng, Phường 1', phone: '0909 111 222' };
const TITLE = 'Xin hỏi lịch thu gom rác ở khóm 3';
const ANSWER = 'Xe thu gom rác chạy khóm 3 vào 17 giờ các ngày thứ Hai, thứ Tư và thứ Sáu.';

/** axe, no sideways scroll and a screenshot, at 1280 and at 360 px. */
const checkPage = (page: Page, name: string) => checkAtBothWidths(page, { shot: `hoi-dap-${name}`, label: name, h1: 'unchecked' });

describe('hỏi đáp: người dân gửi trên điện thoại, cán bộ trả lời và công khai', () => {
  const suite = useBrowserSuite();
  let code = '';

  it('a resident on a 360 px phone sends a question and gets a tracking code', async () => {
    const phone = await suite.newPage(PHONE);
    await open(phone, `${suite.portal.baseUrl}/hoi-dap/gui`);
    await checkPage(phone, 'gui');
    // An empty form first: errors beside the fields, in Vietnamese.
    await phone.waitForTimeout(3_100);
    await Promise.all([phone.waitForURL(/\/hoi-dap\/gui$/), phone.getByRole('button', { name: 'Gửi câu hỏi' }).click()]);
    assert.match(normalizeSpace(await phone.locator('#name-loi').innerText()), /hãy nhập họ và tên/);
    assert.match(normalizeSpace(await phone.locator('#phone-loi').innerText()), /số điện thoại hoặc thư điện tử/);
    await checkPage(phone, 'gui-loi');

    await phone.locator('#name').fill(RESIDENT.name);
    await phone.locator('#address').fill(RESIDENT.address);
    await phone.locator('#phone').fill(RESIDENT.phone);
    await phone.locator('#title').fill(TITLE);
    await phone.locator('#content').fill('Xin cho biết xe rác chạy giờ nào để gia đình để rác đúng giờ.');
    await phone.getByLabel(/Tôi đồng ý để cơ quan công khai/).check();
    // A person takes more than 3 s to fill the form; the portal refuses faster posts.
    await phone.waitForTimeout(3_100);
    await Promise.all([phone.waitForURL(/\/hoi-dap\/da-gui\?ma=/), phone.getByRole('button', { name: 'Gửi câu hỏi' }).click()]);
    code = normalizeSpace(await phone.locator('.qa-code').innerText());
    assert.match(code, /^HD-\d{4}-[A-Z0-9]{8}$/);
    assert.match(normalizeSpace(await phone.locator('.qa-receipt').innerText()), /Hạn trả lời: \d{2}\/\d{2}\/\d{4}/);
    await checkPage(phone, 'da-gui');

    await phone.getByRole('link', { name: `Tra cứu câu hỏi ${code}` }).click();
    await phone.waitForLoadState('load');
    assert.match(normalizeSpace(await phone.locator('.qa-status').innerText()), /Trạng thái: Đã tiếp nhận/);
    await checkPage(phone, 'tra-cuu');
  });

  it('an editor answers and submits, a leader approves and publishes; every admin page passes axe', async () => {
    assert.ok(code, 'the first step produced a code');
    const editor = await suite.signedInPage('bientap@phuong1.demo', DESKTOP);
    await open(editor, `${suite.portal.baseUrl}/quan-tri/hoi-dap`);
    await checkPage(editor, 'quan-tri-danh-sach');
    await editor.getByRole('link', { name: TITLE }).click();
    await editor.waitForLoadState('load');
    assert.ok((await editor.locator('main').innerText()).includes(RESIDENT.phone), 'staff see the personal details');
    await checkPage(editor, 'quan-tri-chi-tiet');
    await editor.getByRole('textbox', { name: 'Nội dung trả lời' }).fill(ANSWER);
    await Promise.all([editor.waitForURL(/\?ok=gui-duyet$/), editor.getByRole('button', { name: 'Gửi duyệt' }).click()]);
    assert.match(normalizeSpace(await editor.locator('main').innerText()), /Câu trả lời chờ duyệt/);
    await open(editor, `${suite.portal.baseUrl}/quan-tri/hoi-dap/ngay-nghi`);
    await checkPage(editor, 'quan-tri-ngay-nghi');

    // Until a leader approves it, the resident still reads "Đang xử lý" and no answer.
    const phone = await suite.newPage(PHONE);
    await open(phone, `${suite.portal.baseUrl}/hoi-dap/tra-cuu?ma=${code}`);
    const waiting = normalizeSpace(await phone.locator('.qa-status').innerText());
    assert.match(waiting, /Trạng thái: Đang xử lý/);
    assert.ok(!waiting.includes(ANSWER));

    const leader = await suite.signedInPage('lanhdao@phuong1.demo', DESKTOP);
    await open(leader, `${suite.portal.baseUrl}/quan-tri/hoi-dap?trang_thai=review`);
    await leader.getByRole('link', { name: TITLE }).click();
    await leader.waitForLoadState('load');
    await checkPage(leader, 'quan-tri-duyet');
    await leader.getByLabel(/Công khai hỏi đáp trên trang Hỏi đáp/).check();
    await Promise.all([leader.waitForURL(/\?ok=xuat-ban$/), leader.getByRole('button', { name: 'Duyệt và xuất bản' }).click()]);
    assert.match(normalizeSpace(await leader.locator('main').innerText()), /Thôi công khai/);
  });

  it('the resident reads the answer by code; the published Q&A shows no personal details', async () => {
    const phone = await suite.newPage(PHONE);
    await open(phone, `${suite.portal.baseUrl}/hoi-dap/tra-cuu`);
    await phone.getByLabel(/Mã tra cứu/).fill(code);
    await Promise.all([phone.waitForURL(/\?ma=/), phone.getByRole('button', { name: 'Tra cứu' }).click()]);
    const status = normalizeSpace(await phone.locator('.qa-status').innerText());
    assert.match(status, /Trạng thái: Đã trả lời/);
    assert.ok(status.includes(ANSWER));
    await checkPage(phone, 'tra-cuu-da-tra-loi');

    await open(phone, `${suite.portal.baseUrl}/hoi-dap?q=thu+gom+rac`);
    await checkPage(phone, 'danh-sach');
    await phone.getByRole('link', { name: TITLE }).click();
    await phone.waitForLoadState('load');
    const text = await phone.locator('main').innerText();
    assert.ok(text.includes(ANSWER));
    for (const value of Object.values(RESIDENT)) assert.ok(!text.includes(value), `the public page must not show ${value}`);
    await checkPage(phone, 'chi-tiet');
  });
});
