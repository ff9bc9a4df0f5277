/**
 * Phones: the public main menu folds behind "Danh mục" at 360 px, with
 * JavaScript (a button, Escape closes it) and without (the link makes the
 * menu the page's target, "Đóng danh mục" leaves it), and stays a bar at
 * 1280 px. Then every newsroom screen a site admin reaches, at 360 px: the
 * newsroom's menu folds too, nothing scrolls sideways, and every button,
 * field and link-button lies within the screen, list tables' too (their rows
 * stack as cards); each is photographed at 360 and 1280 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/services/demo/demo-content.ts';
import {
  DESKTOP,
  PHONE,
  type Portal,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  launchBrowser,
  screenshot,
  signIn,
  startPortal,
} from '../support/browser.ts';
import { vietcombankCsv } from '../support/bank-statements.ts';
import { pendingReceipt, pendingSpending, reliefStaff } from '../support/relief-factories.ts';
import { NEWSROOM_SCREENS, PLATFORM_SCREENS } from '../support/newsroom-screens.ts';

const SITE_ADMIN = 'quantri@phuong1.demo';
const PLATFORM_ADMIN = 'tinh@dongthap.demo';

/** A bank's transfer note: one long word, as statements write them. */
const LONG_NOTE = 'MBVCB.5438817720.013245.CONGTYTNHHTHUONGMAIDICHVUXAYDUNGPHUONGNAM.CHUYENTIENUNGHONGAYVINGUOINGHEO2019';

/** List screens and the link pattern of the item screens they lead to. */
const ITEM_SCREENS: Array<[list: string, item: RegExp]> = [
  ['/quan-tri/bai-viet', /^\/quan-tri\/bai-viet\/\d+$/],
  ['/quan-tri/cai-dat/chuyen-muc', /^\/quan-tri\/cai-dat\/chuyen-muc\/\d+$/],
  ['/quan-tri/gioi-thieu', /^\/quan-tri\/gioi-thieu\/trang\/[a-z-]+$/],
];

/** Visible controls (buttons, fields, link-buttons) that stick out of the screen, in list tables too: their rows stack as cards. */
async function controlsOutside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('button, input:not([type=hidden]), select, textarea, a.button'))) {
      if (el.closest('[hidden]')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (rect.left < -0.5 || rect.right > width + 0.5)
        out.push(
          `${el.tagName.toLowerCase()} “${(el.textContent || el.getAttribute('name') || '').trim().slice(0, 40)}” ${Math.round(rect.left)}–${Math.round(rect.right)}`,
        );
    }
    return out;
  });
}

/** List tables that scroll sideways inside their frame: on a phone their rows are cards, and at 1280 px they fit, so none should. */
async function tablesScrolling(page: Page): Promise<string[]> {
  return page
    .locator('.table-wrap')
    .evaluateAll((frames) =>
      frames
        .filter((frame) => frame.scrollWidth > frame.clientWidth + 1)
        .map((frame) => `bảng “${frame.getAttribute('aria-label') ?? frame.querySelector('caption')?.textContent?.trim() ?? ''}” rộng ${frame.scrollWidth}px`),
    );
}

/** Each newsroom screen at 360 px: the menu folds, nothing scrolls sideways, every control is on the screen; photographed at 360 and 1280 px. */
async function checkScreens(page: Page, baseUrl: string, screens: string[]): Promise<void> {
  const failures: string[] = [];
  for (const path of screens) {
    const response = await page.goto(`${baseUrl}${path}`);
    assert.equal(response?.status(), 200, `GET ${path}`);
    const nav = page.getByRole('navigation', { name: 'Quản trị' });
    if (await nav.getByRole('link', { name: /^Bài viết( \d|$)/ }).isVisible()) failures.push(`${path}: danh mục quản trị không thu gọn`);
    await expectNoHorizontalScroll(page, `${path} @360`).catch((error: Error) => failures.push(error.message));
    const outside = await controlsOutside(page);
    if (outside.length) failures.push(`${path}: điều khiển nằm ngoài màn hình: ${outside.join('; ')}`);
    const scrolling = await tablesScrolling(page);
    if (scrolling.length) failures.push(`${path}: bảng cuộn ngang: ${scrolling.join('; ')}`);
    const name = `phong-bien-tap${path.replace(/^\/quan-tri/, '').replace(/\//g, '-') || '-bang-dieu-khien'}`;
    await screenshot(page, `${name}-360`);
    await page.setViewportSize(DESKTOP);
    const wide = await tablesScrolling(page);
    if (wide.length) failures.push(`${path} @1280: bảng cuộn ngang: ${wide.join('; ')}`);
    await screenshot(page, `${name}-1280`);
    await page.setViewportSize(PHONE);
  }
  if (failures.length) assert.fail(failures.join('\n'));
}

