/**
 * The conformance checklist as the people who use it: the ward's site admin
 * reads their own list on the dashboard and follows a link to the screen
 * that fixes an item; the province's platform admin creates a commune site
 * (a mistake first), then reads the table over every site of the province
 * and downloads it as CSV.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFORMANCE_CHECKS } from '../../src/services/conformance/registry.ts';
import { normalizeSpace } from '../support/browser.ts';
import { checkAtBothWidths, openPage, useBrowserSuite } from '../support/browser-suite.ts';

const SITE_ADMIN = 'quantri@phuong1.demo';
const PLATFORM_ADMIN = 'tinh@dongthap.demo';

describe('conformance checklist in the newsroom', () => {
  const suite = useBrowserSuite();

  it("the ward's site admin sees every requirement met on the dashboard and can open the screen behind each", async () => {
    const page = await suite.signedInPage(SITE_ADMIN);
    await openPage(page, `${suite.portal.baseUrl}/quan-tri`);
    const section = page.getByRole('region', { name: 'Tuân thủ quy định về cổng thông tin' });
    assert.equal(await section.locator('.checklist-item').count(), CONFORMANCE_CHECKS.length);
    assert.equal(await section.locator('.status', { hasText: 'Đạt' }).count(), CONFORMANCE_CHECKS.length, 'the demo ward carries everything');
    await checkAtBothWidths(page, { shot: 'tuan-thu-quan-tri-cong', label: 'bảng điều khiển với danh mục tuân thủ' });
    const link = section.locator('.checklist-item', { hasText: 'Lịch tiếp công dân' }).getByRole('link');
    assert.equal(normalizeSpace((await link.textContent()) ?? ''), 'Xem: Lịch tiếp công dân', 'the link says where it leads, for screen readers');
    await link.click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, '/quan-tri/lich-tiep-cong-dan');
  });

  it('the platform admin creates a commune site, fixing a mistake, then reads and downloads the province table', async () => {
    const page = await suite.signedInPage(PLATFORM_ADMIN);
    await openPage(page, `${suite.portal.baseUrl}/quan-tri/he-thong`);
    await page.locator('#name').fill('Xã Tân Phú');
    await page.locator('#province').fill('Đồng Tháp');
    await page.locator('#host').fill('tanphu.test');
    await page.locator('#address').fill('Ấp Tân Phú, xã Tân Phú');
    await page.locator('#phone').fill('số máy bàn');
    await page.locator('#email').fill('tanphu@dongthap.gov.vn');
    await page.locator('#responsible_person').fill('Trần Văn Phú');
    await page.getByRole('button', { name: 'Tạo cổng', exact: true }).click();
    await page.waitForLoadState('load');
    assert.match(normalizeSpace(await page.locator('.error-summary').innerText()), /Điện thoại/);
    assert.equal(await page.locator('#address').inputValue(), 'Ấp Tân Phú, xã Tân Phú', 'what was typed is kept');
    assert.equal(await page.locator('#responsible_person').inputValue(), 'Trần Văn Phú');
    await page.locator('#phone').fill('0277 3800 100');
    await Promise.all([page.waitForURL(/\?ok=cong-moi$/), page.getByRole('button', { name: 'Tạo cổng', exact: true }).click()]);

    await Promise.all([page.waitForURL(/\/tuan-thu$/), page.getByRole('link', { name: 'Tuân thủ quy định của các cổng' }).click()]);
    const rows = page.locator('table.checklist-table tbody tr');
    assert.equal(await rows.count(), 2);
    const newSite = page.locator('table.checklist-table tbody tr', { has: page.locator('th', { hasText: 'Xã Tân Phú' }) });
    assert.equal(await newSite.count(), 1, await rows.allInnerTexts().then((t) => t.join(' | ')));
    // Met from the start: the contacts given, and what cannot be late yet (questions, downtime notices, consultation summaries).
    assert.equal(await newSite.locator('.status', { hasText: 'Đạt' }).count(), 4, 'contacts given, nothing late');
    assert.equal(normalizeSpace(await newSite.locator('td').nth(CONFORMANCE_CHECKS.length).innerText()), String(CONFORMANCE_CHECKS.length - 4));
    await checkAtBothWidths(page, { shot: 'tuan-thu-he-thong', label: 'bảng tuân thủ của tỉnh' });

    const csv = await page.request.get(`${suite.portal.baseUrl}${await page.getByRole('link', { name: 'Tải bảng CSV' }).getAttribute('href')}`);
    assert.equal(csv.status(), 200);
    const body = await csv.body();
    assert.ok(body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 with BOM');
    assert.match(body.toString('utf8'), /\r\nXã Tân Phú,Đồng Tháp,Đạt,Thiếu,/);
  });
});
