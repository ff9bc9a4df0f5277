/**
 * Issue 18, item 4, through the real screens: the ward's leader fixes a
 * published article, the fix waits for a second pair of eyes while readers
 * keep the approved text, the leader cannot approve their own fix, and the
 * site admin approves it.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { normalizeSpace } from '../support/browser.ts';
import { checkAtBothWidths, useBrowserSuite } from '../support/browser-suite.ts';
import { APPROVER, OWN_WORK_REFUSAL, SITE_ADMIN, statusOf, submitAndWait } from '../support/newsroom-page.ts';

const FIX = ' (đã sửa lỗi chính tả)';

describe('sửa bài đang trên cổng: bản sửa chờ người duyệt thứ hai', () => {
  const suite = useBrowserSuite();
  let leader: Page;
  let publicUrl = '';
  let title = '';
  const base = () => suite.portal.baseUrl;

  before(async () => {
    leader = await suite.signedInPage(APPROVER.email);
  });

  it('lãnh đạo mở một bài đã xuất bản, sửa tiêu đề và lưu: bản sửa chờ duyệt, cổng vẫn hiện bản cũ', async () => {
    await leader.goto(`${base()}/quan-tri/bai-viet?trang-thai=published`, { waitUntil: 'load' });
    const first = leader.locator('table.data-table tbody tr a').first();
    title = normalizeSpace(await first.innerText());
    await first.click();
    await leader.waitForLoadState('load');
    publicUrl = (await leader.getByRole('link', { name: 'Xem trên cổng' }).getAttribute('href'))!;
    await leader.locator('#title').fill(`${title}${FIX}`);
    await submitAndWait(leader, () => leader.getByRole('button', { name: 'Lưu', exact: true }).click());
    assert.equal(await statusOf(leader), 'Đã xuất bản · bản sửa chưa gửi duyệt');
    assert.ok(normalizeSpace(await leader.locator('.side-panel').innerText()).includes('cổng vẫn hiện bản đã được duyệt'));
    assert.equal(await leader.locator('#title').inputValue(), `${title}${FIX}`, 'the editor shows the fix');
    const reader = await suite.newPage();
    await reader.goto(`${base()}${publicUrl}`, { waitUntil: 'load' });
    assert.equal(normalizeSpace(await reader.locator('h1').innerText()), title, 'readers keep the approved title');
  });

  it('gửi duyệt bản sửa, rồi tự duyệt thì bị từ chối bằng tiếng Việt; trang dùng được ở 1280 và 360 px', async () => {
    await submitAndWait(leader, () => leader.getByRole('button', { name: 'Gửi duyệt', exact: true }).click());
    assert.equal(await statusOf(leader), 'Đã xuất bản · bản sửa chờ duyệt');
    const refused = await submitAndWait(leader, () => leader.getByRole('button', { name: 'Duyệt và xuất bản', exact: true }).click());
    assert.equal(refused, 403);
    assert.ok(normalizeSpace(await leader.locator('body').innerText()).includes(OWN_WORK_REFUSAL));
    await checkAtBothWidths(leader, { shot: 'live-edit-pending', label: 'bài có bản sửa chờ duyệt' });
  });

  it('quản trị cổng duyệt bản sửa: cổng hiện tiêu đề mới', async () => {
    const admin = await suite.signedInPage(SITE_ADMIN.email);
    await admin.goto(`${base()}/quan-tri`, { waitUntil: 'load' });
    // The queue names the article by its approved title until the fix is approved.
    await admin.locator('section[aria-labelledby="hang-cho"]').getByRole('link', { name: title, exact: true }).click();
    await admin.waitForLoadState('load');
    await submitAndWait(admin, () => admin.getByRole('button', { name: 'Duyệt và xuất bản', exact: true }).click());
    assert.equal(await statusOf(admin), 'Đã xuất bản');
    const reader = await suite.newPage();
    // The page cache learns of the change within a poll (250 ms); a reader who comes back a moment later sees it.
    let shown = '';
    for (let i = 0; i < 20 && shown !== `${title}${FIX}`; i++) {
      await reader.waitForTimeout(250);
      await reader.goto(`${base()}${publicUrl}`, { waitUntil: 'load' });
      shown = normalizeSpace(await reader.locator('h1').innerText());
    }
    assert.equal(shown, `${title}${FIX}`);
  });
});
