import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, type Portal, expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, screenshot, startPortal } from '../support/browser.ts';

describe('high-contrast mode', () => {
  let portal: Portal;
  let browser: Browser;

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`turns on, stays on after a reload, and passes axe at ${viewport.width} px`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${portal.baseUrl}/`);
      const toggle = page.getByRole('button', { name: 'Tương phản cao' });
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await toggle.click();
      assert.equal(await page.locator('html').getAttribute('data-contrast'), 'cao');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, 'rgb(0, 0, 0)');
      await page.goto(`${portal.baseUrl}/chuyen-muc/tin-tuc`);
      assert.equal(await page.locator('html').getAttribute('data-contrast'), 'cao');
      await expectNoAxeViolations(page, `tương phản cao ${viewport.width}`);
      await expectNoHorizontalScroll(page, `tương phản cao ${viewport.width}`);
      await screenshot(page, `tuong-phan-cao-${viewport.width}`);
      await page.getByRole('button', { name: 'Tương phản cao' }).click();
      assert.equal(await page.locator('html').getAttribute('data-contrast'), null);
      await context.close();
    });
  }
});
