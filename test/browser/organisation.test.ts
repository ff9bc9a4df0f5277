/**
 * Giới thiệu, the English pages, the satisfaction rating form and their
 * admin pages in Chromium: one h1, no axe violations (WCAG 2.1 A/AA), no
 * sideways scrolling at 360 px, and screenshots at 1280 and 360 px.
 */
import { formatDateTimeInput } from '../../src/text/date-time-input.ts';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { earliestNoticeStart } from '../../src/services/organisation/downtime.ts';
import { normalizeSpace } from '../support/browser.ts';
import { checkAtBothWidths, openPage as open, useBrowserSuite } from '../support/browser-suite.ts';
import { withoutCalendarsAndOrganisation } from '../support/factories.ts';

const SITE_ADMIN = 'quantri@phuong1.demo';
const EDITOR = 'bientap@phuong1.demo';
const APPROVER = 'lanhdao@phuong1.demo';

/** One h1, axe, no sideways scroll and a screenshot, at both widths. */
const checkPage = (page: Page, name: string) => checkAtBothWidths(page, { shot: `organisation-${name}`, label: name });

describe('Giới thiệu, trang tiếng Anh và đánh giá hài lòng: axe, 360 px, ảnh chụp', () => {
  const suite = useBrowserSuite();
  // The demo ward carries these modules filled in; these tests fill them in themselves.
  before(async () => {
    const site = await suite.portal.db.selectFrom('sites').select('id').orderBy('id').executeTakeFirstOrThrow();
    await withoutCalendarsAndOrganisation(suite.portal.db, site);
  });
  let admin: Page;
  let editor: Page;
  let approver: Page;
  let visitor: Page;

  async function save(page: Page): Promise<void> {
    await Promise.all([page.waitForURL(/\/quan-tri\/gioi-thieu[^?]*\?ok=luu/), page.getByRole('button', { name: /^Lưu/ }).first().click()]);
  }

  /** Presses a review button of the page's review panel and waits for the result. */
  async function review(page: Page, button: 'Gửi duyệt' | 'Duyệt và xuất bản'): Promise<void> {
    const ok = button === 'Gửi duyệt' ? /[?&]ok=gui-duyet/ : /[?&]ok=xuat-ban/;
    await Promise.all([page.waitForURL(ok), page.getByRole('button', { name: button, exact: true }).click()]);
  }

  before(async () => {
    admin = await suite.signedInPage(SITE_ADMIN);
    editor = await suite.signedInPage(EDITOR);
    approver = await suite.signedInPage(APPROVER);

    // An editor drafts a page and sends it for review; an approver publishes it in the first test.
    await open(editor, `${suite.portal.baseUrl}/quan-tri/gioi-thieu/trang/chuc-nang-nhiem-vu`);
    await editor.getByRole('textbox', { name: 'Nội dung', exact: true }).fill('UBND phường là cơ quan hành chính nhà nước ở địa phương.');
    await editor.getByRole('textbox', { name: 'Nội dung tiếng Anh' }).fill('The People’s Committee is the local state administrative body.');
    await save(editor);
    await review(editor, 'Gửi duyệt');

    await open(admin, `${suite.portal.baseUrl}/quan-tri/gioi-thieu/trang/co-cau-to-chuc`);
    const options = await admin.locator('#media_id option').count();
    if (options > 1) await admin.locator('#media_id').selectOption({ index: 1 });
    await admin.getByRole('textbox', { name: 'Nội dung', exact: true }).fill('Gồm Văn phòng HĐND và UBND, Phòng Kinh tế, Phòng Văn hóa – Xã hội.');
    await save(admin);
    await review(admin, 'Gửi duyệt');
    await open(approver, `${suite.portal.baseUrl}/quan-tri/gioi-thieu/trang/co-cau-to-chuc`);
    await review(approver, 'Duyệt và xuất bản');

    for (const person of [
      { name: 'Nguyễn Văn An', title: 'Chủ tịch UBND phường', en: 'Chairman', phone: '0277 3861 234', email: 'an@phuong1.demo', order: '1' },
      { name: 'Trần Thị Bích Ngọc', title: 'Phó Chủ tịch UBND phường', en: 'Vice Chairwoman', phone: '0277 3861 235', email: 'ngoc@phuong1.demo', order: '2' },
    ]) {
      await open(admin, `${suite.portal.baseUrl}/quan-tri/gioi-thieu/nguoi/moi`);
      await admin.getByLabel('Họ và tên').fill(person.name);
      await admin.getByLabel('Chức vụ', { exact: true }).fill(person.title);
      await admin.getByLabel('Chức vụ (tiếng Anh)').fill(person.en);
      await admin.getByLabel('Điện thoại').fill(person.phone);
      await admin.getByLabel('Thư điện tử').fill(person.email);
      await admin.getByLabel(/Thứ tự hiển thị/).fill(person.order);
      await admin.getByRole('textbox', { name: 'Tiểu sử', exact: true }).fill('Sinh năm 1975, quê quán Sa Đéc, Đồng Tháp.');
      await save(admin);
    }
    await open(admin, `${suite.portal.baseUrl}/quan-tri/gioi-thieu/nguoi/moi`);
    await admin.getByLabel('Cán bộ đầu mối').check();
    await admin.getByLabel('Họ và tên').fill('Lê Văn Cường');
    await admin.getByLabel('Chức vụ', { exact: true }).fill('Công chức Văn phòng – Thống kê');
    await admin.getByLabel('Thư điện tử').fill('cuong@phuong1.demo');
    await save(admin);
    // The people list is reviewed as a whole.
    await open(admin, `${suite.portal.baseUrl}/quan-tri/gioi-thieu`);
    await review(admin, 'Gửi duyệt');
    await open(approver, `${suite.portal.baseUrl}/quan-tri/gioi-thieu`);
    await review(approver, 'Duyệt và xuất bản');

    // A planned downtime, so every public page below carries the banner.
    const start = new Date(earliestNoticeStart(new Date()).getTime() + 46 * 3_600_000);
    const field = (d: Date) => formatDateTimeInput(d);
    await open(admin, `${suite.portal.baseUrl}/quan-tri/thong-bao-bao-tri`);
    await admin.getByLabel('Bắt đầu').fill(field(start));
    await admin.getByLabel('Kết thúc').fill(field(new Date(start.getTime() + 4 * 3_600_000)));
    await admin.getByLabel(/Nội dung thông báo/).fill('Cổng tạm dừng để nâng cấp máy chủ.');
    await Promise.all([admin.waitForURL(/\?ok=luu/), admin.getByRole('button', { name: 'Đặt lịch' }).click()]);

    await open(admin, `${suite.portal.baseUrl}/quan-tri/lien-ket`);
    await admin.locator('[name="title_0"]').fill('UBND tỉnh Đồng Tháp');
    await admin.locator('[name="url_0"]').fill('https://dongthap.gov.vn');
    await Promise.all([admin.waitForURL(/\?ok=luu/), admin.getByRole('button', { name: 'Lưu liên kết' }).click()]);

    visitor = await suite.newPage();
  });

  it('lãnh đạo duyệt trang do biên tập viên gửi, từ hàng chờ của bảng điều khiển; cổng chỉ hiện sau khi duyệt', async () => {
    const url = `${suite.portal.baseUrl}/gioi-thieu/chuc-nang-nhiem-vu`;
    const published = /cơ quan hành chính nhà nước ở địa phương/;
    // Fresh browser contexts: public pages may be kept by the browser's own HTTP cache.
    const early = await suite.newPage();
    await open(early, url);
    assert.doesNotMatch(await early.locator('main').innerText(), published, 'chưa duyệt thì chưa công bố');
    await open(approver, `${suite.portal.baseUrl}/quan-tri`);
    await Promise.all([
      approver.waitForURL(/\/quan-tri\/gioi-thieu\/trang\/chuc-nang-nhiem-vu$/),
      approver.getByRole('link', { name: 'Trang giới thiệu: Chức năng, nhiệm vụ' }).click(),
    ]);
    assert.equal(normalizeSpace(await approver.locator('.side-panel .status').innerText()), 'Chờ duyệt');
    await checkPage(approver, 'admin-cho-duyet');
    await review(approver, 'Duyệt và xuất bản');
    assert.equal(normalizeSpace(await approver.locator('.side-panel .status').innerText()), 'Đã xuất bản');
    // The portal drops its cached copy when it next reads the page events (every 250 ms).
    const late = await suite.newPage();
    for (let attempt = 0; attempt < 20 && !published.test(await (await late.request.get(url)).text()); attempt++) await late.waitForTimeout(250);
    await open(late, url);
    assert.match(await late.locator('main').innerText(), published);
  });

  for (const [path, name] of [
    ['/gioi-thieu', 'index'],
    ['/gioi-thieu/chuc-nang-nhiem-vu', 'chuc-nang'],
    ['/gioi-thieu/co-cau-to-chuc', 'co-cau'],
    ['/gioi-thieu/lanh-dao', 'lanh-dao'],
    ['/gioi-thieu/can-bo-dau-moi', 'dau-moi'],
    ['/en', 'en'],
    ['/en/leaders', 'en-leaders'],
    ['/en/contact', 'en-contact'],
    ['/thong-ke-truy-cap', 'thong-ke'],
  ] as const) {
    it(`trang công khai ${path}`, async () => {
      await open(visitor, `${suite.portal.baseUrl}${path}`);
      const lang = await visitor.locator('html').getAttribute('lang');
      assert.equal(lang, path.startsWith('/en') ? 'en' : 'vi');
      assert.match(await visitor.locator('.downtime-banner').innerText(), /Thông báo tạm dừng hệ thống: từ .* Cổng tạm dừng để nâng cấp máy chủ\./);
      await checkPage(visitor, name);
    });
  }

  it('lãnh đạo: gọi điện và gửi thư bằng một chạm', async () => {
    await open(visitor, `${suite.portal.baseUrl}/gioi-thieu/lanh-dao`);
    assert.equal(await visitor.getByRole('link', { name: '0277 3861 234' }).getAttribute('href'), 'tel:02773861234');
    assert.equal(await visitor.getByRole('link', { name: 'an@phuong1.demo' }).getAttribute('href'), 'mailto:an@phuong1.demo');
    assert.deepEqual((await visitor.locator('.org-person-name').allInnerTexts()).map(normalizeSpace), ['Nguyễn Văn An', 'Trần Thị Bích Ngọc']);
  });

  it('gửi đánh giá hài lòng, rồi trang cảm ơn, không cookie', async () => {
    await open(visitor, `${suite.portal.baseUrl}/gioi-thieu/lanh-dao`);
    await visitor.getByLabel('Hài lòng', { exact: true }).check();
    await visitor.getByLabel(/^Góp ý/).fill('Thông tin lãnh đạo rõ ràng, dễ liên hệ.');
    await Promise.all([visitor.waitForURL(/\/danh-gia\/cam-on/), visitor.getByRole('button', { name: 'Gửi đánh giá ẩn danh' }).click()]);
    assert.equal(normalizeSpace(await visitor.locator('h1').innerText()), 'Cảm ơn bạn đã đánh giá');
    assert.equal(await visitor.getByRole('link', { name: 'Quay lại trang bạn vừa xem' }).getAttribute('href'), '/gioi-thieu/lanh-dao');
    assert.deepEqual(await visitor.context().cookies(), [], 'không đặt cookie nào');
    await checkPage(visitor, 'cam-on');
  });

  for (const [path, name] of [
    ['/quan-tri/gioi-thieu', 'admin-index'],
    ['/quan-tri/gioi-thieu/trang/co-cau-to-chuc', 'admin-trang'],
    ['/quan-tri/gioi-thieu/nguoi/moi', 'admin-nguoi'],
    ['/quan-tri/danh-gia', 'admin-danh-gia'],
    ['/quan-tri/thong-bao-bao-tri', 'admin-bao-tri'],
    ['/quan-tri/lien-ket', 'admin-lien-ket'],
  ] as const) {
    it(`trang quản trị ${path}`, async () => {
      await open(admin, `${suite.portal.baseUrl}${path}`);
      await checkPage(admin, name);
    });
  }

  it('trang chủ hiện liên kết đã cấu hình', async () => {
    await open(visitor, `${suite.portal.baseUrl}/`);
    assert.equal(await visitor.locator('#hop-lien-ket + ul a').first().getAttribute('href'), 'https://dongthap.gov.vn');
  });

  it('tóm tắt đánh giá có số liệu và góp ý', async () => {
    await open(admin, `${suite.portal.baseUrl}/quan-tri/danh-gia`);
    assert.match(normalizeSpace(await admin.locator('.rating-totals').innerText()), /^1 lượt đánh giá · điểm trung bình 4\/5$/);
    assert.match(await admin.locator('.rating-comments').innerText(), /Thông tin lãnh đạo rõ ràng/);
  });
});
