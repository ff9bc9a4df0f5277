/**
 * The newsroom browser test's people (demo accounts of Phường 1), the texts
 * of its story, and its page helpers: a signed-in page per person, the
 * editor's status badge, a page's notice, the rich text area, a form submit
 * that waits for the page it leads to, a real JPEG to upload, and a CSV
 * reader for the audit log export.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { normalizeSpace } from './browser.ts';
import type { BrowserSuite } from './browser-suite.ts';

export const CONTRIBUTOR = { email: 'phongvien@phuong1.demo', name: 'Trần Thị Phóng Viên' };
export const EDITOR = { email: 'bientap@phuong1.demo', name: 'Lê Văn Biên Tập' };
export const APPROVER = { email: 'lanhdao@phuong1.demo', name: 'Nguyễn Văn An' };
export const SITE_ADMIN = { email: 'quantri@phuong1.demo', name: 'Phạm Quản Trị' };

/** The reporter's article. The title has đ/Đ, so its slug shows the folding. */
export const TITLE = 'Đội bóng đá Phường 1 giành giải nhất Hội thao mừng Đại hội';
export const EXPECTED_SLUG = 'doi-bong-da-phuong-1-gianh-giai-nhat-hoi-thao-mung-dai-hoi';
export const SUMMARY = 'Đội bóng đá phường vô địch Hội thao chào mừng Đại hội, trước đông đảo cổ động viên.';
export const BEFORE_BOLD = 'Chiều thứ Bảy, đội bóng đá của phường đã thi đấu ';
export const BOLD_WORD = 'xuất sắc';
export const OLD_WORD = 'nghìn';
export const NEW_WORD = 'trăm';
export const AFTER_BOLD = ` và giành cúp vô địch trước hàng ${OLD_WORD} cổ động viên.`;
export const ALT = 'Các cầu thủ đội bóng phường nâng cúp vô địch trên sân vận động';
export const CAPTION = 'Đội bóng Phường 1 nhận cúp vô địch (ảnh: Đức Lê).';
export const WRITER = 'Nguyễn Thị Đào';
export const PHOTOGRAPHER = 'Lê Văn Đức';
export const CREDITS = `Tin: ${WRITER}, Ảnh: ${PHOTOGRAPHER}.`;

/** The approver's own article, which they may only force through. */
export const OWN_TITLE = 'Thông báo lịch tiếp công dân định kỳ tháng 12 của lãnh đạo phường';
export const OWN_BODY = 'Lãnh đạo Ủy ban nhân dân phường tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở.';
export const FORCE_REASON = 'Thông báo khẩn, các lãnh đạo duyệt khác đang đi công tác.';
export const OWN_WORK_REFUSAL = 'Bạn không thể tự duyệt bài do mình viết hoặc sửa sau cùng';

/** A fresh, signed-in browser context for one person, closed with the suite; sign-in leads to the dashboard. */
export async function personPage(suite: BrowserSuite, email: string): Promise<Page> {
  const page = await suite.signedInPage(email);
  assert.equal(new URL(page.url()).pathname, '/quan-tri', `${email} không về bảng điều khiển sau khi đăng nhập`);
  return page;
}

/** A real JPEG, 1600×1000 (wide enough for the 480 and 960 px WebP variants), made by sharp. */
export async function makeJpeg(dir: string): Promise<string> {
  const file = path.join(dir, 'doi-bong-nang-cup.jpg');
  const stripes = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000">
      <rect width="1600" height="1000" fill="#1d6b3a"/>
      <rect y="600" width="1600" height="400" fill="#2f8f4e"/>
      <circle cx="800" cy="420" r="180" fill="#f2c230"/>
      <rect x="740" y="600" width="120" height="160" fill="#c99a1a"/>
    </svg>`,
  );
  await sharp(stripes).jpeg({ quality: 80 }).toFile(file);
  const meta = await sharp(file).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.width, 1600);
  return file;
}

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** The status badge in the editor's side panel. */
export async function statusOf(page: Page): Promise<string> {
  return normalizeSpace(await page.locator('.side-panel .status').innerText());
}

/** The one-line result notice at the top of an admin page. */
export async function noticeOf(page: Page): Promise<string> {
  return normalizeSpace(await page.locator('main .notice').innerText());
}

/** The article editor's rich text area, once editor.js has mounted it. */
export async function richEditor(page: Page) {
  const content = page.getByRole('textbox', { name: 'Nội dung bài viết' });
  await content.waitFor({ state: 'visible' });
  return content;
}

/** Clicks a submit button and waits for the page the form leads to; returns the status of the POST itself (303 when it redirected). */
export async function submitAndWait(page: Page, click: () => Promise<void>): Promise<number> {
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await click();
  const status = (await response).status();
  await navigated;
  await page.waitForLoadState('load');
  return status;
}
