/**
 * An approver who wrote their own article, in real Chromium: "Duyệt và
 * xuất bản" is refused by the server, and it can only be forced through with
 * a reason, which the dashboard then lists.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_POSTS } from '../../src/services/demo/demo-content.ts';
import { expectNoAxeViolations, normalizeSpace, screenshot } from '../support/browser.ts';
import { useBrowserSuite } from '../support/browser-suite.ts';
import {
  APPROVER,
  FORCE_REASON,
  OWN_BODY,
  OWN_TITLE,
  OWN_WORK_REFUSAL,
  noticeOf,
  personPage,
  richEditor,
  statusOf,
  submitAndWait,
} from '../support/newsroom-page.ts';

describe('tòa soạn: lãnh đạo duyệt với bài của chính mình', () => {
  const suite = useBrowserSuite();

  describe('lãnh đạo duyệt với bài của chính mình', () => {
    let page: Page;
    let ownUrl = '';

    before(async () => {
      page = await personPage(suite, APPROVER.email);
    });

    it('f1. viết và gửi duyệt bài của mình', async () => {
      await page.goto(`${suite.portal.baseUrl}/quan-tri/bai-viet/moi`, { waitUntil: 'load' });
      await page.locator('#title').fill(OWN_TITLE);
      const content = await richEditor(page);
      await content.click();
      await page.keyboard.type(OWN_BODY);
      await page.locator('#category_id').selectOption({ label: 'Thông báo' });
      await submitAndWait(page, () => page.getByRole('button', { name: 'Lưu', exact: true }).click());
      assert.equal(await noticeOf(page), 'Đã lưu.');
      ownUrl = page.url().replace(/\?.*$/, '');
      await submitAndWait(page, () => page.getByRole('button', { name: 'Gửi duyệt', exact: true }).click());
      assert.equal(await statusOf(page), 'Chờ duyệt');
    });

    it('f2. "Duyệt và xuất bản" bị máy chủ từ chối bằng tiếng Việt', async () => {
      const status = await submitAndWait(page, () => page.getByRole('button', { name: 'Duyệt và xuất bản', exact: true }).click());
      assert.equal(status, 403);
      const text = normalizeSpace(await page.locator('body').innerText());
      assert.ok(text.includes(OWN_WORK_REFUSAL), `thông báo từ chối: ${text}`);
      await screenshot(page, 'newsroom-own-work-refused-1280');
      await page.goto(ownUrl, { waitUntil: 'load' });
      assert.equal(await statusOf(page), 'Chờ duyệt', 'bài không được xuất bản khi bị từ chối');
    });

    it('f3. xuất bản không qua duyệt cần lý do', async () => {
      const force = page.locator('details.force');
      await force.locator('summary').click();
      const status = await submitAndWait(page, () => force.getByRole('button', { name: 'Xuất bản không qua duyệt', exact: true }).click());
      assert.equal(status, 400, 'thiếu lý do phải bị từ chối');
      assert.equal(await page.locator('details.force').getAttribute('open'), '', 'khung lý do phải mở sẵn khi có lỗi');
      assert.equal(await page.locator('#reason').getAttribute('aria-invalid'), 'true');
      assert.equal(await statusOf(page), 'Chờ duyệt');

      await page.locator('#reason').fill(FORCE_REASON);
      await submitAndWait(page, () => page.locator('details.force').getByRole('button', { name: 'Xuất bản không qua duyệt', exact: true }).click());
      assert.equal(await noticeOf(page), 'Đã xuất bản.');
      assert.equal(await statusOf(page), 'Đã xuất bản');
      assert.ok(normalizeSpace(await page.locator('.side-panel').innerText()).includes(`Xuất bản không qua duyệt, lý do: ${FORCE_REASON}`));
    });

    it('f4. bài hiện trên bảng điều khiển ở mục "Xuất bản không qua duyệt"', async () => {
      await page.goto(`${suite.portal.baseUrl}/quan-tri`, { waitUntil: 'load' });
      const section = page.locator('section[aria-labelledby="khong-qua-duyet"]');
      assert.equal(normalizeSpace(await section.locator('h2').innerText()), 'Xuất bản không qua duyệt');
      const row = section.locator('tbody tr').filter({ has: page.getByRole('link', { name: OWN_TITLE, exact: true }) });
      assert.equal(await row.count(), 1, 'bài không có trong mục "Xuất bản không qua duyệt"');
      assert.ok(normalizeSpace(await row.innerText()).includes(`Lý do: ${FORCE_REASON}`));
      // An article published the ordinary way (a demo post) is not there.
      assert.equal(await section.getByRole('link', { name: DEMO_POSTS[0]!.title, exact: true }).count(), 0);
      await screenshot(page, 'newsroom-dashboard-forced-1280');
      await expectNoAxeViolations(page, 'bảng điều khiển của lãnh đạo');
    });
  });
});
