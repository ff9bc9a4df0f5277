/**
 * Lịch công tác and lịch tiếp công dân in a real browser: staff fill the
 * forms (with a mistake first) and submit them for review, an approver
 * publishes them, then both public pages and the admin pages
 * pass axe at 1280 and 360 px with no sideways scroll; screenshots of each,
 * and of the week printed.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addWeeks, currentWeek, displayDay, weekDays, weekKey } from '../../src/services/calendars/weeks.ts';
import { normalizeSpace, screenshot } from '../support/browser.ts';
import { checkAtBothWidths, openPage as open, useBrowserSuite } from '../support/browser-suite.ts';
import { withoutCalendarsAndOrganisation } from '../support/factories.ts';

const SITE_ADMIN = 'quantri@phuong1.demo';
const APPROVER = 'lanhdao@phuong1.demo';

/** One h1, axe, no sideways scroll and a screenshot, at both widths. */
const checkPage = (page: Page, name: string) => checkAtBothWidths(page, { shot: name });

describe('lịch công tác và lịch tiếp công dân trong trình duyệt', () => {
  const suite = useBrowserSuite();
  // The demo ward carries these modules filled in; these tests fill them in themselves.
  before(async () => {
    const site = await suite.portal.db.selectFrom('sites').select('id').orderBy('id').executeTakeFirstOrThrow();
    await withoutCalendarsAndOrganisation(suite.portal.db, site);
  });
  let staff: Page;
  let approver: Page;
  const week = currentWeek(new Date());
  const days = weekDays(week);

  /** Fills the "add an entry" form and submits it. */
  async function addEntry(values: { day: string; time: string; task: string; presider?: string; participants?: string; location?: string }): Promise<void> {
    await staff.locator('#day').fill(values.day);
    await staff.locator('#start_time').fill(values.time);
    await staff.locator('#task').fill(values.task);
    await staff.locator('#presider').fill(values.presider ?? '');
    await staff.locator('#participants').fill(values.participants ?? '');
    await staff.locator('#location').fill(values.location ?? '');
    await Promise.all([staff.waitForLoadState('load'), staff.getByRole('button', { name: 'Thêm vào lịch' }).click()]);
  }

  before(async () => {
    staff = await suite.signedInPage(SITE_ADMIN);
    approver = await suite.signedInPage(APPROVER);
  });

  /** Staff submit what they changed; the approver, who did not change it, publishes it from the same admin page. */
  async function submitAndPublish(adminUrl: string): Promise<void> {
    await open(staff, adminUrl);
    await Promise.all([staff.waitForURL(/ok=gui-duyet$/), staff.getByRole('button', { name: 'Gửi duyệt', exact: true }).click()]);
    assert.equal(normalizeSpace(await staff.locator('.side-panel .status').innerText()), 'Chờ duyệt');
    // Staff who changed it are not offered approval of their own work.
    assert.equal(await staff.getByRole('button', { name: 'Duyệt và xuất bản' }).count(), 0);
    await open(approver, adminUrl);
    await Promise.all([approver.waitForURL(/ok=xuat-ban$/), approver.getByRole('button', { name: 'Duyệt và xuất bản', exact: true }).click()]);
    assert.equal(normalizeSpace(await approver.locator('.side-panel .status').innerText()), 'Đã xuất bản');
  }

  it('staff add entries to this week; a mistake comes back explained, with the input kept', async () => {
    await open(staff, `${suite.portal.baseUrl}/quan-tri/lich-cong-tac`);
    assert.match(normalizeSpace(await staff.locator('h1').innerText()), new RegExp(`^Lịch công tác tuần ${week.week} `));
    await addEntry({ day: '31/02/2026', time: '7 giờ', task: 'Chào cờ đầu tuần', location: 'Sân UBND phường' });
    assert.match(normalizeSpace(await staff.locator('.error-summary').innerText()), /Ngày: ngày phải viết dd\/mm\/yyyy và có thật/);
    assert.equal(await staff.locator('#location').inputValue(), 'Sân UBND phường');
    await checkPage(staff, 'lich-admin-loi');

    await addEntry({
      day: displayDay(days[0]!),
      time: '07:30',
      task: 'Chào cờ đầu tuần',
      presider: 'Bí thư Đảng ủy phường',
      participants: 'Toàn thể cán bộ, công chức phường',
      location: 'Sân UBND phường',
    });
    assert.equal(normalizeSpace(await staff.locator('main .notice').innerText()), 'Đã lưu.');
    await addEntry({
      day: displayDay(days[0]!),
      time: '14:00',
      task: 'Họp giao ban Ủy ban nhân dân phường, đánh giá kết quả thực hiện nhiệm vụ tháng và triển khai nhiệm vụ tháng tới',
      presider: 'Chủ tịch UBND phường',
      participants: 'Các Phó Chủ tịch; Trưởng các bộ phận chuyên môn; Bí thư, Trưởng khu phố 1–8',
      location: 'Phòng họp UBND phường',
    });
    await addEntry({
      day: displayDay(days[3]!),
      time: '08:00',
      task: 'Tiếp công dân định kỳ',
      presider: 'Chủ tịch UBND phường',
      location: 'Phòng tiếp công dân',
    });
    assert.equal(await staff.locator('table.data-table tbody tr').count(), 3);
    await checkPage(staff, 'lich-admin-tuan');

    await staff.getByRole('link', { name: /^Sửa mục 14:00/ }).click();
    await staff.waitForLoadState('load');
    assert.equal(await staff.locator('#start_time').inputValue(), '14:00');
    await checkPage(staff, 'lich-admin-sua');

    await submitAndPublish(`${suite.portal.baseUrl}/quan-tri/lich-cong-tac`);
    await checkPage(approver, 'lich-admin-da-duyet');
  });

  it('staff keep the reception schedule', async () => {
    await open(staff, `${suite.portal.baseUrl}/quan-tri/lich-tiep-cong-dan`);
    await staff.locator('#official_name').fill('Nguyễn Văn An');
    await staff.locator('#position').fill('Chủ tịch UBND phường');
    await staff.locator('#days').fill('Thứ Năm hằng tuần');
    await staff.locator('#hours').fill('Sáng 07:30–11:00; chiều 13:30–16:30');
    await staff.locator('#place').fill('Phòng tiếp công dân, UBND phường 1');
    await Promise.all([staff.waitForURL(/ok=luu$/), staff.getByRole('button', { name: 'Thêm', exact: true }).click()]);
    await checkPage(staff, 'lich-tiep-admin');
    await submitAndPublish(`${suite.portal.baseUrl}/quan-tri/lich-tiep-cong-dan`);
  });

  it('the public week page reads well at 1280 and 360 px and in print', async () => {
    const visitor = await suite.newPage();
    await open(visitor, `${suite.portal.baseUrl}/lich-cong-tac`);
    const heading = normalizeSpace(await visitor.locator('h1').innerText());
    assert.equal(heading, `Lịch công tác tuần ${week.week} (từ ${displayDay(days[0]!)} đến ${displayDay(days[6]!)})`);
    assert.equal(await visitor.locator('.cal-day').count(), 7);
    assert.equal(await visitor.locator('.cal-entry').count(), 3);
    assert.ok((await visitor.locator('.cal-empty').count()) >= 10, 'empty halves say so');
    await checkPage(visitor, 'lich-cong-tac');
    await visitor.emulateMedia({ media: 'print' });
    assert.equal(await visitor.locator('.cal-weeknav').first().isVisible(), false, 'week links are not printed');
    await screenshot(visitor, 'lich-cong-tac-in');
    await visitor.emulateMedia({ media: 'screen' });

    await visitor
      .getByRole('link', { name: /Tuần .* →/ })
      .first()
      .click();
    await visitor.waitForLoadState('load');
    const next = addWeeks(week, 1);
    assert.equal(new URL(visitor.url()).pathname, `/lich-cong-tac/${weekKey(next)}`);
    assert.match(normalizeSpace(await visitor.locator('h1').innerText()), new RegExp(`^Lịch công tác tuần ${next.week} `));
    assert.equal(await visitor.locator('.cal-entry').count(), 0);
  });

  it('the public reception schedule passes the same checks', async () => {
    const visitor = await suite.newPage();
    await open(visitor, `${suite.portal.baseUrl}/lich-tiep-cong-dan`);
    assert.equal(normalizeSpace(await visitor.locator('.reception-slot h2').innerText()), 'Nguyễn Văn An');
    await checkPage(visitor, 'lich-tiep-cong-dan');
  });
});
