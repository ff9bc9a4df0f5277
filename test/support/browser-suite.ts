/**
 * What every browser suite sets up the same way: the portal and Chromium for
 * the suite's tests, a page per person in a context of its own, and the
 * checks each page must pass at 1280 and at 360 px.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DialectName } from '../../src/db/database.ts';
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
} from './browser.ts';

export interface Viewport {
  width: number;
  height: number;
}

/** The portal, the browser and the contexts of one suite. */
export interface BrowserSuite {
  readonly portal: Portal;
  readonly browser: Browser;
  /** A page in a fresh context of its own (1280 px unless told), in Vietnamese; closed after the suite. */
  newPage(viewport?: Viewport): Promise<Page>;
  /** A fresh page signed in through the real form as one of the demo accounts. */
  signedInPage(email: string, viewport?: Viewport): Promise<Page>;
}

/**
 * Call at the top of a describe: before its tests, starts the portal with the
 * demo site (on SQLite unless told) and launches Chromium; after them, closes every context it gave
 * out, the browser and the portal.
 */
export function useBrowserSuite(options: { dialect?: DialectName } = {}): BrowserSuite {
  let portal: Portal | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  before(async () => {
    portal = await startPortal(options);
    browser = await launchBrowser();
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await portal?.close();
  });
  const suite: BrowserSuite = {
    get portal() {
      assert.ok(portal, 'cổng chưa chạy: dùng suite.portal trong before/it');
      return portal;
    },
    get browser() {
      assert.ok(browser, 'trình duyệt chưa chạy: dùng suite.browser trong before/it');
      return browser;
    },
    async newPage(viewport = DESKTOP) {
      const context = await suite.browser.newContext({ viewport, locale: 'vi-VN' });
      contexts.push(context);
      return context.newPage();
    },
    async signedInPage(email, viewport = DESKTOP) {
      const page = await suite.newPage(viewport);
      await signIn(page, suite.portal.baseUrl, email, DEMO_PASSWORD);
      return page;
    },
  };
  return suite;
}

/** Goes to an address and fails unless it answered with this status (200 unless told). */
export async function openPage(page: Page, url: string, status = 200): Promise<void> {
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.equal(response?.status(), status, `GET ${url} trả ${response?.status()}`);
}

/** What to check of a page at both widths. */
export interface PageCheck {
  /** The screenshot's name, before "-<width>.png" in test-output/screenshots. */
  shot: string;
  /** How failures name the page: the screenshot's name unless told. */
  label?: string;
  /** "one" (the default): exactly one h1; "one-visible": and it is shown; "unchecked": the page's headings are left alone. */
  h1?: 'one' | 'one-visible' | 'unchecked';
  /** Waits until the page can be judged after each resize: its load event unless told. */
  settle?: (page: Page) => Promise<void>;
}

async function expectOneH1(page: Page, where: string, visible: boolean): Promise<void> {
  const h1 = page.locator('h1');
  const count = await h1.count();
  assert.equal(count, 1, `${where}: có ${count} thẻ h1 (cần đúng 1): ${(await h1.allInnerTexts()).map(normalizeSpace).join(' | ')}`);
  if (visible) assert.ok(await h1.isVisible(), `${where}: h1 không hiện`);
}

/**
 * The checks every page must pass, at 1280 and at 360 px: its h1, no axe
 * violations, no sideways scroll, and a screenshot. Every failure of both
 * widths is reported together; the page gets its own width back.
 */
export async function checkAtBothWidths(page: Page, check: PageCheck): Promise<void> {
  const failures: string[] = [];
  const original = page.viewportSize();
  const settle = check.settle ?? ((p: Page) => p.waitForLoadState('load'));
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await settle(page);
    const where = `${check.label ?? check.shot} @${viewport.width}px`;
    const checks = [() => expectNoAxeViolations(page, where), () => expectNoHorizontalScroll(page, where)];
    if (check.h1 !== 'unchecked') checks.unshift(() => expectOneH1(page, where, check.h1 === 'one-visible'));
    for (const run of checks) {
      await run().catch((error: unknown) => failures.push(error instanceof Error ? error.message : String(error)));
    }
    await screenshot(page, `${check.shot}-${viewport.width}`);
  }
  if (original) await page.setViewportSize(original);
  if (failures.length) assert.fail(failures.join('\n\n'));
}
