/**
 * The visitor counter in every page's footer, in a real browser: site.js
 * fills the cached page's empty slot from the JSON figures, in vi-VN number
 * format, and a page served from the page cache still counts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { type DatabaseHandle, openSqlite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/http/app.ts';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';
import {
  DESKTOP,
  PHONE,
  SCREENSHOT_DIR,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  launchBrowser,
  normalizeSpace,
  screenshot,
} from '../support/browser.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

/** Views stored for an earlier day, so the total needs thousands separators. */
const EARLIER_VIEWS = 1_151_790;

describe('bộ đếm truy cập ở chân trang', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;

  before(async () => {
    // The shared portal helper hides its database; this test needs it to store an earlier day's views.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-visitors-'));
    const mediaDir = path.join(dir, 'media');
    fs.mkdirSync(mediaDir, { recursive: true });
    handle = openSqlite(path.join(dir, 'xaphuong.sqlite'));
    await migrateToLatest(handle.db);
    const site = await seedDemo(handle.db, new LocalStorage(mediaDir));
    assert.ok(site);
    await handle.db.insertInto('visitor_days').values({ site_id: site.id, day: '2026-01-02', views: EARLIER_VIEWS }).execute();
    app = await buildApp({ db: handle.db, config: { mediaDir, trustProxy: false, logLevel: 'silent' } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://localhost:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function footerFigures(page: Page): Promise<string> {
    const slot = page.locator('.footer-visitors dl');
    await slot.waitFor({ state: 'visible' });
    return normalizeSpace(await slot.innerText());
  }

  it('the footer shows "Đang truy cập · Hôm nay · Tổng" in vi-VN format, on cached pages too, with no cookie', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    const jsonRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/thong-ke-truy-cap.json')) jsonRequests.push(request.headers().cookie ?? '');
    });

    await page.goto(`${baseUrl}/gioi-thieu`, { waitUntil: 'load' });
    // innerText leaves out the " · " separators, which CSS draws.
    const first = await footerFigures(page);
    assert.match(first, /^Đang truy cập: 1 Hôm nay: 1 Tổng: 1\.151\.791$/, first);

    // The same page again comes from a cache (the browser's, for 60 s): it still counts.
    await page.goto(`${baseUrl}/gioi-thieu`, { waitUntil: 'load' });
    const second = await footerFigures(page);
    assert.match(second, /^Đang truy cập: 1 Hôm nay: 2 Tổng: 1\.151\.792$/, second);
    assert.ok(jsonRequests.length >= 2 && jsonRequests.every((cookie) => cookie === ''), 'the figures are fetched without cookies');
    assert.deepEqual(await context.cookies(), [], 'no cookie is set');

    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const viewport of [PHONE, DESKTOP]) {
      await page.setViewportSize(viewport);
      await expectNoAxeViolations(page, `chân trang @${viewport.width}px`);
      await expectNoHorizontalScroll(page, `chân trang @${viewport.width}px`);
      await page.locator('.site-footer').screenshot({ path: path.join(SCREENSHOT_DIR, `chan-trang-truy-cap-${viewport.width}.png`) });
    }
    await screenshot(page, 'chan-trang-truy-cap-trang');
    await context.close();
  });
});
