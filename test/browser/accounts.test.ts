/**
 * The account flows people click through: a site admin invites someone who
 * already has an account on another site, and the owner signs in and
 * accepts; someone turns on two-factor sign-in, keeps the recovery codes,
 * and later signs in with one. Each screen is checked with axe, for
 * sideways scrolling and by a screenshot, at 1280 and 360 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { totpCode } from '../../src/services/auth/totp.ts';
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
import { buildSite, buildUser } from '../support/factories.ts';

const SITE_ADMIN = 'quantri@phuong1.demo';
const PLATFORM_ADMIN = 'tinh@dongthap.demo';
const EDITOR = 'bientap@phuong1.demo';

/** The checks of every screen, at both widths; every failure reported together. */
async function look(page: Page, name: string, label: string): Promise<void> {
  const failures: string[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    for (const check of [
      () => expectNoAxeViolations(page, `${label} @${viewport.width}px`),
      () => expectNoHorizontalScroll(page, `${label} @${viewport.width}px`),
    ]) {
      await check().catch((error: unknown) => failures.push(error instanceof Error ? error.message : String(error)));
    }
    await screenshot(page, `tai-khoan-${name}-${viewport.width}`);
  }
  await page.setViewportSize(DESKTOP);
  assert.deepEqual(failures, []);
}

/** Clicks a button that submits a form and waits for the page it leads to. */
async function press(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()), page.getByRole('button', { name, exact: true }).click()]);
  await page.waitForLoadState('load');
}