describe('điện thoại: danh mục thu gọn, phòng biên tập dùng được ở 360 px', () => {
  let portal: Portal;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function newPage(options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: options.viewport ?? PHONE, locale: 'vi-VN', javaScriptEnabled: options.javaScriptEnabled ?? true });
    contexts.push(context);
    return context.newPage();
  }

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await portal?.close();
  });

  it('at 360 px the main menu is one row: "Danh mục" opens it, Escape closes it and gives the focus back', async () => {
    const page = await newPage();
    await page.goto(`${portal.baseUrl}/`);
    const menu = page.getByRole('navigation', { name: 'Danh mục chính' });
    const button = menu.getByRole('button', { name: 'Danh mục' });
    const home = menu.getByRole('link', { name: 'Trang chủ' });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await home.isVisible(), false, 'danh mục phải thu gọn trên điện thoại');
    const height = (await menu.boundingBox())!.height;
    assert.ok(height <= 56, `thanh danh mục thu gọn phải chỉ một dòng, đang cao ${height}px`);
    await expectNoAxeViolations(page, 'trang chủ, danh mục đóng, 360 px');
    await screenshot(page, 'dien-thoai-danh-muc-dong-360');

    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.ok(await home.isVisible());
    assert.ok(await menu.getByRole('link', { name: 'Hỏi đáp' }).isVisible());
    await expectNoAxeViolations(page, 'trang chủ, danh mục mở, 360 px');
    await expectNoHorizontalScroll(page, 'trang chủ, danh mục mở, 360 px');
    await screenshot(page, 'dien-thoai-danh-muc-mo-360');

    await home.focus();
    await page.keyboard.press('Escape');
    assert.equal(await home.isVisible(), false);
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'fold-button');
  });

  it('without JavaScript the same menu opens as the page target and closes with "Đóng danh mục"', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${portal.baseUrl}/chuyen-muc/tin-tuc`);
    const menu = page.getByRole('navigation', { name: 'Danh mục chính' });
    assert.equal(await menu.getByRole('link', { name: 'Thông báo' }).isVisible(), false);
    await menu.getByRole('link', { name: 'Danh mục', exact: true }).click();
    assert.equal(new URL(page.url()).hash, '#menu-chinh');
    assert.ok(await menu.getByRole('link', { name: 'Thông báo' }).isVisible());
    // axe runs as a script, so it checks this markup in the tests with JavaScript on.
    await screenshot(page, 'dien-thoai-khong-js-danh-muc-mo-360');
    await menu.getByRole('link', { name: 'Đóng danh mục' }).click();
    assert.equal(await menu.getByRole('link', { name: 'Thông báo' }).isVisible(), false);
  });

  it('at 1280 px the menu is a bar of links with no button', async () => {
    const page = await newPage({ viewport: DESKTOP });
    await page.goto(`${portal.baseUrl}/`);
    const menu = page.getByRole('navigation', { name: 'Danh mục chính' });
    assert.ok(await menu.getByRole('link', { name: 'Hỏi đáp' }).isVisible());
    assert.equal(await menu.getByRole('button', { name: 'Danh mục' }).isVisible(), false);
    await expectNoAxeViolations(page, 'trang chủ 1280 px');
  });

  it('every newsroom screen at 360 px: the menu folds, nothing scrolls sideways, every control is on the screen', async () => {
    const page = await newPage();
    await signIn(page, portal.baseUrl, SITE_ADMIN, DEMO_PASSWORD);
    const screens = [...NEWSROOM_SCREENS];
    for (const [list, item] of ITEM_SCREENS) {
      await page.goto(`${portal.baseUrl}${list}`);
      const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      const first = hrefs.find((href) => item.test(href));
      assert.ok(first, `không có liên kết nào dạng ${item} trên ${list}`);
      screens.push(first);
    }
    await checkScreens(page, portal.baseUrl, screens);

    // A list's row is a card at 360 px: its cells read under their headings, and it is still a table for screen readers.
    await page.goto(`${portal.baseUrl}/quan-tri/nguoi-dung`);
    const row = page.getByRole('table').getByRole('row', { name: /Phạm Quản Trị/ });
    assert.equal(await row.getByRole('cell').nth(2).getAttribute('data-label'), 'Vai trò');
    const card = (await row.boundingBox())!;
    assert.ok(card.x >= 0 && card.x + card.width <= 360, `hàng bảng phải nằm trong màn hình: ${card.x}–${card.x + card.width}`);
    await expectNoAxeViolations(page, 'người dùng, bảng thành thẻ, 360 px');
    await screenshot(page, 'dien-thoai-bang-the-360');

    await page.goto(`${portal.baseUrl}/quan-tri`);
    const nav = page.getByRole('navigation', { name: 'Quản trị' });
    await nav.getByRole('button', { name: 'Danh mục quản trị' }).click();
    assert.ok(await nav.getByRole('link', { name: 'Cài đặt' }).isVisible());
    await expectNoAxeViolations(page, 'bảng điều khiển, danh mục quản trị mở, 360 px');
    await screenshot(page, 'dien-thoai-quan-tri-danh-muc-mo-360');
  });

  it("every platform screen at 360 px, for the province's platform admin: nothing scrolls sideways, every control is on the screen", async () => {
    const page = await newPage();
    await signIn(page, portal.baseUrl, PLATFORM_ADMIN, DEMO_PASSWORD);
    await checkScreens(page, portal.baseUrl, PLATFORM_SCREENS);
  });

  it('every relief screen at 360 px, the demo campaign ledger too: nothing scrolls sideways, every control is on the screen', async () => {
    const page = await newPage();
    await signIn(page, portal.baseUrl, SITE_ADMIN, DEMO_PASSWORD);
    const screens = ['/quan-tri/van-dong', '/quan-tri/van-dong/moi', '/quan-tri/van-dong/tai-khoan', '/quan-tri/van-dong/tong-ket'];
    await page.goto(`${portal.baseUrl}/quan-tri/van-dong`);
    await page.getByRole('link', { name: 'Ngày vì người nghèo 2019' }).first().click();
    const campaign = new URL(page.url()).pathname;
    assert.match(campaign, /^\/quan-tri\/van-dong\/\d+$/);
    // Entries as a bank statement writes them, waiting for confirmation: long unbroken notes and references, and the approver's checkboxes.
    const campaignId = Number(campaign.split('/').pop());
    const site = await portal.db.selectFrom('sites').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const { editor } = await reliefStaff(portal.db, site);
    const receipt = await pendingReceipt(portal.db, editor, campaignId, {
      channel: 'transfer',
      received_on: '20/12/2019',
      donor_name: 'CONG TY TNHH THUONG MAI DICH VU XAY DUNG PHUONG NAM',
      bank_ref: 'FT19354000123456789',
      note: LONG_NOTE,
    });
    const spending = await pendingSpending(portal.db, editor, campaignId, {
      spent_on: '21/12/2019',
      description: 'HOTROHONGHEOKHUPHO1VAKHUPHO2THEODANHSACHDUYETCUAUBNDPHUONG1NGAY20122019',
    });
    screens.push(campaign, `${campaign}/khoan-thu`, `${campaign}/khoan-thu/${receipt}`, `${campaign}/khoan-chi`, `${campaign}/khoan-chi/${spending}`);
    // The import screen, then the preview of a statement uploaded from the phone.
    screens.push(`${campaign}/nhap-sao-ke`);
    await page.goto(`${portal.baseUrl}${campaign}/nhap-sao-ke`);
    await page.getByLabel('Tệp sao kê (CSV hoặc XLSX)').setInputFiles({
      name: 'sao-ke.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(vietcombankCsv([{ day: '22/12/2019', ref: 'FT19356000999888777', credit: 500_000, note: LONG_NOTE }])),
    });
    await Promise.all([page.waitForURL(/nhap-sao-ke\/\d+$/), page.getByRole('button', { name: 'Tải lên và xem trước' }).click()]);
    screens.push(new URL(page.url()).pathname);
    await checkScreens(page, portal.baseUrl, screens);
  });
});
