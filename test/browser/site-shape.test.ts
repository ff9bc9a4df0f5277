/**
 * The site admin shapes the site in a real browser, pressing what a person
 * presses, in that order, with the usual mistakes: a slug already taken, a
 * link without http://, a colour that is not in the palette, a PDF as the
 * logo, a featured end date in the past, a wrong e-mail address. Each
 * mistake gets a Vietnamese error, keeps what was typed, and stores nothing;
 * each change shows on the public site. On SQLite and PostgreSQL; on SQLite
 * every screen is also checked at 1280 and 360 px (one h1, axe, no sideways
 * scroll) and photographed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { DEMO_PASSWORD } from '../../src/services/demo/demo-content.ts';
import {
  DESKTOP,
  PHONE,
  type Portal,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  launchBrowser,
  normalizeSpace,
  screenshot,
  signIn,
  startPortal,
} from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';

const SITE_ADMIN = 'quantri@phuong1.demo';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const png = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();

/** One h1, axe, no sideways scroll and a screenshot at both widths; every failure reported together. */
async function checkPage(page: Page, name: string): Promise<void> {
  const failures: string[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    const where = `${name} @${viewport.width}px`;
    for (const check of [
      async () => assert.equal(await page.locator('h1').count(), 1, `${where}: cần đúng một h1`),
      () => expectNoAxeViolations(page, where),
      () => expectNoHorizontalScroll(page, where),
    ]) {
      await check().catch((error: unknown) => failures.push(error instanceof Error ? error.message : String(error)));
    }
    await screenshot(page, `giao-dien-${name}-${viewport.width}`);
  }
  await page.setViewportSize(DESKTOP);
  if (failures.length) assert.fail(failures.join('\n\n'));
}

/** Presses a button (or link) that submits and waits for the page it leads to. */
async function press(page: Page, name: string, role: 'button' | 'link' = 'button'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole(role, { name, exact: true }).click()]);
}

/** Presses a tab of the settings pages. */
async function tab(page: Page, name: string): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Các mục cài đặt' }).getByRole('link', { name, exact: true });
  await Promise.all([page.waitForEvent('load'), link.click()]);
}

/** Waits until a check of the public site holds: other processes see a change within a poll of page events (250 ms). */
async function eventually(check: () => Promise<boolean>, what: string, seen: () => Promise<string> = async () => ''): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`trang công khai không đổi: ${what}; đang thấy: ${await seen()}`);
}

const errorText = async (page: Page) => normalizeSpace(await page.locator('.error-summary').innerText());
const notice = async (page: Page) => normalizeSpace(await page.locator('main .notice').innerText());

