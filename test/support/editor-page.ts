/**
 * The page, the small HTTP server and the browser helpers behind the editor's
 * browser tests (test/browser/editor.test.ts): the admin's strict CSP, real
 * upload and autosave parsing.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ASSETS = path.join(ROOT, 'public/assets');
export const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";
export const CSRF = 'csrf-token-7f3a';
export const SAVED_AT = '26/11/2026 10:32';

/** A real PNG of the given size, one flat colour. */
export function makePng(width: number, height: number, rgb: [number, number, number]): Buffer {
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

export const INITIAL_FIGURE =
  '<figure><img src="/media/initial.png" alt="Ảnh hội nghị" width="160" height="90"><figcaption>Quang cảnh hội nghị</figcaption></figure>';
export const INITIAL_FIGURE_NO_CAPTION = '<figure><img src="/media/initial.png" alt="Ảnh không chú thích" width="160" height="90"></figure>';
export const INITIAL_HTML = `<p>Mở đầu bài viết về <em>hội nghị</em>.</p>${INITIAL_FIGURE}<p>Đoạn giữa.</p>${INITIAL_FIGURE_NO_CAPTION}<p>Đoạn cuối.</p>`;

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

interface Upload {
  csrf: string;
  accept: string;
  alt: string;
  caption: string;
  name: string;
  type: string;
  bytes: Buffer;
}
interface Autosave {
  csrf: string;
  accept: string;
  contentType: string;
  fields: URLSearchParams;
}

/** The test server: page, built assets, upload and autosave endpoints. */
export function startServer() {
  const uploads: Upload[] = [];
  const autosaves: Autosave[] = [];
  const media = new Map<string, { type: string; bytes: Buffer }>([['/media/initial.png', { type: 'image/png', bytes: makePng(160, 90, [11, 61, 117]) }]]);
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

/** A page on a fresh context, recording console messages, CSP violations and off-origin requests. */
export async function openEditor(browser: Browser, baseUrl: string, viewport: { width: number; height: number }, fakeClock = false) {
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
    if (/Content Security Policy/i.test(msg.text()) || (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')))
      problems.push(`console.${msg.type()}: ${msg.text()}`);
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
export async function synced(page: Page): Promise<void> {
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
export async function caretToEnd(page: Page): Promise<void> {
  await page.locator('.xp-ed-content').focus();
  await page.keyboard.press('Control+End');
  await synced(page);
}

/** Presses a navigation key and waits for ProseMirror to follow the caret. */
export async function move(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await synced(page);
}

export const body = (page: Page) => page.$eval('textarea[name="body_html"]', (t) => (t as HTMLTextAreaElement).value);
export const tool = (page: Page, name: string) => page.getByRole('toolbar').getByRole('button', { name, exact: true });
