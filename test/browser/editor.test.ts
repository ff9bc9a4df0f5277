/**
 * The article editor bundle (public/assets/editor.js) in real Chromium, on a
 * page served with the admin's strict CSP by a small HTTP server that really
 * parses the uploads and autosaves it receives (the link addresses it
 * accepts: test/unit/editor-url.test.ts).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ASSETS,
  CSRF,
  INITIAL_FIGURE,
  INITIAL_FIGURE_NO_CAPTION,
  INITIAL_HTML,
  ROOT,
  SAVED_AT,
  SCREENSHOTS,
  body,
  caretToEnd,
  makePng,
  move,
  openEditor,
  startServer,
  synced,
  tool,
} from '../support/editor-page.ts';
import { expectNoAxeViolations, launchBrowser } from '../support/browser.ts';

describe('trình soạn thảo bài viết (editor.js) trong Chromium', () => {
  let browser: Browser;
  let baseUrl: string;
  let srv: ReturnType<typeof startServer>;
  const png = makePng(160, 90, [163, 22, 27]);

  before(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-editor.mjs')], { cwd: ROOT, stdio: 'pipe' });
    for (const f of ['editor.js', 'editor.css']) assert.ok(fs.existsSync(path.join(ASSETS, f)), `thiếu ${f}`);
    srv = startServer();
    await new Promise<void>((resolve) => srv.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(srv.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => srv?.server.close(resolve));
  });

  describe('màn hình 1280 px', () => {
    let page: Page;
    let context: BrowserContext;
    let assertClean: () => Promise<void>;

    before(async () => {
      ({ page, context, assertClean } = await openEditor(browser, baseUrl, { width: 1280, height: 900 }));
    });
    after(async () => {
      await context?.close();
    });

    it('gắn trình soạn thảo trước textarea, ẩn textarea nhưng vẫn giữ trong form', async () => {
      const textarea = page.locator('textarea[name="body_html"]');
      assert.equal(await textarea.isHidden(), true);
      assert.equal(await textarea.evaluate((t) => (t as HTMLTextAreaElement).form?.id !== undefined), true);
      assert.equal(await textarea.evaluate((t) => t.previousElementSibling?.classList.contains('xp-editor')), true);
      assert.equal(await textarea.evaluate((t) => (t as HTMLTextAreaElement).required), false, 'required chuyển sang aria-required');
      const content = page.getByRole('textbox', { name: 'Nội dung bài viết' });
      assert.equal(await content.getAttribute('aria-multiline'), 'true');
      assert.equal(await content.getAttribute('aria-required'), 'true');
      assert.equal(await content.getAttribute('contenteditable'), 'true');
      assert.equal(await page.getByRole('toolbar', { name: 'Định dạng nội dung' }).count(), 1);
      // Untouched, the textarea still holds the server's markup as it was.
      assert.equal(await body(page), INITIAL_HTML);
      // Both initial figures are shown with their pictures.
      const imgs = page.locator('.xp-ed-content figure img');
      assert.equal(await imgs.count(), 2);
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll<HTMLImageElement>('.xp-ed-content img')).every((i) => i.complete && i.naturalWidth === 160),
      );
    });

    it('gõ chữ rồi in đậm thành <strong> trong textarea; các hình có sẵn giữ nguyên', async () => {
      await caretToEnd(page);
      await page.keyboard.press('Enter');
      await page.keyboard.type('Chữ đậm');
      await move(page, 'Shift+Home');
      await tool(page, 'In đậm').click();
      assert.equal(await tool(page, 'In đậm').getAttribute('aria-pressed'), 'true');
      const html = await body(page);
      assert.ok(html.includes('<p><strong>Chữ đậm</strong></p>'), html);
      // The round trip keeps the existing figures exactly.
      assert.ok(html.includes(INITIAL_FIGURE), `mất hình có chú thích:\n${html}`);
      assert.ok(html.includes(INITIAL_FIGURE_NO_CAPTION), `mất hình không chú thích:\n${html}`);
      assert.ok(html.startsWith('<p>Mở đầu bài viết về <em>hội nghị</em>.</p>'), html);
    });

    it('tiêu đề 2 và danh sách', async () => {
      await move(page, 'End');
      await page.keyboard.press('Enter');
      await tool(page, 'In đậm').click(); // bold off again
      await tool(page, 'Tiêu đề 2').click();
      assert.equal(await tool(page, 'Tiêu đề 2').getAttribute('aria-pressed'), 'true');
      await page.keyboard.type('Kết quả nổi bật');
      await page.keyboard.press('Enter');
      await tool(page, 'Danh sách').click();
      await page.keyboard.type('Thu ngân sách đạt kế hoạch');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Hoàn thành chỉ tiêu');
      assert.equal(await tool(page, 'Danh sách').getAttribute('aria-pressed'), 'true');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter'); // leaves the list
      const html = await body(page);
      assert.ok(html.includes('<h2>Kết quả nổi bật</h2>'), html);
      assert.ok(html.includes('<ul><li><p>Thu ngân sách đạt kế hoạch</p></li><li><p>Hoàn thành chỉ tiêu</p></li></ul>'), html);
      assert.equal(await tool(page, 'Danh sách').getAttribute('aria-pressed'), 'false');
    });

    it('liên kết: từ chối javascript:, nhận https', async () => {
      await page.keyboard.type('Cổng Chính phủ');
      await move(page, 'Shift+Home');
      await tool(page, 'Liên kết').click();
      const dialog = page.getByRole('dialog', { name: 'Thêm liên kết' });
      await dialog.waitFor();
      const url = dialog.getByLabel('Địa chỉ liên kết (URL)');
      assert.equal(await url.evaluate((el) => el === document.activeElement), true, 'ô URL được focus');
      await url.fill('javascript:alert(1)');
      await dialog.getByRole('button', { name: 'Áp dụng' }).click();
      assert.equal(await url.getAttribute('aria-invalid'), 'true');
      assert.match(await dialog.locator('.xp-ed-field-error').first().innerText(), /Địa chỉ không hợp lệ/);
      assert.equal(await dialog.isVisible(), true);
      await url.fill('https://chinhphu.vn');
      await dialog.getByRole('button', { name: 'Áp dụng' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const html = await body(page);
      assert.ok(html.includes('<p><a href="https://chinhphu.vn">Cổng Chính phủ</a></p>'), html);
      assert.ok(!html.includes('javascript:'), html);
      // Editing the link offers "Gỡ liên kết".
      await move(page, 'ArrowLeft');
      await tool(page, 'Liên kết').click();
      const edit = page.getByRole('dialog', { name: 'Sửa liên kết' });
      await edit.waitFor();
      assert.equal(await edit.getByLabel('Địa chỉ liên kết (URL)').inputValue(), 'https://chinhphu.vn');
      await edit.getByRole('button', { name: 'Hủy' }).click();
      await edit.waitFor({ state: 'hidden' });
      await move(page, 'End');
      await page.keyboard.press('Enter');
    });

    it('ảnh: không có mô tả thì không gửi; có lỗi máy chủ thì hiện; đủ thì chèn đúng mã figure', async () => {
      await tool(page, 'Ảnh').click();
      const dialog = page.getByRole('dialog', { name: 'Chèn ảnh' });
      await dialog.waitFor();
      await dialog.getByLabel('Tệp ảnh').setInputFiles({ name: 'le-trao-giai.png', mimeType: 'image/png', buffer: png });
      await dialog.getByRole('button', { name: 'Tải lên' }).click();
      const alt = dialog.getByLabel('Mô tả ảnh');
      assert.equal(await alt.getAttribute('aria-invalid'), 'true');
      const altError = alt.locator('xpath=following-sibling::p[contains(@class,"xp-ed-field-error")]');
      assert.equal(await altError.isVisible(), true);
      assert.match(await altError.innerText(), /Hãy nhập mô tả ảnh/);
      assert.equal(await alt.evaluate((el) => el === document.activeElement), true);
      assert.equal(srv.uploads.length, 0, 'không được gửi ảnh khi thiếu mô tả');

      // A server-side refusal is shown in the dialog, next to the field it names.
      await alt.fill('Trao giải cho tập thể xuất sắc');
      await dialog.getByLabel('Tệp ảnh').setInputFiles({ name: 'qua-lon.png', mimeType: 'image/png', buffer: png });
      await dialog.getByRole('button', { name: 'Tải lên' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'Ảnh chưa tải lên được.' }).waitFor();
      assert.match(await dialog.getByText('Ảnh quá lớn (tối đa 10 MB).').innerText(), /quá lớn/);
      assert.equal(srv.uploads.length, 1);

      await dialog.getByLabel('Tệp ảnh').setInputFiles({ name: 'le-trao-giai.png', mimeType: 'image/png', buffer: png });
      await dialog.getByLabel('Chú thích').fill('Lãnh đạo phường trao giải & khen thưởng');
      await dialog.getByRole('button', { name: 'Tải lên' }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(srv.uploads.length, 2);
      const sent = srv.uploads[1]!;
      assert.equal(sent.csrf, CSRF);
      assert.equal(sent.accept, 'application/json');
      assert.equal(sent.alt, 'Trao giải cho tập thể xuất sắc');
      assert.equal(sent.caption, 'Lãnh đạo phường trao giải & khen thưởng');
      assert.equal(sent.name, 'le-trao-giai.png');
      assert.equal(sent.type, 'image/png');
      assert.deepEqual(sent.bytes, png);
      const html = await body(page);
      const expected =
        '<figure><img src="/media/upload-2.png" alt="Trao giải cho tập thể xuất sắc" width="160" height="90"><figcaption>Lãnh đạo phường trao giải &amp; khen thưởng</figcaption></figure>';
      assert.ok(html.includes(expected), html);
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.xp-ed-content img[src="/media/upload-2.png"]');
        return img?.complete && img.naturalWidth === 160;
      });
    });

    it('nhấp đúp vào hình để sửa mô tả và chú thích', async () => {
      await page.locator('.xp-ed-content figure').first().dblclick();
      const dialog = page.getByRole('dialog', { name: 'Sửa ảnh' });
      await dialog.waitFor();
      const alt = dialog.getByLabel('Mô tả ảnh');
      assert.equal(await alt.inputValue(), 'Ảnh hội nghị');
      await alt.fill('Toàn cảnh hội nghị tổng kết');
      await dialog.getByLabel('Chú thích').fill('');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const html = await body(page);
      assert.ok(html.includes('<figure><img src="/media/initial.png" alt="Toàn cảnh hội nghị tổng kết" width="160" height="90"></figure>'), html);
      assert.equal(srv.uploads.length, 2, 'sửa mô tả không tải lại ảnh');
    });

    it('bảng 3×3 có hàng tiêu đề, không có style nội tuyến; công cụ bảng hiện trong bảng', async () => {
      await caretToEnd(page);
      await tool(page, 'Bảng').click();
      let html = await body(page);
      assert.match(html, /<table><tbody><tr><th[^>]*><p><\/p><\/th><th/);
      assert.equal((html.match(/<tr>/g) ?? []).length, 3);
      assert.equal((html.match(/<th /g) ?? []).length + (html.match(/<th>/g) ?? []).length, 3);
      assert.ok(!/style=|colgroup/.test(html), html);
      const addRow = tool(page, 'Thêm hàng');
      assert.equal(await addRow.isVisible(), true);
      await page.keyboard.type('Chỉ tiêu');
      await addRow.click();
      html = await body(page);
      assert.equal((html.match(/<tr>/g) ?? []).length, 4);
      assert.ok(html.includes('<p>Chỉ tiêu</p>'), html);
      await page.locator('.xp-ed-content p').first().click();
      await synced(page);
      assert.equal(await addRow.isVisible(), false, 'công cụ bảng ẩn khi ra ngoài bảng');
    });

    it('hoàn tác và làm lại', async () => {
      const before = await body(page);
      await tool(page, 'Hoàn tác').click();
      assert.notEqual(await body(page), before);
      await tool(page, 'Làm lại').click();
      assert.equal(await body(page), before);
    });

    it('thanh công cụ: một điểm Tab, phím mũi tên chuyển nút', async () => {
      await tool(page, 'Đoạn văn').focus();
      assert.equal(await page.getByRole('toolbar').locator('button[tabindex="0"]').count(), 1);
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Tiêu đề 2');
      await page.keyboard.press('End');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Làm lại');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Đoạn văn');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.activeElement?.classList.contains('xp-ed-content'));
      // Alt+F10 from the text goes back to the toolbar's tab stop.
      await page.keyboard.press('Alt+F10');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Đoạn văn');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.activeElement?.classList.contains('xp-ed-content'));
    });

    it('tự động lưu: gửi nội dung và tiêu đề hiện tại kèm CSRF, rồi báo giờ lưu', async () => {
      // The 15-second timer runs in real time here and may already have saved earlier tests' changes, so counts are taken from now.
      const start = srv.autosaves.length;
      await page.locator('#title').fill('Hội nghị tổng kết năm 2026');
      await page.evaluate(() => document.querySelector('form')!.dispatchEvent(new CustomEvent('xaphuong:autosave-now')));
      const status = page.locator('[data-autosave-status]');
      await status.filter({ hasText: `Đã tự động lưu lúc ${SAVED_AT}` }).waitFor();
      assert.ok(srv.autosaves.length > start);
      const saved = srv.autosaves.at(-1)!;
      const afterSave = srv.autosaves.length;
      assert.equal(saved.csrf, CSRF);
      assert.equal(saved.accept, 'application/json');
      assert.match(saved.contentType, /^application\/x-www-form-urlencoded/);
      assert.equal(saved.fields.get('title'), 'Hội nghị tổng kết năm 2026');
      assert.equal(saved.fields.get('_csrf'), CSRF);
      assert.equal(saved.fields.get('body_html'), await body(page));
      assert.ok(saved.fields.get('body_html')?.includes('<h2>Kết quả nổi bật</h2>'));

      // Nothing changed: nothing is sent.
      await page.evaluate(() => document.querySelector('form')!.dispatchEvent(new CustomEvent('xaphuong:autosave-now')));
      await page.waitForTimeout(400);
      assert.equal(srv.autosaves.length, afterSave);

      // A refusal is shown, and the change is sent again next time.
      srv.state.failNextAutosave = true;
      await caretToEnd(page);
      await page.keyboard.type(' Thêm.');
      await page.evaluate(() => document.querySelector('form')!.dispatchEvent(new CustomEvent('xaphuong:autosave-now')));
      await status.filter({ hasText: 'Chưa tự động lưu được: Bài đã được người khác sửa.' }).waitFor();
      await page.evaluate(() => document.querySelector('form')!.dispatchEvent(new CustomEvent('xaphuong:autosave-now')));
      await status.filter({ hasText: `Đã tự động lưu lúc ${SAVED_AT}` }).waitFor();
      assert.equal(srv.autosaves.length, afterSave + 2);
      assert.equal(srv.autosaves.at(-1)!.fields.get('body_html'), await body(page));
    });

    it('ảnh trần <img> trong bài cũ thành figure, không mất khi sửa', async () => {
      const html = await page.evaluate(() => {
        const el = document.querySelector('.xp-ed-content') as unknown as { editor: { commands: { setContent(h: string): void }; getHTML(): string } };
        const before = el.editor.getHTML();
        el.editor.commands.setContent('<p>Trước <img src="/media/initial.png" alt="Ảnh cũ"> sau</p><p><a href="javascript:alert(1)">xấu</a></p>');
        const after = el.editor.getHTML();
        el.editor.commands.setContent(before);
        return after;
      });
      assert.equal(html, '<p>Trước</p><figure><img src="/media/initial.png" alt="Ảnh cũ"></figure><p> sau</p><p>xấu</p>');
    });

    it('không vi phạm axe (cả khi hộp thoại ảnh mở), không vi phạm CSP; ảnh chụp 1280', async () => {
      // Cursor in the table, so the table tools are on screen too.
      await page.locator('.xp-ed-content td').first().click();
      await synced(page);
      assert.equal(await tool(page, 'Thêm cột').isVisible(), true);
      await expectNoAxeViolations(page, 'trình soạn thảo 1280');
      await page.evaluate(() => window.scrollTo(0, 0)); // the toolbar is sticky: shoot it in place
      await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-1280.png'), fullPage: true });
      await tool(page, 'Ảnh').click();
      await page.getByRole('dialog', { name: 'Chèn ảnh' }).waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Tải lên' }).click();
      await expectNoAxeViolations(page, 'hộp thoại chèn ảnh');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await assertClean();
    });
  });

  describe('màn hình 360 px', () => {
    let page: Page;
    let context: BrowserContext;
    let assertClean: () => Promise<void>;

    before(async () => {
      ({ page, context, assertClean } = await openEditor(browser, baseUrl, { width: 360, height: 740 }));
    });
    after(async () => {
      await context?.close();
    });

    it('vừa màn hình điện thoại, không cuộn ngang, không vi phạm axe; ảnh chụp 360', async () => {
      await caretToEnd(page);
      await page.keyboard.press('Enter');
      await tool(page, 'Bảng').click();
      const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth }));
      assert.ok(scrollWidth <= width, `cuộn ngang: ${scrollWidth} > ${width}`);
      const toolbar = await page.getByRole('toolbar').boundingBox();
      assert.ok(toolbar && toolbar.x >= 0 && toolbar.x + toolbar.width <= width, 'thanh công cụ nằm trong màn hình');
      const minHeight = await page.locator('.xp-ed-content').evaluate((el) => parseFloat(getComputedStyle(el).minHeight));
      assert.ok(minHeight >= 240, `min-height ${minHeight}`);
      await expectNoAxeViolations(page, 'trình soạn thảo 360');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-360.png'), fullPage: true });
      await tool(page, 'Ảnh').click();
      await page.getByRole('dialog', { name: 'Chèn ảnh' }).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-dialog-360.png') });
      await page.keyboard.press('Escape');
      await assertClean();
    });
  });

  describe('tự động lưu theo đồng hồ', () => {
    it('sau 15 giây thì lưu nếu có thay đổi', async () => {
      const { page, context, assertClean } = await openEditor(browser, baseUrl, { width: 1280, height: 900 }, true);
      try {
        const before = srv.autosaves.length;
        await page.clock.runFor(16_000);
        assert.equal(srv.autosaves.length, before, 'không có thay đổi thì không lưu');
        await page.locator('#title').fill('Tiêu đề sửa theo đồng hồ');
        await page.clock.runFor(16_000);
        await page
          .locator('[data-autosave-status]')
          .filter({ hasText: `Đã tự động lưu lúc ${SAVED_AT}` })
          .waitFor();
        assert.equal(srv.autosaves.length, before + 1);
        assert.equal(srv.autosaves.at(-1)!.fields.get('title'), 'Tiêu đề sửa theo đồng hồ');
        // Untouched editor: the textarea's original markup is what is sent.
        assert.equal(srv.autosaves.at(-1)!.fields.get('body_html'), INITIAL_HTML);
        await assertClean();
      } finally {
        await context.close();
      }
    });
  });
});
