/**
 * Vận động – cứu trợ in a real browser, on the demo campaign "Ngày vì người
 * nghèo 2019": a resident on a 360 px phone opens the campaign, checks that
 * their 200.000đ transfer reached it by typing their name without
 * diacritics, and sees where the money went; an editor imports a bank
 * statement in the newsroom, checks the preview and follows the progress bar.
 * Every page: one h1, no axe violations, no sideways scrolling at 360 px,
 * screenshots at 1280 and 360 px.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/services/demo/demo-content.ts';
import { vietcombankCsv } from '../support/bank-statements.ts';
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

const EDITOR = 'bientap@phuong1.demo';

/** One h1, axe, no sideways scroll and a screenshot, at both widths; every failure reported together. */
async function checkPage(page: Page, name: string, viewports = [DESKTOP, PHONE]): Promise<void> {
  const failures: string[] = [];
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    const where = `${name} @${viewport.width}px`;
    for (const check of [
      async () => assert.equal(await page.locator('h1').count(), 1, `${where}: cần đúng một h1`),
      () => expectNoAxeViolations(page, where),
      () => expectNoHorizontalScroll(page, where),
    ]) {
      await check().catch((error: unknown) => failures.push(error instanceof Error ? error.message : String(error)));
    }
    await screenshot(page, `van-dong-${name}-${viewport.width}`);
  }
  if (failures.length) assert.fail(failures.join('\n\n'));
}

describe('Vận động – cứu trợ: tra cứu sao kê trên điện thoại và nhập sao kê trong trang quản trị', () => {
  let portal: Portal;
  let browser: Browser;
  let dir: string;

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-relief-browser-'));
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a resident on a phone finds their 200.000đ transfer by name without diacritics, and sees where the money went', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    try {
      await page.goto(`${portal.baseUrl}/`);
      // On a phone the main menu is folded behind "Danh mục".
      const menu = page.getByRole('navigation', { name: 'Danh mục chính' });
      await menu.getByRole('button', { name: 'Danh mục' }).click();
      await menu.getByRole('link', { name: 'Vận động – cứu trợ' }).click();
      await checkPage(page, 'danh-sach', [PHONE, DESKTOP]);
      await page.setViewportSize(PHONE);
      await page.getByRole('link', { name: 'Ngày vì người nghèo 2019' }).click();
      const totals = normalizeSpace(await page.locator('#so-lieu').innerText());
      assert.match(totals, /21\.090 kg gạo/);
      assert.match(totals, /10 \/ 3 căn, trị giá 438\.000\.000đ/);
      assert.match(totals, /798\.350\.000đ/);
      await checkPage(page, 'cuoc-van-dong', [PHONE, DESKTOP]);
      await page.setViewportSize(PHONE);
      // Typed as on a phone keyboard: no diacritics, capitals anywhere.
      await page.getByLabel('Tên người ủng hộ hoặc nội dung').fill('Nguyen van AN');
      await page.getByLabel('Số tiền (đồng)').fill('200000');
      await Promise.all([page.waitForURL(/\/sao-ke\?/), page.getByRole('button', { name: 'Tra cứu' }).first().click()]);
      assert.match(normalizeSpace(await page.getByRole('status').first().innerText()), /Tìm thấy 1 khoản phù hợp/);
      const row = normalizeSpace(await page.locator('.relief-statement tbody tr').first().innerText());
      assert.match(row, /17\/10\/2019/);
      assert.match(row, /NGUYEN VAN AN/);
      assert.match(row, /200\.000đ/);
      await checkPage(page, 'sao-ke', [PHONE, DESKTOP]);
      await page.setViewportSize(PHONE);
      await page.getByLabel('Từ ngày').fill('31/02/2019');
      await page.getByRole('button', { name: 'Tra cứu' }).first().click();
      await page.waitForLoadState('load');
      assert.equal(await page.getByLabel('Từ ngày').getAttribute('aria-invalid'), 'true');
      await page.goto(`${portal.baseUrl}/van-dong/nam/2019`);
      await checkPage(page, 'nam-2019', [PHONE, DESKTOP]);
    } finally {
      await context.close();
    }
  });

  it('an editor uploads a bank statement, checks the preview and follows the import to its end', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    try {
      await signIn(page, portal.baseUrl, EDITOR, DEMO_PASSWORD);
      await page.getByRole('link', { name: 'Vận động – cứu trợ' }).click();
      await checkPage(page, 'quan-tri-danh-sach');
      await page.getByRole('link', { name: 'Ngày vì người nghèo 2019' }).click();
      await checkPage(page, 'quan-tri-cuoc-van-dong');
      await page.getByRole('link', { name: 'Nhập sao kê' }).click();
      const rows = Array.from({ length: 1500 }, (_, i) => ({
        day: '20/12/2019',
        ref: `FT19354${String(i).padStart(6, '0')}`,
        credit: 100_000 + i * 1000,
        note: `PHAM VAN BINH ${i} UNG HO NGAY VI NGUOI NGHEO`,
      }));
      const file = path.join(dir, 'sao-ke-vcb.csv');
      fs.writeFileSync(file, vietcombankCsv(rows));
      await page.getByLabel('Tệp sao kê (CSV hoặc XLSX)').setInputFiles(file);
      await Promise.all([page.waitForURL(/nhap-sao-ke\/\d+$/), page.getByRole('button', { name: 'Tải lên và xem trước' }).click()]);
      const preview = normalizeSpace(await page.locator('main').innerText());
      assert.match(preview, /PHAM VAN BINH 0 UNG HO NGAY VI NGUOI NGHEO/);
      assert.match(preview, /100\.000đ/);
      assert.equal(await page.getByLabel('Dòng tiêu đề của bảng').inputValue(), '6');
      await checkPage(page, 'quan-tri-xem-truoc');
      await page.getByRole('button', { name: 'Nhập toàn bộ tệp' }).click();
      // The progress bar follows the job, then the page shows the outcome.
      await page.getByText('Khoản thu mới (chờ xác nhận)').waitFor({ timeout: 60_000 });
      const outcome = normalizeSpace(await page.locator('.relief-admin-totals').innerText());
      assert.match(outcome, /Khoản thu mới \(chờ xác nhận\) 1\.500/);
      await checkPage(page, 'quan-tri-nhap-xong');
    } finally {
      await context.close();
    }
  });
});
