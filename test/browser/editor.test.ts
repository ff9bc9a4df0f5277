/**
 * The article editor bundle (public/assets/editor.js) in real Chromium, on a
 * page served with the admin's strict CSP by a small HTTP server that really
 * parses the uploads and autosaves it receives.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { isAllowedHref, normalizeHref } from '../../src/editor/url.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ASSETS = path.join(ROOT, 'public/assets');
const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";
const CSRF = 'csrf-token-7f3a';
const SAVED_AT = '10:32 26/11/2026';

/** A real PNG of the given size, one flat colour. */
function makePng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const INITIAL_FIGURE =
  '<figure><img src="/media/initial.png" alt="Ảnh hội nghị" width="160" height="90"><figcaption>Quang cảnh hội nghị</figcaption></figure>';
const INITIAL_FIGURE_NO_CAPTION = '<figure><img src="/media/initial.png" alt="Ảnh không chú thích" width="160" height="90"></figure>';
const INITIAL_HTML = `<p>Mở đầu bài viết về <em>hội nghị</em>.</p>${INITIAL_FIGURE}<p>Đoạn giữa.</p>${INITIAL_FIGURE_NO_CAPTION}<p>Đoạn cuối.</p>`;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sửa bài viết</title>
<link rel="stylesheet" href="/page.css">
<link rel="stylesheet" href="/assets/editor.css">
<script src="/assets/editor.js" defer></script>
</head>
<body>
<main>
<h1>Sửa bài viết</h1>
<form method="post" action="/save" data-autosave-url="/autosave">
<input type="hidden" name="_csrf" value="${CSRF}">
<div class="field"><label for="title">Tiêu đề</label><input id="title" name="title" value="Hội nghị tổng kết"></div>
<div class="field"><label for="body">Nội dung</label>
<textarea id="body" name="body_html" rows="12" required data-rich-editor data-upload-url="/upload" data-csrf-token="${CSRF}">${escapeHtml(INITIAL_HTML)}</textarea></div>
<p class="status" data-autosave-status aria-live="polite"></p>
<button type="submit">Lưu bài</button>
</form>
</main>
</body>
</html>`;

const PAGE_CSS = `*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, "Noto Sans", Arial, sans-serif; line-height: 1.5; color: #1b1b1b; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
.field { margin: 0 0 1rem; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
input { font: inherit; width: 100%; padding: .5rem; border: 1px solid #5f6670; border-radius: 4px; }
button[type=submit] { font: inherit; padding: .5rem 1rem; }
.status { min-height: 1.5em; color: #1b1b1b; }`;

interface Upload { csrf: string; accept: string; alt: string; caption: string; name: string; type: string; bytes: Buffer }
interface Autosave { csrf: string; accept: string; contentType: string; fields: URLSearchParams }

/** The test server: page, built assets, upload and autosave endpoints. */
function startServer() {
  const uploads: Upload[] = [];
  const autosaves: Autosave[] = [];
  const media = new Map<string, { type: string; bytes: Buffer }>([
    ['/media/initial.png', { type: 'image/png', bytes: makePng(160, 90, [11, 61, 117]) }],
  ]);
  const state = { failNextAutosave: false };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const header = (name: string) => String(req.headers[name] ?? '');
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP });
      res.end(PAGE);
    } else if (req.method === 'GET' && url.pathname === '/page.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
      res.end(PAGE_CSS);
    } else if (req.method === 'GET' && /^\/assets\/editor\.(js|css)$/.test(url.pathname)) {
      const file = path.join(ASSETS, path.basename(url.pathname));
      const type = file.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
      res.writeHead(200, { 'content-type': type });
      res.end(fs.readFileSync(file));
    } else if (req.method === 'GET' && media.has(url.pathname)) {
      const m = media.get(url.pathname)!;
      res.writeHead(200, { 'content-type': m.type });
      res.end(m.bytes);
    } else if (req.method === 'POST' && url.pathname === '/upload') {
      // Parse the multipart body for real, as the portal will.
      const form = await new Request('http://127.0.0.1/upload', {
        method: 'POST',
        headers: { 'content-type': header('content-type') },
        body: raw,
      }).formData();
      const file = form.get('file');
      assert.ok(file instanceof File, 'multipart "file" là một tệp');
      const upload: Upload = {
        csrf: header('x-csrf-token'),
        accept: header('accept'),
        alt: String(form.get('alt') ?? ''),
        caption: String(form.get('caption') ?? ''),
        name: file.name,
        type: file.type,
        bytes: Buffer.from(await file.arrayBuffer()),
      };
      uploads.push(upload);
      if (upload.csrf !== CSRF) return json(res, 403, { error: { code: 'csrf', message: 'Phiên làm việc đã hết hạn.' } });
      if (file.name.startsWith('qua-lon')) {
        return json(res, 422, {
          error: { code: 'validation_failed', message: 'Ảnh chưa tải lên được.', fields: [{ field: 'file', message: 'Ảnh quá lớn (tối đa 10 MB).' }] },
        });
      }
      const mediaUrl = `/media/upload-${uploads.length}.png`;
      media.set(mediaUrl, { type: upload.type, bytes: upload.bytes });
      return json(res, 200, { media: { id: 12, url: mediaUrl, alt: upload.alt, caption: upload.caption, width: 160, height: 90 } });
    } else if (req.method === 'POST' && url.pathname === '/autosave') {
      autosaves.push({
        csrf: header('x-csrf-token'),
        accept: header('accept'),
        contentType: header('content-type'),
        fields: new URLSearchParams(raw.toString('utf8')),
      });
      if (state.failNextAutosave) {
        state.failNextAutosave = false;
        return json(res, 409, { error: { code: 'conflict', message: 'Bài đã được người khác sửa.' } });
      }
      return json(res, 200, { saved_at: SAVED_AT });
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return { server, uploads, autosaves, media, state };
}

async function launch(): Promise<Browser> {
  assert.ok(fs.existsSync(CHROMIUM), `Không tìm thấy Chromium tại ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Fails with every axe violation listed. */
async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const lines = results.violations.flatMap((v) => [
    `- ${v.id}: ${v.help}`,
    ...v.nodes.map((n) => `    ${n.target.join(' ')} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
  ]);
  assert.equal(results.violations.length, 0, `${label}: vi phạm axe\n${lines.join('\n')}`);
}

