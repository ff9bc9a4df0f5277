/**
 * Helpers for the browser tests: a throwaway portal with the demo site, a
 * headless Chromium, an axe-core accessibility check and screenshots.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { Kysely } from 'kysely';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type DialectName, openSqlite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';
import { openTestDatabase } from './databases.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

/** The Chromium that npm test found or provided (scripts/test-setup/browser.mjs); Debian's when run without it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go, relative to the project root. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-output/screenshots');

/** The WCAG levels the public site must meet. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Viewports every page is checked at. */
export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 360, height: 740 } as const;

export interface Portal {
  /** http://localhost:<port>: "localhost" so the Host header matches the demo site. */
  baseUrl: string;
  /** Only the origin, to tell the portal's own requests from any other. */
  origin: string;
  /** The portal's database, for building a test's data with the factories. */
  db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * Starts the portal on a fresh database in a temp folder, with the demo site
 * seeded: SQLite unless told, or a throwaway PostgreSQL database.
 */
export async function startPortal(options: { dialect?: DialectName } = {}): Promise<Portal> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-browser-'));
  const mediaDir = path.join(dir, 'media');
  fs.mkdirSync(mediaDir, { recursive: true });
  const handle = options.dialect === 'postgres' ? await openTestDatabase('postgres') : openSqlite(path.join(dir, 'xaphuong.sqlite'));
  try {
    await migrateToLatest(handle.db);
    const site = await seedDemo(handle.db, new LocalStorage(mediaDir));
    assert.ok(site, 'seedDemo không tạo được trang mẫu "Phường 1"');
    const app = await buildApp({ db: handle.db, config: { mediaDir, trustProxy: false, logLevel: 'silent' } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://localhost:${port}`;
    return {
      baseUrl,
      origin: new URL(baseUrl).origin,
      db: handle.db,
      close: async () => {
        await app.close();
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Launches headless Chromium. A missing browser is a failure, never a skip:
 * a green run must mean the pages were actually checked.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    assert.fail(
      `Không tìm thấy Chromium tại ${CHROMIUM_PATH}: chạy bằng "npm test", lệnh này tự tìm hoặc cài Chromium ` +
        '(hoặc đặt CHROMIUM_PATH). Các kiểm thử trình duyệt không được bỏ qua.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Runs axe-core on the page and fails with a readable list of every violation. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.flatMap((v) => [
    `- ${v.id} [${v.impact ?? 'unknown'}] ${v.help} (${v.helpUrl})`,
    ...v.nodes.map((n) => {
      const summary = n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').trim()}` : '';
      return `    at ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' | ')}${summary}`;
    }),
  ]);
  assert.fail(`${label}: ${results.violations.length} vi phạm axe (${page.url()})\n${lines.join('\n')}`);
}

/** Saves a full-page PNG to test-output/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Fails when the page scrolls sideways at its viewport width. */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const { scrollWidth, viewport } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  if (scrollWidth <= viewport) return;
  // Name the widest offenders, so the report says what to fix.
  const offenders = await page.evaluate((limit) => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const rect = el.getBoundingClientRect();
      if (rect.right > limit + 0.5) {
        const cls = el.getAttribute('class');
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls ? `.${cls.split(/\s+/).join('.')}` : ''} right=${Math.round(rect.right)}`);
      }
    }
    return out.slice(0, 10);
  }, viewport);
  assert.fail(`${label}: trang cuộn ngang (scrollWidth ${scrollWidth} > ${viewport}px). Phần tử tràn:\n  ${offenders.join('\n  ')}`);
}

/** Text with runs of whitespace (including non-breaking spaces) folded to one space. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * Signs in to the newsroom through the real form (/quan-tri/dang-nhap) in the
 * page's own browser context, and waits until the browser has left the
 * sign-in page. Fails with the page's message if the portal refused.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/quan-tri/dang-nhap`, { waitUntil: 'load' });
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  // The form posts to its own address: wait for whatever page the answer is (the next page, or the form again).
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await navigated;
  await page.waitForLoadState('load');
  const url = new URL(page.url());
  if (url.pathname === '/quan-tri/dang-nhap') {
    const message = normalizeSpace(
      await page
        .locator('.error-summary')
        .innerText()
        .catch(() => '(không có thông báo)'),
    );
    assert.fail(`Đăng nhập ${email} không được: ${message}`);
  }
}
