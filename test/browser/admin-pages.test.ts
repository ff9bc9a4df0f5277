/**
 * Every newsroom page (/quan-tri), as the site admin sees it and, for the
 * province level, as the platform admin: one h1, no axe violations (WCAG 2.1
 * A/AA), no sideways scrolling on a 360 px phone, and a screenshot at 1280
 * and 360 px. Plus the sign-in form used with the keyboard only.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/services/demo/demo-content.ts';
import { normalizeSpace } from '../support/browser.ts';
import { checkAtBothWidths, openPage, useBrowserSuite } from '../support/browser-suite.ts';

const SITE_ADMIN = 'quantri@phuong1.demo';
const PLATFORM_ADMIN = 'tinh@dongthap.demo';
/** A demo article with a picture in its body: the editor, its revisions and its preview. */
const EDITED_TITLE = 'BAN THƯỜNG VỤ ĐẢNG ỦY GẶP GỠ, TRAO ĐỔI VỚI CÁN BỘ VÀ NHÂN DÂN TRÊN ĐỊA BÀN PHƯỜNG 1 NĂM 2024';
const EDITED_SUMMARY = 'Ban Thường vụ Đảng ủy phường đối thoại trực tiếp, lắng nghe và trả lời ý kiến của cán bộ, nhân dân.';
/** A demo article that goes to the trash, so the trash page has a row. */
const TRASHED_TITLE = 'Những nội dung cốt lõi trong Di chúc của Chủ tịch Hồ Chí Minh';

/** Waits until the page is ready to be judged: loaded, and any rich editor mounted. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  if ((await page.locator('textarea[data-rich-editor]').count()) > 0) {
    await page.locator('textarea[data-rich-editor][data-rich-editor-mounted="true"]').first().waitFor({ state: 'attached' });
    await page.getByRole('textbox', { name: 'Nội dung bài viết' }).waitFor({ state: 'visible' });
  }
}

/** The checks every admin page must pass at 1280 and at 360 px: exactly one visible h1, axe, no sideways scroll, a screenshot. */
const checkPage = (page: Page, name: string, label: string) => checkAtBothWidths(page, { shot: `admin-${name}`, label, h1: 'one-visible', settle });

/** Goes to an admin address and fails unless the page itself (not a sign-in redirect or an error) answered. */
async function open(page: Page, url: string): Promise<void> {
  await openPage(page, url);
  assert.equal(new URL(page.url()).pathname, new URL(url).pathname, `GET ${url} bị chuyển tới ${page.url()}`);
}