/** A page on a fresh context, recording console messages, CSP violations and off-origin requests. */
async function openEditor(browser: Browser, baseUrl: string, viewport: { width: number; height: number }, fakeClock = false) {
  const context: BrowserContext = await browser.newContext({ viewport, locale: 'vi-VN' });
  if (fakeClock) await context.clock.install();
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    // 404/422 answers are logged as "Failed to load resource"; the test makes those on purpose.
    if (/Content Security Policy/i.test(msg.text()) || (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))) problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(baseUrl)) problems.push(`request ra ngoài: ${r.url()}`);
  });
  const response = await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
  assert.equal(response?.status(), 200);
  await page.locator('.xp-ed-content').waitFor();
  const assertClean = async () => {
    const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    assert.deepEqual([...problems, ...csp.map((c) => `securitypolicyviolation: ${c}`)], []);
  };
  return { context, page, problems, assertClean };
}

/**
 * Waits until ProseMirror has taken in the caret the browser moved (it reads
 * selection changes asynchronously), so the next key acts where the caret is.
 */
async function synced(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('.xp-ed-content') as unknown as {
      editor: { view: { posAtDOM(n: Node, o: number): number; state: { selection: { head: number } } } };
    } & HTMLElement;
    const s = document.getSelection();
    if (!s?.focusNode || !el.contains(s.focusNode)) return false;
    try {
      return el.editor.view.posAtDOM(s.focusNode, s.focusOffset) === el.editor.view.state.selection.head;
    } catch {
      return false;
    }
  });
}

/** Puts the caret at the end of the article, as a person would with Ctrl+End. */
async function caretToEnd(page: Page): Promise<void> {
  await page.locator('.xp-ed-content').focus();
  await page.keyboard.press('Control+End');
  await synced(page);
}

/** Presses a navigation key and waits for ProseMirror to follow the caret. */
async function move(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await synced(page);
}

const body = (page: Page) => page.$eval('textarea[name="body_html"]', (t) => (t as HTMLTextAreaElement).value);
const tool = (page: Page, name: string) => page.getByRole('toolbar').getByRole('button', { name, exact: true });

describe('địa chỉ liên kết được nhận (src/editor/url.ts)', () => {
  it('nhận http(s), mailto, tel và đường dẫn tương đối; từ chối phần còn lại', () => {
    for (const ok of ['https://chinhphu.vn', 'http://example.vn/a?b=1#c', 'mailto:ubnd@example.vn', 'tel:+842431234567', '/tin-tuc/bai-1', 'bai-2.html', '#muc-2', '?trang=2']) {
      assert.equal(isAllowedHref(ok), true, ok);
    }
    for (const bad of ['', 'javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', '//evil.example', 'https://', 'vbscript:x', 'file:///etc/passwd', 'https://a b.vn', 'mailto:']) {
      assert.equal(isAllowedHref(bad), false, bad);
    }
    assert.equal(normalizeHref('  www.chinhphu.vn/tin '), 'https://www.chinhphu.vn/tin');
    assert.equal(normalizeHref(' /tin-tuc '), '/tin-tuc');
  });
});

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
    browser = await launch();
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
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('.xp-ed-content img')).every((i) => i.complete && i.naturalWidth === 160));
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
      const alt = dialog.getByLabel('Mô tả ảnh (alt)');
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
      const alt = dialog.getByLabel('Mô tả ảnh (alt)');
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
      await page.locator('#title').fill('Hội nghị tổng kết năm 2026');
      await page.evaluate(() => document.querySelector('form')!.dispatchEvent(new CustomEvent('xaphuong:autosave-now')));
      const status = page.locator('[data-autosave-status]');
      await status.filter({ hasText: `Đã tự động lưu lúc ${SAVED_AT}` }).waitFor();
      assert.equal(srv.autosaves.length, 1);
      const saved = srv.autosaves[0]!;
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
      assert.equal(srv.autosaves.length, 1);

      // A refusal is shown, and the change is sent again next time.
      srv.state.failNextAutosave = true;
      await caretToEnd(page);
      await page.keyboard.type(' Thêm.');
      await page.evaluate(() => document.querySelector('form')!.dispatchEvent(new CustomEvent('xaphuong:autosave-now')));
      await status.filter({ hasText: 'Chưa tự động lưu được: Bài đã được người khác sửa.' }).waitFor();
      await page.evaluate(() => document.querySelector('form')!.dispatchEvent(new CustomEvent('xaphuong:autosave-now')));
      await status.filter({ hasText: `Đã tự động lưu lúc ${SAVED_AT}` }).waitFor();
      assert.equal(srv.autosaves.length, 3);
      assert.equal(srv.autosaves[2]!.fields.get('body_html'), await body(page));
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
      assert.equal(
        html,
        '<p>Trước</p><figure><img src="/media/initial.png" alt="Ảnh cũ"></figure><p> sau</p><p>xấu</p>',
      );
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
        await page.locator('[data-autosave-status]').filter({ hasText: `Đã tự động lưu lúc ${SAVED_AT}` }).waitFor();
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
