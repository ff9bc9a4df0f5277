import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DESKTOP, PHONE, expectNoAxeViolations, expectNoHorizontalScroll, screenshot } from '../support/browser.ts';
import { useBrowserSuite } from '../support/browser-suite.ts';

describe('high-contrast mode', () => {
  const suite = useBrowserSuite();

  for (const viewport of [DESKTOP, PHONE]) {
    it(`turns on, stays on after a reload, and passes axe at ${viewport.width} px`, async () => {
      const context = await suite.browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${suite.portal.baseUrl}/`);
      const toggle = page.getByRole('button', { name: 'Tương phản cao' });
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await toggle.click();
      assert.equal(await page.locator('html').getAttribute('data-contrast'), 'cao');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, 'rgb(0, 0, 0)');
      await page.goto(`${suite.portal.baseUrl}/chuyen-muc/tin-tuc`);
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