describe('tài khoản: lời mời và xác thực hai bước (trình duyệt)', () => {
  let portal: Portal;
  let browser: Browser;
  const pages: Page[] = [];
  const newPage = async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' })).newPage();
    pages.push(page);
    return page;
  };
  let ownerEmail: string;

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    const other = await buildSite(portal.db, { name: 'Phường 2', hosts: ['phuong2.test'] });
    ownerEmail = (await buildUser(portal.db, other, 'editor', { displayName: 'Trần Văn Cán Bộ' })).user.email;
  });
  after(async () => {
    for (const page of pages) await page.context().close();
    await browser?.close();
    await portal?.close();
  });

  it('quản trị cổng mời một tài khoản đã có ở cổng khác: chỉ là lời mời, đang chờ', async () => {
    const admin = await newPage();
    await signIn(admin, portal.baseUrl, SITE_ADMIN, DEMO_PASSWORD);
    await admin.goto(`${portal.baseUrl}/quan-tri/nguoi-dung`, { waitUntil: 'load' });
    await admin.getByLabel('Thư điện tử (bắt buộc)', { exact: true }).fill(ownerEmail);
    await admin.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Biên tập viên' });
    await press(admin, 'Thêm hoặc mời');
    assert.match(normalizeSpace(await admin.locator('.notice').innerText()), /^Đã gửi lời mời/);
    const pending = admin.getByRole('table', { name: 'Lời mời cổng này đã gửi, chờ chủ tài khoản trả lời' });
    assert.match(normalizeSpace(await pending.innerText()), new RegExp(`${ownerEmail.replace('.', '\\.')} Biên tập viên`));
    const members = admin.getByRole('table', { name: 'Tài khoản có quyền trên cổng này' });
    assert.doesNotMatch(await members.innerText(), new RegExp(ownerEmail.replace('.', '\\.')), 'not a member until they accept');
    await look(admin, 'nguoi-dung-loi-moi', 'Người dùng, một lời mời đang chờ');

    const platform = await newPage();
    await signIn(platform, portal.baseUrl, PLATFORM_ADMIN, DEMO_PASSWORD);
    await platform.goto(`${portal.baseUrl}/quan-tri/he-thong`, { waitUntil: 'load' });
    assert.equal(await platform.getByRole('button', { name: `Duyệt thay chủ tài khoản: ${ownerEmail}, Phường 1` }).count(), 1);
    await look(platform, 'he-thong-loi-moi', 'Hệ thống, lời mời đang chờ');
  });

  it('chủ tài khoản đăng nhập ở cổng mời, thấy lời mời và chấp nhận, rồi làm việc với vai trò mới', async () => {
    const owner = await newPage();
    await signIn(owner, portal.baseUrl, ownerEmail, 'mat-khau-du-dai');
    assert.equal(new URL(owner.url()).pathname, '/quan-tri/loi-moi');
    assert.equal(normalizeSpace(await owner.locator('h2').first().innerText()), 'Phường 1 mời bạn làm Biên tập viên');
    await look(owner, 'loi-moi', 'Lời mời tham gia cổng');
    await owner.goto(`${portal.baseUrl}/quan-tri/bai-viet`, { waitUntil: 'load' });
    assert.equal(new URL(owner.url()).pathname, '/quan-tri/loi-moi', 'nothing else opens before they accept');

    await press(owner, 'Chấp nhận: Phường 1');
    assert.equal(new URL(owner.url()).pathname, '/quan-tri');
    assert.equal(normalizeSpace(await owner.locator('.notice').innerText()), 'Đã nhận lời mời.');
    assert.match(normalizeSpace(await owner.locator('.admin-user').innerText()), /\(Biên tập viên\)/);
    await owner.goto(`${portal.baseUrl}/quan-tri/bai-viet`, { waitUntil: 'load' });
    assert.equal(new URL(owner.url()).pathname, '/quan-tri/bai-viet');
  });

  it('bật xác thực hai bước, lưu mã khôi phục, rồi đăng nhập bằng một mã khôi phục khi mất điện thoại', async () => {
    const page = await newPage();
    await signIn(page, portal.baseUrl, EDITOR, DEMO_PASSWORD);
    await page.goto(`${portal.baseUrl}/quan-tri/tai-khoan`, { waitUntil: 'load' });
    await press(page, 'Bật xác thực hai bước');
    const secret = normalizeSpace(await page.locator('code.secret').innerText());

    // The usual mistake first: a code typed wrong.
    await page.getByLabel('Mã xác thực').fill('000000' === totpCode(secret) ? '111111' : '000000');
    await press(page, 'Xác nhận và bật');
    assert.equal(await page.locator('#code-loi').count(), 1, 'the error sits beside the field');
    await page.getByLabel('Mã xác thực').fill(totpCode(secret, Date.now() - 30_000));
    await press(page, 'Xác nhận và bật');
    assert.equal(normalizeSpace(await page.locator('h1').innerText()), 'Mã khôi phục của bạn');
    const codes = (await page.locator('ol.recovery-codes code').allInnerTexts()).map(normalizeSpace);
    assert.equal(codes.length, 10);
    await look(page, 'ma-khoi-phuc', 'Mã khôi phục');

    await Promise.all([page.waitForURL(/ok=ma-khoi-phuc/), page.getByRole('link', { name: 'Tôi đã lưu các mã, tiếp tục' }).click()]);
    assert.match(normalizeSpace(await page.locator('section[aria-labelledby="hai-buoc"]').innerText()), /đã bật.*Bạn còn 10 mã khôi phục chưa dùng/);
    assert.ok(!(await page.content()).includes(codes[0]!), 'the codes are never shown again');
    await look(page, 'hai-buoc-da-bat', 'Tài khoản, xác thực hai bước đã bật');
    await press(page, 'Đăng xuất');

    await signIn(page, portal.baseUrl, EDITOR, DEMO_PASSWORD);
    assert.equal(new URL(page.url()).pathname, '/quan-tri/xac-thuc');
    await page.getByText('Mất điện thoại? Dùng mã khôi phục').click();
    await look(page, 'buoc-hai', 'Xác thực hai bước, mã khôi phục');
    await page.getByLabel('Mã khôi phục (dạng xxxxx-xxxxx)').fill(codes[3]!);
    await press(page, 'Đăng nhập bằng mã khôi phục');
    assert.equal(new URL(page.url()).pathname, '/quan-tri');
    await page.goto(`${portal.baseUrl}/quan-tri/tai-khoan`, { waitUntil: 'load' });
    assert.match(normalizeSpace(await page.locator('section[aria-labelledby="hai-buoc"]').innerText()), /Bạn còn 9 mã khôi phục chưa dùng/);
  });
});
