/**
 * A merged ward's public pages in Chromium: an article moved from a former
 * commune names its unit, "Phường 2 (cũ)", and that unit's list of
 * articles; axe, no sideways scroll at 360 px, screenshots at 1280 and 360.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { mergeSites } from '../../src/services/merge/merge-sites.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DESKTOP, PHONE, expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, normalizeSpace, screenshot } from '../support/browser.ts';
import { buildArticle, buildSite } from '../support/factories.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

describe('trang công khai của phường sau khi gộp', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base = '';

  before(async () => {
    t = await openTestApp('sqlite');
    await buildSite(t.t.db, { name: 'Phường Sa Đéc', unitType: 'phuong', hosts: ['localhost'] });
    const former = await buildSite(t.t.db, { name: 'Phường 2', unitType: 'phuong', hosts: ['phuong2.test'] });
    for (const title of ['Ra quân dọn vệ sinh kênh Sa Đéc', 'Hội nghị tổng kết công tác dân vận năm 2024'])
      await buildArticle(t.t.db, former, { title, bodyHtml: '<p>Phường 2 tổ chức cho cán bộ và nhân dân khu phố cùng tham gia.</p>' });
    await mergeSites(t.t.db, new LocalStorage(t.mediaDir), 'localhost', ['phuong2.test'], { system: 'kiểm thử', siteId: null });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://localhost:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' })).newPage();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(name: string): Promise<void> {
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await expectNoAxeViolations(page, `${name} @${viewport.width}px`);
      await expectNoHorizontalScroll(page, `${name} @${viewport.width}px`);
      await screenshot(page, `don-vi-cu-${name}-${viewport.width}`);
    }
  }

  it('a moved article names its former unit, and the link lists that unit’s articles', async () => {
    await page.goto(`${base}/bai-viet/ra-quan-don-ve-sinh-kenh-sa-dec`, { waitUntil: 'load' });
    const unit = page.getByRole('link', { name: 'Phường 2 (cũ)' });
    assert.equal(normalizeSpace(await page.locator('.meta').innerText()).includes('Đơn vị: Phường 2 (cũ)'), true);
    await check('bai-viet');
    await page.setViewportSize(DESKTOP);
    await Promise.all([page.waitForURL(/\/don-vi-cu\/phuong-2$/), unit.click()]);
    assert.equal(normalizeSpace(await page.locator('h1').innerText()), 'Phường 2 (cũ)');
    assert.equal(await page.locator('main').getByRole('link', { name: 'Hội nghị tổng kết công tác dân vận năm 2024' }).count(), 1);
    await check('danh-sach');
  });
});