describe('các trang quản trị: một h1, axe, không cuộn ngang ở 360 px, ảnh chụp', () => {
  const suite = useBrowserSuite();
  let admin: Page;
  let editedId = 0;

  /** The edit address of an article, from the newsroom's list. */
  async function articleUrl(title: string): Promise<string> {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/bai-viet`);
    const href = await admin.getByRole('link', { name: title, exact: true }).getAttribute('href');
    assert.ok(href && /^\/quan-tri\/bai-viet\/\d+$/.test(href), `không tìm thấy bài "${title}" trong danh sách`);
    return `${suite.portal.baseUrl}${href}`;
  }

  before(async () => {
    admin = await suite.signedInPage(SITE_ADMIN);

    // A second revision, so the revisions page shows a diff.
    const editUrl = await articleUrl(EDITED_TITLE);
    editedId = Number(editUrl.split('/').pop());
    await open(admin, editUrl);
    await settle(admin);
    await admin.locator('#summary').fill(EDITED_SUMMARY);
    await Promise.all([admin.waitForURL(/\?ok=luu$/), admin.getByRole('button', { name: 'Lưu', exact: true }).click()]);
    assert.equal(normalizeSpace(await admin.locator('main .notice').innerText()), 'Đã lưu.');

    // Something in the trash (the button asks for confirmation first).
    await open(admin, await articleUrl(TRASHED_TITLE));
    admin.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([
      admin.waitForURL(/\/quan-tri\/thung-rac\?ok=thung-rac$/),
      admin.getByRole('button', { name: 'Chuyển vào thùng rác', exact: true }).click(),
    ]);
  });

  it('trang đăng nhập (chưa đăng nhập)', async () => {
    const page = await suite.newPage();
    await open(page, `${suite.portal.baseUrl}/quan-tri/dang-nhap`);
    assert.equal(normalizeSpace(await page.locator('h1').innerText()), 'Đăng nhập quản trị');
    await checkPage(page, 'dang-nhap', 'Đăng nhập');
  });

  it('đăng nhập chỉ bằng bàn phím: Tab tới e-mail, mật khẩu, nút; Enter gửi', async () => {
    const page = await suite.newPage();
    await open(page, `${suite.portal.baseUrl}/quan-tri/dang-nhap`);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return { key: 'body', visible: false };
        const style = getComputedStyle(el);
        const key = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim()}`;
        return { key, visible: el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
      });

    await page.keyboard.press('Tab');
    const first = await focused();
    assert.equal(first.key, 'a:Bỏ qua, đến nội dung chính', 'điểm dừng Tab đầu tiên phải là liên kết bỏ qua');

    const visited: string[] = [first.key];
    for (let i = 0; i < 10 && visited[visited.length - 1] !== '#email'; i++) {
      await page.keyboard.press('Tab');
      visited.push((await focused()).key);
    }
    assert.equal(visited[visited.length - 1], '#email', `Tab không tới ô e-mail; đã qua: ${visited.join(' → ')}`);
    assert.ok((await focused()).visible, 'ô e-mail không có viền tiêu điểm nhìn thấy được');
    await page.keyboard.type(SITE_ADMIN);

    await page.keyboard.press('Tab');
    const password = await focused();
    assert.equal(password.key, '#password', 'Tab sau e-mail phải tới mật khẩu');
    assert.ok(password.visible, 'ô mật khẩu không có viền tiêu điểm nhìn thấy được');
    await page.keyboard.type(DEMO_PASSWORD);

    await page.keyboard.press('Tab');
    const button = await focused();
    assert.equal(button.key, 'button:Đăng nhập', 'Tab sau mật khẩu phải tới nút "Đăng nhập"');
    assert.ok(button.visible, 'nút "Đăng nhập" không có viền tiêu điểm nhìn thấy được');

    await Promise.all([page.waitForURL((url) => url.pathname === '/quan-tri'), page.keyboard.press('Enter')]);
    assert.equal(normalizeSpace(await page.locator('h1').innerText()), 'Bảng điều khiển');
  });

  it('bảng điều khiển', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri`);
    await checkPage(admin, 'bang-dieu-khien', 'Bảng điều khiển');
  });

  it('danh sách bài viết', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/bai-viet`);
    await checkPage(admin, 'bai-viet', 'Danh sách bài viết');
  });

  it('viết bài mới', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/bai-viet/moi`);
    await checkPage(admin, 'bai-viet-moi', 'Viết bài mới');
  });

  it('sửa bài viết (có ảnh trong nội dung)', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/bai-viet/${editedId}`);
    await settle(admin);
    assert.equal(await admin.getByRole('textbox', { name: 'Nội dung bài viết' }).locator('figure img').count(), 1, 'trình soạn thảo phải hiện ảnh của bài');
    await checkPage(admin, 'bai-viet-sua', 'Sửa bài viết');
  });

  it('lịch sử phiên bản (có khác biệt)', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/bai-viet/${editedId}/phien-ban`);
    assert.ok((await admin.locator('section.diff ins').count()) > 0, 'trang phiên bản phải hiện khác biệt giữa hai bản mới nhất');
    await checkPage(admin, 'phien-ban', 'Lịch sử phiên bản');
  });

  it('xem trước bài viết', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/bai-viet/${editedId}/xem-truoc`);
    await checkPage(admin, 'xem-truoc', 'Xem trước');
  });

  it('thư viện ảnh và tệp', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/media`);
    assert.ok((await admin.locator('.media-grid .media-item').count()) > 0, 'thư viện phải có ảnh mẫu');
    await checkPage(admin, 'media', 'Thư viện ảnh và tệp');
  });

  it('người dùng', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/nguoi-dung`);
    await checkPage(admin, 'nguoi-dung', 'Người dùng');
  });

  it('nhật ký', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/nhat-ky`);
    await checkPage(admin, 'nhat-ky', 'Nhật ký');
  });

  it('cài đặt', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/cai-dat`);
    await checkPage(admin, 'cai-dat', 'Cài đặt');
  });

  it('tài khoản', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/tai-khoan`);
    await checkPage(admin, 'tai-khoan', 'Tài khoản');
  });

  it('tài khoản: đang bật xác thực hai bước (mã QR)', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/tai-khoan`);
    await Promise.all([
      admin.waitForURL((url) => url.pathname === '/quan-tri/tai-khoan' && url.hash === '#hai-buoc'),
      admin.getByRole('button', { name: 'Bật xác thực hai bước', exact: true }).click(),
    ]);
    await admin.waitForLoadState('load');
    assert.equal(await admin.locator('.qr svg').count(), 1, 'phải có mã QR');
    assert.match(normalizeSpace(await admin.locator('code.secret').innerText()), /^[A-Z2-7]{16,}$/);
    assert.ok(await admin.getByLabel('Mã xác thực').isVisible(), 'phải có ô "Mã xác thực"');
    await checkPage(admin, 'tai-khoan-2fa', 'Tài khoản, bật xác thực hai bước');
  });

  it('thùng rác (có một bài)', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/thung-rac`);
    assert.equal(await admin.getByRole('link', { name: TRASHED_TITLE, exact: true }).count(), 1, 'bài vừa xóa phải ở trong thùng rác');
    await checkPage(admin, 'thung-rac', 'Thùng rác');
  });

  it('hệ thống (quản trị tỉnh)', async () => {
    const page = await suite.signedInPage(PLATFORM_ADMIN);
    await open(page, `${suite.portal.baseUrl}/quan-tri/he-thong`);
    assert.equal(normalizeSpace(await page.locator('h1').innerText()), 'Quản trị hệ thống');
    await checkPage(page, 'he-thong', 'Hệ thống');
    await page.getByRole('link', { name: 'Từ viết tắt khi tìm kiếm' }).click();
    await page.getByLabel('Từ viết tắt (ví dụ: HTX)').fill('HTX');
    await page.getByLabel('Viết đầy đủ (ví dụ: hợp tác xã)').fill('htx');
    await page.getByRole('button', { name: 'Thêm' }).click();
    await settle(page);
    assert.ok(await page.locator('#long_form-loi').isVisible(), 'viết đầy đủ trùng từ viết tắt thì báo lỗi cạnh ô');
    assert.equal(await page.getByLabel('Từ viết tắt (ví dụ: HTX)').inputValue(), 'HTX', 'giữ lại chữ đã gõ');
    await page.getByLabel('Viết đầy đủ (ví dụ: hợp tác xã)').fill('hợp tác xã');
    await page.getByRole('button', { name: 'Thêm' }).click();
    await settle(page);
    assert.equal(await page.getByRole('cell', { name: 'hợp tác xã', exact: true }).count(), 1);
    await checkPage(page, 'viet-tat', 'Từ viết tắt khi tìm kiếm');
  });

  it('gộp cổng (quản trị tỉnh): tạo cổng của xã cũ, gộp vào Phường 1 qua biểu mẫu, xem báo cáo, hoàn tác', async () => {
    const page = await suite.signedInPage(PLATFORM_ADMIN);
    await open(page, `${suite.portal.baseUrl}/quan-tri/he-thong`);
    await page.locator('#name').fill('Xã Tân Phú');
    await page.locator('#province').fill('Đồng Tháp');
    await page.locator('#host').fill('tanphu.test');
    await page.locator('#address').fill('Ấp Tân Phú, xã Tân Phú');
    await page.locator('#phone').fill('0277 3800 100');
    await page.locator('#email').fill('tanphu@dongthap.gov.vn');
    await page.locator('#responsible_person').fill('Trần Văn Phú');
    await Promise.all([page.waitForURL(/\?ok=cong-moi$/), page.getByRole('button', { name: 'Tạo cổng', exact: true }).click()]);
    await Promise.all([page.waitForURL(/\/gop-cong$/), page.getByRole('link', { name: 'Gộp cổng của các đơn vị cũ vào đơn vị mới' }).click()]);
    const wardOption = await page.locator('#into option', { hasText: 'Phường 1 – localhost' }).getAttribute('value');
    await page.locator('#into').selectOption(wardOption!);
    await Promise.all([page.waitForURL(/\/gop-cong$/), page.getByRole('button', { name: 'Gộp (chưa xác nhận)' }).click()]);
    assert.match(normalizeSpace(await page.locator('.error-summary').innerText()), /Cổng của các đơn vị cũ/);
    await checkPage(page, 'gop-cong-loi', 'Gộp cổng (lỗi)');
    await page.getByLabel(/^Xã Tân Phú/).check();
    await Promise.all([page.waitForURL(/\/gop-cong\/\d+\?ok=gop$/), page.getByRole('button', { name: 'Gộp (chưa xác nhận)' }).click()]);
    assert.equal(normalizeSpace(await page.locator('main .notice').innerText()), 'Đã gộp. Kiểm tra cổng mới rồi xác nhận, hoặc hoàn tác.');
    assert.match(normalizeSpace(await page.locator('tbody th').first().innerText()), /^Xã Tân Phú tanphu\.test$/);
    await checkPage(page, 'gop-cong-bao-cao', 'Lần gộp');
    await Promise.all([page.waitForURL(/\?ok=hoan-tac-gop$/), page.getByRole('button', { name: 'Hoàn tác' }).click()]);
    assert.equal(await page.getByRole('button', { name: 'Xác nhận gộp' }).count(), 0);
    await open(page, `${suite.portal.baseUrl}/quan-tri/he-thong/gop-cong`);
    await checkPage(page, 'gop-cong', 'Gộp cổng');
  });

  it('hệ thống không mở cho quản trị site', async () => {
    const response = await admin.goto(`${suite.portal.baseUrl}/quan-tri/he-thong`, { waitUntil: 'load' });
    assert.equal(response?.status(), 403);
  });
});
