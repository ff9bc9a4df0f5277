/**
 * The newsroom from first draft to the public page, in real Chromium, each
 * person in their own browser context: a reporter writes and submits, an
 * editor changes one word, an approver compares the revisions and publishes,
 * and the site admin reads the audit log (an approver's own article:
 * newsroom-own-work.test.ts).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, expectNoAxeViolations, normalizeSpace, screenshot } from '../support/browser.ts';
import { useBrowserSuite } from '../support/browser-suite.ts';
import {
  AFTER_BOLD,
  ALT,
  APPROVER,
  BEFORE_BOLD,
  BOLD_WORD,
  CAPTION,
  CONTRIBUTOR,
  CREDITS,
  EDITOR,
  EXPECTED_SLUG,
  NEW_WORD,
  OLD_WORD,
  PHOTOGRAPHER,
  SITE_ADMIN,
  SUMMARY,
  TITLE,
  WRITER,
  makeJpeg,
  noticeOf,
  parseCsv,
  personPage,
  richEditor,
  statusOf,
  submitAndWait,
} from '../support/newsroom-page.ts';

describe('tòa soạn: viết, gửi duyệt, biên tập, duyệt, xuất bản', () => {
  const suite = useBrowserSuite();
  let tmp: string;
  let imagePath: string;
  let articleId = 0;
  let articleEditUrl = '';
  let publicPath = '';

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-newsroom-'));
    imagePath = await makeJpeg(tmp);
  });

  after(async () => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('phóng viên', () => {
    let page: Page;

    before(async () => {
      page = await personPage(suite, CONTRIBUTOR.email);
    });

    it('a. viết bài mới có chữ đậm và ảnh, lưu, rồi gửi duyệt', async () => {
      await page.goto(`${suite.portal.baseUrl}/quan-tri/bai-viet/moi`, { waitUntil: 'load' });
      assert.equal(normalizeSpace(await page.locator('h1').innerText()), 'Viết bài mới');
      await page.locator('#title').fill(TITLE);
      await page.locator('#summary').fill(SUMMARY);

      const content = await richEditor(page);
      await content.click();
      await page.keyboard.type(BEFORE_BOLD);
      const bold = page.getByRole('toolbar', { name: 'Định dạng nội dung' }).getByRole('button', { name: 'In đậm', exact: true });
      await bold.click();
      assert.equal(await bold.getAttribute('aria-pressed'), 'true', 'nút "In đậm" không bật');
      await page.keyboard.type(BOLD_WORD);
      await bold.click();
      assert.equal(await bold.getAttribute('aria-pressed'), 'false', 'nút "In đậm" không tắt');
      await page.keyboard.type(AFTER_BOLD);
      await page.keyboard.press('Enter');

      // The picture, through the editor's own dialog: file, required alt, caption.
      await page.getByRole('toolbar', { name: 'Định dạng nội dung' }).getByRole('button', { name: 'Ảnh', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Chèn ảnh' });
      await dialog.waitFor({ state: 'visible' });
      await dialog.getByLabel('Tệp ảnh').setInputFiles(imagePath);
      await dialog.getByLabel('Mô tả ảnh').fill(ALT);
      await dialog.getByLabel('Chú thích').fill(CAPTION);
      const upload = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/quan-tri/media');
      await dialog.getByRole('button', { name: 'Tải lên', exact: true }).click();
      const uploaded = await upload;
      assert.equal(uploaded.status(), 200, `tải ảnh lên: ${await uploaded.text()}`);
      await dialog.waitFor({ state: 'hidden' });
      const figure = content.locator('figure');
      await figure.waitFor({ state: 'visible' });
      assert.equal(await figure.locator('img').getAttribute('alt'), ALT);
      assert.equal(normalizeSpace(await figure.locator('figcaption').innerText()), CAPTION);
      assert.equal(normalizeSpace(await content.locator('strong').innerText()), BOLD_WORD);

      await page.locator('#writer').fill(WRITER);
      await page.locator('#photographer').fill(PHOTOGRAPHER);
      await page.locator('#category_id').selectOption({ label: 'Tin tức' });

      // What will be submitted: the hidden textarea holds the editor's HTML.
      const bodyHtml = await page.locator('textarea#body_html').inputValue();
      assert.ok(bodyHtml.includes(`<strong>${BOLD_WORD}</strong>`), `body_html thiếu chữ đậm: ${bodyHtml}`);
      assert.match(bodyHtml, /<figure><img src="\/media\/[a-f0-9]{24}\.jpg" alt="[^"]+" width="1600" height="1000"><figcaption>[^<]+<\/figcaption><\/figure>/);

      await screenshot(page, 'newsroom-editor-filled-1280');
      await page.setViewportSize(PHONE);
      await screenshot(page, 'newsroom-editor-filled-360');
      await page.setViewportSize(DESKTOP);

      const saved = await submitAndWait(page, () => page.getByRole('button', { name: 'Lưu', exact: true }).click());
      assert.equal(saved, 303, 'lưu bài phải chuyển về trang sửa bài');
      const match = /^\/quan-tri\/bai-viet\/(\d+)$/.exec(new URL(page.url()).pathname);
      assert.ok(match, `sau khi lưu không về trang sửa bài: ${page.url()}`);
      articleId = Number(match[1]);
      articleEditUrl = `${suite.portal.baseUrl}/quan-tri/bai-viet/${articleId}`;
      assert.equal(await noticeOf(page), 'Đã lưu.');
      assert.equal(await statusOf(page), 'Bản nháp');
      assert.equal(await page.locator('#title').inputValue(), TITLE);
      assert.equal(await page.locator('#slug').inputValue(), EXPECTED_SLUG, 'đường dẫn tự tạo phải bỏ dấu, "đ" thành "d"');
      assert.equal(await page.locator('#writer').inputValue(), WRITER);
      assert.equal(await page.locator('#photographer').inputValue(), PHOTOGRAPHER);
      // The saved body, read back by the editor: bold word and figure survived the server's sanitiser.
      const reloaded = await richEditor(page);
      assert.equal(normalizeSpace(await reloaded.locator('strong').innerText()), BOLD_WORD);
      assert.equal(await reloaded.locator('figure img').getAttribute('alt'), ALT);
      assert.equal(normalizeSpace(await reloaded.locator('figure figcaption').innerText()), CAPTION);

      await submitAndWait(page, () => page.getByRole('button', { name: 'Gửi duyệt', exact: true }).click());
      assert.equal(await noticeOf(page), 'Đã gửi duyệt.');
      assert.equal(await statusOf(page), 'Chờ duyệt');
    });

    it('b. phóng viên không xuất bản được: không có nút, máy chủ cũng từ chối', async () => {
      assert.ok(articleId > 0, 'chưa có bài từ bước a');
      await page.goto(articleEditUrl, { waitUntil: 'load' });
      assert.equal(await statusOf(page), 'Chờ duyệt');
      assert.equal(await page.getByRole('button', { name: 'Duyệt và xuất bản' }).count(), 0, 'phóng viên thấy nút "Duyệt và xuất bản"');
      assert.equal(await page.getByText('Xuất bản không qua duyệt…').count(), 0, 'phóng viên thấy "Xuất bản không qua duyệt…"');
      // A submitted article is no longer the reporter's to change.
      assert.equal(normalizeSpace(await page.locator('h1').innerText()), 'Xem bài viết');

      // Even a hand-made request (with a valid CSRF token) is refused.
      const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
      const forged = await page.request.post(`${articleEditUrl}/thao-tac`, { form: { _csrf: csrf, action: 'publish' }, maxRedirects: 0 });
      assert.equal(forged.status(), 403, `POST publish của phóng viên trả ${forged.status()}`);
      await page.reload({ waitUntil: 'load' });
      assert.equal(await statusOf(page), 'Chờ duyệt');
    });
  });

  describe('biên tập viên', () => {
    it('c1. sửa một chữ trong nội dung và lưu', async () => {
      assert.ok(articleId > 0, 'chưa có bài từ bước a');
      const page = await personPage(suite, EDITOR.email);
      await page.goto(articleEditUrl, { waitUntil: 'load' });
      assert.equal(normalizeSpace(await page.locator('h1').innerText()), 'Sửa bài viết');
      assert.equal(await page.getByRole('button', { name: 'Duyệt và xuất bản' }).count(), 0, 'biên tập viên không được có nút xuất bản');
      const content = await richEditor(page);
      await content.click();
      // Select exactly the word and type over it, as a person double-clicking it would.
      await content.evaluate((root, word) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(word) ?? -1;
          if (at >= 0) {
            document.getSelection()?.setBaseAndExtent(node, at, node, at + word.length);
            return;
          }
        }
        throw new Error(`không thấy chữ "${word}" trong nội dung`);
      }, OLD_WORD);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.keyboard.type(NEW_WORD);
      const bodyHtml = await page.locator('textarea#body_html').inputValue();
      assert.ok(bodyHtml.includes(`hàng ${NEW_WORD} cổ động viên`), `chữ mới không vào nội dung: ${bodyHtml}`);
      assert.ok(!bodyHtml.includes(OLD_WORD), `chữ cũ vẫn còn: ${bodyHtml}`);

      await submitAndWait(page, () => page.getByRole('button', { name: 'Lưu', exact: true }).click());
      assert.equal(await noticeOf(page), 'Đã lưu.');
      assert.equal(await statusOf(page), 'Chờ duyệt', 'biên tập không được đổi trạng thái bài');
    });
  });

  describe('lãnh đạo duyệt', () => {
    let page: Page;

    before(async () => {
      page = await personPage(suite, APPROVER.email);
    });

    it('c2. thấy bài trong hàng "Bài chờ duyệt" của bảng điều khiển', async () => {
      const queue = page.locator('section[aria-labelledby="hang-cho"]');
      assert.match(normalizeSpace(await queue.locator('h2').innerText()), /^Bài chờ duyệt \(\d+\)$/);
      const row = queue.locator('tbody tr').filter({ has: page.getByRole('link', { name: TITLE, exact: true }) });
      assert.equal(await row.count(), 1, 'bài không có trong hàng chờ duyệt');
      const cells = (await row.locator('td').allInnerTexts()).map(normalizeSpace);
      assert.equal(cells[1], 'Chờ duyệt');
      assert.equal(cells[3], CONTRIBUTOR.name);
      await screenshot(page, 'newsroom-dashboard-queue-1280');
    });

    it('c3. so sánh hai phiên bản: chữ bị sửa trong <del>, chữ mới trong <ins>', async () => {
      await page.locator('section[aria-labelledby="hang-cho"]').getByRole('link', { name: TITLE, exact: true }).click();
      await page.waitForURL(articleEditUrl);
      await page.getByRole('link', { name: 'Lịch sử phiên bản' }).click();
      await page.waitForURL(`${articleEditUrl}/phien-ban`);

      const rows = page.locator('table tbody tr');
      const numbers = (await rows.locator('td:first-child').allInnerTexts()).map((t) => Number(normalizeSpace(t)));
      assert.ok(numbers.length >= 2, `chỉ có ${numbers.length} phiên bản`);
      const oldest = Math.min(...numbers);
      const newest = Math.max(...numbers);
      const authors = (await rows.locator('td:nth-child(2)').allInnerTexts()).map(normalizeSpace);
      assert.equal(authors[0], EDITOR.name, 'phiên bản mới nhất phải là của biên tập viên');
      assert.equal(authors[authors.length - 1], CONTRIBUTOR.name, 'phiên bản đầu tiên phải là của phóng viên');

      await page.getByRole('radio', { name: `So sánh từ phiên bản ${oldest}`, exact: true }).check();
      await page.getByRole('radio', { name: `So sánh đến phiên bản ${newest}`, exact: true }).check();
      await Promise.all([
        page.waitForURL(
          (url) => url.pathname.endsWith('/phien-ban') && url.searchParams.get('a') === String(oldest) && url.searchParams.get('b') === String(newest),
        ),
        page.getByRole('button', { name: 'So sánh', exact: true }).click(),
      ]);
      const diff = page.locator('section.diff');
      assert.equal(normalizeSpace(await diff.locator('h2').innerText()), `Khác biệt giữa phiên bản ${oldest} và ${newest}`);
      assert.deepEqual((await diff.locator('h3').allInnerTexts()).map(normalizeSpace), ['Nội dung'], 'chỉ phần nội dung được sửa');
      const body = diff.locator('.diff-text');
      assert.deepEqual((await body.locator('del').allInnerTexts()).map(normalizeSpace), [OLD_WORD]);
      assert.deepEqual((await body.locator('ins').allInnerTexts()).map(normalizeSpace), [NEW_WORD]);
      // In place: the removed word, then the word that replaced it, inside the unchanged sentence.
      const around = await body.locator('del').evaluate((del) => ({
        before: del.previousSibling?.textContent ?? '',
        next: del.nextElementSibling?.tagName ?? '',
        after: del.nextElementSibling?.nextSibling?.textContent ?? '',
      }));
      assert.ok(around.before.endsWith('trước hàng '), `trước <del>: "${around.before.slice(-40)}"`);
      assert.equal(around.next, 'INS', '<ins> phải nối ngay sau <del>');
      assert.ok(around.after.startsWith(' cổ động viên.'), `sau <ins>: "${around.after.slice(0, 40)}"`);
      await screenshot(page, 'newsroom-revisions-diff-1280');
    });

    it('c4. duyệt và xuất bản (không phải người viết, không phải người sửa sau cùng)', async () => {
      await page.getByRole('link', { name: '‹ Quay lại bài viết' }).click();
      await page.waitForURL(articleEditUrl);
      assert.equal(await statusOf(page), 'Chờ duyệt');
      const status = await submitAndWait(page, () => page.getByRole('button', { name: 'Duyệt và xuất bản', exact: true }).click());
      assert.equal(status, 303, `duyệt và xuất bản trả ${status}: ${normalizeSpace(await page.locator('main').innerText())}`);
      assert.equal(await noticeOf(page), 'Đã xuất bản.');
      assert.equal(await statusOf(page), 'Đã xuất bản');
    });

    it('d. trang công khai: tiêu đề, chữ đậm, ảnh có chú thích, alt và srcset, dòng tác giả; axe không lỗi', async () => {
      await page.getByRole('link', { name: 'Xem trên cổng' }).click();
      await page.waitForLoadState('load');
      publicPath = new URL(page.url()).pathname;
      assert.equal(publicPath, `/bai-viet/${EXPECTED_SLUG}`);

      // As a resident sees it: a fresh browser without any session.
      const visitor = await suite.newPage();
      const response = await visitor.goto(`${suite.portal.baseUrl}${publicPath}`, { waitUntil: 'load' });
      assert.equal(response?.status(), 200);
      const h1 = visitor.locator('h1');
      assert.equal(await h1.count(), 1);
      assert.equal(normalizeSpace(await h1.innerText()), TITLE);
      const body = visitor.locator('.article-body');
      assert.equal(normalizeSpace(await body.locator('strong').innerText()), BOLD_WORD);
      assert.ok(normalizeSpace(await body.innerText()).includes(`trước hàng ${NEW_WORD} cổ động viên`), 'trang công khai phải có chữ đã biên tập');
      const figure = body.locator('figure');
      assert.equal(await figure.count(), 1);
      assert.equal(normalizeSpace(await figure.locator('figcaption').innerText()), CAPTION);
      const img = figure.locator('img');
      assert.equal(await img.getAttribute('alt'), ALT);
      const srcset = (await img.getAttribute('srcset')) ?? '';
      const widths = srcset.split(',').map((entry) => entry.trim().split(/\s+/)[1]);
      assert.deepEqual(widths, ['480w', '960w', '1600w'], `srcset: "${srcset}"`);
      assert.ok(await img.getAttribute('sizes'), 'ảnh có srcset phải có sizes');
      await img.scrollIntoViewIfNeeded();
      await visitor.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
      assert.equal(normalizeSpace(await visitor.locator('.credits').innerText()), CREDITS);
      await expectNoAxeViolations(visitor, 'bài vừa xuất bản');
      await screenshot(visitor, 'newsroom-public-article-1280');
    });
  });

  describe('quản trị site', () => {
    let page: Page;

    before(async () => {
      page = await personPage(suite, SITE_ADMIN.email);
    });

    const EXPECTED = [
      { action: 'Tạo bài viết', code: 'article.created', actor: CONTRIBUTOR.email },
      { action: 'Gửi duyệt', code: 'article.submitted', actor: CONTRIBUTOR.email },
      { action: 'Sửa bài viết', code: 'article.updated', actor: EDITOR.email },
      { action: 'Xuất bản', code: 'article.published', actor: APPROVER.email },
    ];

    it('e1. nhật ký ghi tạo, gửi duyệt, xuất bản với đúng người', async () => {
      assert.ok(articleId > 0, 'chưa có bài từ bước a');
      await page.goto(`${suite.portal.baseUrl}/quan-tri/nhat-ky`, { waitUntil: 'load' });
      const rows = await page
        .locator('table.data-table tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim())));
      for (const expected of EXPECTED) {
        const found = rows.filter((cells) => cells[1] === expected.actor && cells[2] === expected.action && cells[3] === TITLE);
        assert.equal(
          found.length,
          1,
          `nhật ký phải có đúng một dòng "${expected.action}" của ${expected.actor} cho bài; có:\n${rows.map((r) => r.join(' | ')).join('\n')}`,
        );
      }
      // Newest first: published after submitted after created.
      const order = EXPECTED.map((e) => rows.findIndex((cells) => cells[2] === e.action && cells[3] === TITLE));
      assert.ok(order[0]! > order[1]! && order[1]! > order[3]!, `thứ tự nhật ký sai: ${order.join(', ')}`);
    });

    it('e2. xuất CSV tải về được và có các dòng đó', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Xuất CSV' }).click()]);
      assert.match(download.suggestedFilename(), /^nhat-ky-\d{4}-\d{2}-\d{2}\.csv$/);
      const file = await download.path();
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.startsWith('\uFEFF'), 'CSV phải có BOM để Excel đọc đúng tiếng Việt');
      const rows = parseCsv(text.slice(1)).filter((r) => r.length > 1);
      assert.deepEqual(rows[0], [
        'Thời gian',
        'Người thực hiện',
        'Hành động',
        'Mã hành động',
        'Đối tượng',
        'Mã đối tượng',
        'Nội dung',
        'Cần lưu ý',
        'Địa chỉ IP',
      ]);
      for (const expected of EXPECTED) {
        const found = rows.filter((r) => r[3] === expected.code && r[5] === String(articleId));
        assert.equal(found.length, 1, `CSV phải có đúng một dòng ${expected.code} cho bài ${articleId}`);
        const row = found[0]!;
        assert.equal(row[1], expected.actor);
        assert.equal(row[2], expected.action);
        assert.equal(row[4], 'article');
        assert.equal(row[6], TITLE);
        assert.match(row[0]!, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      }
    });
  });
});