for (const dialect of DIALECTS) {
  const looks = dialect === 'sqlite';
  describe(`quản trị site sửa chuyên mục, danh mục, trang chủ, giao diện, tin nổi bật [${dialect}]`, () => {
    let portal: Portal;
    let browser: Browser;
    let admin: Page;
    let visitor: Page;
    const publicMenu = async (path = '/') => {
      await visitor.goto(`${portal.baseUrl}${path}`);
      return (await visitor.getByRole('navigation', { name: 'Danh mục chính' }).locator('li a').allInnerTexts()).map(normalizeSpace);
    };
    /** Opens a public page and waits until it shows what a change made it show. */
    const visit = async (path: string, check: () => Promise<boolean>, what: string) =>
      eventually(
        async () => {
          await visitor.goto(`${portal.baseUrl}${path}`);
          return check();
        },
        what,
        async () =>
          `${visitor.url()} ${normalizeSpace(await visitor.locator('header').innerText()).slice(0, 200)} | ${normalizeSpace(await visitor.locator('main').innerText()).slice(0, 300)}`,
      );
    const mediaCount = async () => {
      await admin.goto(`${portal.baseUrl}/quan-tri/media`);
      return admin.locator('.media-grid .media-item').count();
    };

    before(async () => {
      portal = await startPortal({ dialect });
      browser = await launchBrowser();
      admin = await (await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' })).newPage();
      visitor = await (await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' })).newPage();
      // A visitor who has not been here in the last minute: pages are sent with max-age=60.
      const devtools = await visitor.context().newCDPSession(visitor);
      await devtools.send('Network.enable');
      await devtools.send('Network.setCacheDisabled', { cacheDisabled: true });
      await signIn(admin, portal.baseUrl, SITE_ADMIN, DEMO_PASSWORD);
    });
    after(async () => {
      await browser?.close();
      await portal?.close();
    });

    it('chuyên mục: a taken slug is refused with the form kept; added, renamed (old address redirects), hidden, moved up', async () => {
      await press(admin, 'Cài đặt', 'link');
      await tab(admin, 'Chuyên mục');
      assert.equal(normalizeSpace(await admin.locator('h1').innerText()), 'Chuyên mục');
      if (looks) await checkPage(admin, 'chuyen-muc');
      const rows = () => admin.locator('.shape-list .shape-item-name a').allInnerTexts();
      const before = await rows();

      await admin.getByLabel('Tên chuyên mục').fill('Công khai ngân sách');
      await admin.getByLabel('Đường dẫn').fill('tin-tuc');
      await admin.getByLabel('Loại').selectOption({ label: 'Công khai' });
      await press(admin, 'Thêm chuyên mục');
      assert.match(await errorText(admin), /Đường dẫn: đường dẫn “tin-tuc” đã dùng cho chuyên mục “Tin tức”/);
      assert.equal(await admin.getByLabel('Tên chuyên mục').inputValue(), 'Công khai ngân sách');
      assert.equal(await admin.getByLabel('Loại').inputValue(), 'disclosure');
      assert.deepEqual(await rows(), before, 'nothing was added');
      if (looks) await checkPage(admin, 'chuyen-muc-loi');

      await admin.getByLabel('Đường dẫn').fill('');
      await press(admin, 'Thêm chuyên mục');
      assert.equal(await notice(admin), 'Đã lưu chuyên mục.');
      assert.deepEqual(await rows(), [...before, 'Công khai ngân sách']);

      await press(admin, 'Sửa “Việc làm ngoài nước”', 'link');
      if (looks) await checkPage(admin, 'chuyen-muc-sua');
      await admin.getByLabel('Tên chuyên mục').fill('Lao động ngoài nước');
      await admin.getByLabel('Đường dẫn').fill('lao-dong-ngoai-nuoc');
      await press(admin, 'Lưu chuyên mục');
      await visitor.goto(`${portal.baseUrl}/chuyen-muc/viec-lam-ngoai-nuoc`);
      assert.equal(new URL(visitor.url()).pathname, '/chuyen-muc/lao-dong-ngoai-nuoc');
      assert.equal(normalizeSpace(await visitor.locator('h1').innerText()), 'Lao động ngoài nước');

      await press(admin, 'Sửa “Tài liệu”', 'link');
      await admin.getByLabel('Ẩn chuyên mục').check();
      await press(admin, 'Lưu chuyên mục');
      await press(admin, 'Lên “Công khai ngân sách”');
      assert.deepEqual((await rows()).slice(-2), ['Công khai ngân sách', 'Lao động ngoài nước']);
      const expected =
        'Trang chủ, Tin tức, Thông báo, Lao động ngoài nước, Công khai ngân sách, Giới thiệu, Văn bản, Công khai, Lịch công tác, Hỏi đáp, Lấy ý kiến dự thảo, Vận động – cứu trợ';
      await eventually(async () => (await publicMenu()).join(', ') === expected, `danh mục: ${expected} (không còn Tài liệu, đã ẩn)`);
      assert.equal((await visitor.goto(`${portal.baseUrl}/chuyen-muc/tai-lieu`))?.status(), 200, 'a hidden category still answers');
    });

    it('danh mục chính: a link without http:// is refused with what was typed kept; then added and moved up', async () => {
      await tab(admin, 'Danh mục chính');
      if (looks) await checkPage(admin, 'danh-muc');
      await admin.locator('#label').fill('Dịch vụ công');
      await admin.locator('#target').fill('dichvucong.gov.vn');
      await press(admin, 'Đưa liên kết vào danh mục');
      assert.match(await errorText(admin), /Địa chỉ: phải là đường dẫn trong cổng/);
      assert.equal(await admin.locator('#target').inputValue(), 'dichvucong.gov.vn');
      assert.equal(await admin.locator('#label').inputValue(), 'Dịch vụ công');
      if (looks) await checkPage(admin, 'danh-muc-loi');
      await admin.locator('#target').fill('https://dichvucong.gov.vn');
      await press(admin, 'Đưa liên kết vào danh mục');
      assert.equal(await notice(admin), 'Đã lưu danh mục chính.');
      await press(admin, 'Lên “Dịch vụ công”');
      await eventually(async () => (await publicMenu()).slice(-2).join(', ') === 'Dịch vụ công, Vận động – cứu trợ', 'Dịch vụ công trước Vận động – cứu trợ');
    });

    it('trang chủ: blocks chosen, one moved up, and the home page shows them in that order', async () => {
      await tab(admin, 'Trang chủ');
      if (looks) await checkPage(admin, 'trang-chu');
      await admin.getByLabel('Tài liệu', { exact: true }).uncheck();
      await admin.getByLabel('Hỏi đáp', { exact: true }).check();
      await admin.getByLabel('Công khai', { exact: true }).check();
      // "Lên" saves the choices too, and moves Công khai above Liên kết.
      await press(admin, 'Lên “Công khai”');
      assert.equal(await admin.getByLabel('Hỏi đáp', { exact: true }).isChecked(), true);
      await press(admin, 'Lưu trang chủ');
      assert.equal(await notice(admin), 'Đã lưu.');
      const boxes = async () =>
        (await visitor.locator('.home-side .box-title').allInnerTexts()).map((t) => normalizeSpace(t).toLocaleLowerCase('vi')).join(', ');
      await visit('/', async () => (await boxes()) === 'thông báo, công khai, liên kết, hỏi đáp', 'các khối: thông báo, công khai, liên kết, hỏi đáp');
    });

    it('giao diện: a colour off the palette and a PDF as logo are refused, nothing stored; then green, a logo and a banner reach the public pages', async () => {
      await press(admin, 'Cài đặt', 'link');
      await tab(admin, 'Giao diện');
      if (looks) await checkPage(admin, 'giao-dien');
      // A form sent with a value the palette does not have (an old page, or a hand-made request).
      await admin.locator('#mau-xanh-la').evaluate((radio: HTMLInputElement) => {
        radio.value = '#00ff00';
        radio.checked = true;
      });
      await press(admin, 'Lưu màu');
      assert.match(await errorText(admin), /Màu chủ đạo: hãy chọn một màu trong bảng màu/);
      const mediaBefore = await mediaCount();
      await admin.goto(`${portal.baseUrl}/quan-tri/cai-dat/giao-dien`);
      await admin.getByLabel('Chọn ảnh biểu trưng mới').setInputFiles({ name: 'bieu-trung.png', mimeType: 'image/png', buffer: PDF });
      await press(admin, 'Tải lên biểu trưng');
      assert.match(await errorText(admin), /Biểu trưng: tệp không phải ảnh/);
      if (looks) await checkPage(admin, 'giao-dien-loi');
      assert.equal(await mediaCount(), mediaBefore, 'nothing was stored');
      await visitor.goto(`${portal.baseUrl}/`);
      assert.equal(await visitor.locator('html').getAttribute('data-accent'), null);

      await admin.goto(`${portal.baseUrl}/quan-tri/cai-dat/giao-dien`);
      await admin.getByLabel('Xanh lá').check();
      await press(admin, 'Lưu màu');
      await admin
        .getByLabel('Chọn ảnh biểu trưng mới')
        .setInputFiles({ name: 'bieu-trung.png', mimeType: 'image/png', buffer: await png(160, 160, '#f6c700') });
      await press(admin, 'Tải lên biểu trưng');
      assert.equal(await notice(admin), 'Đã lưu giao diện.');
      const masthead = () => visitor.locator('.masthead').evaluate((el) => getComputedStyle(el).backgroundColor);
      await visit(
        '/',
        async () => (await masthead()) === 'rgb(23, 105, 58)' && (await visitor.locator('.brand img.logo').count()) === 1,
        'màu xanh lá và biểu trưng',
      );
      if (looks) await checkPage(visitor, 'cong-xanh-la');

      await admin.getByLabel('Chọn ảnh đầu trang mới').setInputFiles({ name: 'bang-ron.png', mimeType: 'image/png', buffer: await png(1500, 250, '#17693a') });
      await press(admin, 'Tải lên ảnh đầu trang');
      await visit('/', async () => (await visitor.locator('.brand-banner img').count()) === 1, 'ảnh đầu trang');
      // The name stays in the page for screen readers and search engines, out of sight behind the banner.
      assert.equal(await visitor.locator('.brand-banner .visually-hidden .brand-name').count(), 1);
      if (looks) await checkPage(visitor, 'cong-anh-dau-trang');
      admin.once('dialog', (dialog) => void dialog.accept());
      await press(admin, 'Bỏ ảnh đầu trang');
      await visit('/', async () => (await visitor.locator('.brand-banner').count()) === 0, 'bỏ ảnh đầu trang');
    });

    it('tin nổi bật: the Trung thu story is unmarked (it still leads, as the newest news), a past end date refused, another marked until a day', async () => {
      await press(admin, 'Tin nổi bật', 'link');
      if (looks) await checkPage(admin, 'tin-noi-bat');
      const callout = async () => normalizeSpace(await admin.locator('main .callout').innerText());
      assert.match(await callout(), /ẤM ÁP CHƯƠNG TRÌNH TRUNG THU.*\(tin được đánh dấu nổi bật\)/);
      await press(admin, 'Bỏ nổi bật “ẤM ÁP CHƯƠNG TRÌNH TRUNG THU CHO TRẺ EM TRÊN ĐỊA BÀN PHƯỜNG 1”');
      assert.equal(await notice(admin), 'Đã bỏ đánh dấu tin nổi bật.');
      assert.match(await callout(), /ẤM ÁP CHƯƠNG TRÌNH TRUNG THU.*\(tin tức mới nhất, vì chưa có tin nào được đánh dấu\)/);
      assert.equal(normalizeSpace(await admin.locator('#dang-noi-bat').innerText()), 'Đang đánh dấu nổi bật (0)');
      const lead = async () => normalizeSpace(await visitor.locator('.lead-title').innerText());

      const choice = admin.getByLabel('Bài viết đã xuất bản');
      const value = await choice.locator('option', { hasText: 'BAN THƯỜNG VỤ ĐẢNG ỦY' }).getAttribute('value');
      await choice.selectOption(value!);
      await admin.getByLabel('Nổi bật đến hết ngày').fill('01/01/2020');
      await press(admin, 'Đánh dấu nổi bật');
      assert.match(await errorText(admin), /Nổi bật đến hết ngày: ngày kết thúc đã qua/);
      assert.equal(await choice.inputValue(), value);
      if (looks) await checkPage(admin, 'tin-noi-bat-loi');
      await admin.getByLabel('Nổi bật đến hết ngày').fill('31/12/2099');
      await press(admin, 'Đánh dấu nổi bật');
      assert.match(normalizeSpace(await admin.locator('.shape-list').innerText()), /BAN THƯỜNG VỤ ĐẢNG ỦY.*đến hết ngày 31\/12\/2099/);
      await visit('/', async () => /^BAN THƯỜNG VỤ ĐẢNG ỦY/.test(await lead()), 'tin vừa đánh dấu đứng đầu');
    });

    it('liên hệ chân trang: a wrong e-mail is refused with the form kept; the right one reaches the footer; all of it is in the audit log', async () => {
      await press(admin, 'Cài đặt', 'link');
      await admin.getByLabel('Điện thoại').fill('0277 3861 999');
      await admin.getByLabel('Thư điện tử').fill('phuong1@');
      await press(admin, 'Lưu cài đặt');
      assert.match(await errorText(admin), /Thư điện tử: thư điện tử không hợp lệ/);
      assert.equal(await admin.getByLabel('Điện thoại').inputValue(), '0277 3861 999');
      if (looks) await checkPage(admin, 'lien-he-loi');
      await admin.getByLabel('Thư điện tử').fill('ubnd.phuong1@dongthap.gov.vn');
      await press(admin, 'Lưu cài đặt');
      const footer = async () => normalizeSpace(await visitor.locator('.site-footer').innerText());
      await visit(
        '/',
        async () => /Điện thoại: 0277 3861 999/.test(await footer()) && /Thư điện tử: ubnd\.phuong1@dongthap\.gov\.vn/.test(await footer()),
        'liên hệ mới ở chân trang',
      );

      await admin.goto(`${portal.baseUrl}/quan-tri/nhat-ky`);
      const log = normalizeSpace(await admin.locator('main table').innerText());
      for (const action of [
        'Tạo chuyên mục',
        'Sửa chuyên mục',
        'Đổi thứ tự chuyên mục',
        'Thêm mục danh mục chính',
        'Đổi các khối trang chủ',
        'Đổi màu chủ đạo',
        'Đổi biểu trưng hoặc ảnh đầu trang',
        'Bỏ đánh dấu tin nổi bật',
        'Đánh dấu tin nổi bật',
        'Đổi cài đặt',
      ]) {
        assert.ok(log.includes(action), `nhật ký thiếu “${action}”`);
      }
    });
  });
}
