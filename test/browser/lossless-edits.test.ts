/**
 * Issue 21, items 1 and 2, in real Chromium, as the ward's staff work, with
 * their mistakes: a reporter presses "Gửi duyệt" without "Lưu", leaves the
 * page with changes, two people edit the same article, an approver types a
 * time (in a Vietnamese and in an English browser) and approves.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dialog, Page } from 'playwright-core';
import { formatDateTimeInput } from '../../src/text/date-time-input.ts';
import { DEMO_PASSWORD } from '../../src/services/demo/demo-content.ts';
import { DESKTOP, normalizeSpace, signIn } from '../support/browser.ts';
import { checkAtBothWidths, useBrowserSuite } from '../support/browser-suite.ts';
import { DIALECTS } from '../support/databases.ts';
import { APPROVER, CONTRIBUTOR, EDITOR, SITE_ADMIN, noticeOf, personPage, richEditor, statusOf, submitAndWait } from '../support/newsroom-page.ts';

const DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;
/** Two days from now, to the minute, as the field takes it. */
const inTwoDays = () => formatDateTimeInput(new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 60_000) * 60_000));

for (const dialect of DIALECTS) {
  describe(`không mất bài sửa; lãnh đạo chọn giờ xuất bản [${dialect}]`, () => {
    const suite = useBrowserSuite({ dialect });
    const editUrl = (id: number) => `${suite.portal.baseUrl}/quan-tri/bai-viet/${id}`;
    const idOf = (page: Page) => Number(/\/quan-tri\/bai-viet\/(\d+)/.exec(page.url())?.[1] ?? assert.fail(`không ở trang sửa bài: ${page.url()}`));
    const click = (page: Page, name: string) => submitAndWait(page, () => page.getByRole('button', { name, exact: true }).click());

    /** A reporter writes a draft through the form and saves it; returns its id. */
    async function writeDraft(page: Page, title: string, body: string): Promise<number> {
      await page.goto(`${suite.portal.baseUrl}/quan-tri/bai-viet/moi`, { waitUntil: 'load' });
      await page.locator('#title').fill(title);
      const content = await richEditor(page);
      await content.click();
      await page.keyboard.type(body);
      await page.locator('#category_id').selectOption({ label: 'Tin tức' });
      assert.equal(await click(page, 'Lưu'), 303);
      return idOf(page);
    }

    it('phóng viên sửa tiêu đề và nội dung rồi bấm "Gửi duyệt" mà không bấm "Lưu": người duyệt thấy chữ mới', async () => {
      const reporter = await personPage(suite, CONTRIBUTOR.email);
      const id = await writeDraft(reporter, 'Phường ra quân dọn vệ sinh kênh rạch', 'Sáng Chủ nhật, đoàn viên thanh niên ra quân.');
      await reporter.locator('#title').fill('Phường ra quân dọn vệ sinh kênh rạch mùa mưa');
      const content = await richEditor(reporter);
      await content.click();
      await reporter.keyboard.press('End');
      await reporter.keyboard.type(' Đã thu gom hơn hai tấn rác.');
      // The mistake: straight to "Gửi duyệt", no "Lưu".
      assert.equal(await click(reporter, 'Gửi duyệt'), 303);
      assert.equal(await noticeOf(reporter), 'Đã gửi duyệt.');
      assert.equal(await statusOf(reporter), 'Chờ duyệt');

      const approver = await personPage(suite, APPROVER.email);
      await approver.goto(editUrl(id), { waitUntil: 'load' });
      assert.equal(await approver.locator('#title').inputValue(), 'Phường ra quân dọn vệ sinh kênh rạch mùa mưa');
      assert.match(normalizeSpace(await (await richEditor(approver)).innerText()), /Đã thu gom hơn hai tấn rác\./);
    });

    it('rời trang khi còn thay đổi chưa lưu thì được hỏi trước; sau khi lưu thì không', async () => {
      const reporter = await personPage(suite, CONTRIBUTOR.email);
      const id = await writeDraft(reporter, 'Lịch tiêm chủng mở rộng tháng 12', 'Trạm y tế phường tổ chức tiêm chủng.');
      await reporter.locator('#summary').fill('Tóm tắt vừa gõ, chưa lưu.');
      // The person answers "stay" (the click waits while the question is open).
      const asked = new Promise<string>((resolve) =>
        reporter.once('dialog', (dialog: Dialog) => {
          resolve(dialog.type());
          void dialog.dismiss();
        }),
      );
      await reporter.getByRole('navigation', { name: 'Quản trị' }).getByRole('link', { name: 'Bài viết', exact: true }).click({ noWaitAfter: true });
      assert.equal(await asked, 'beforeunload');
      assert.equal(new URL(reporter.url()).pathname, `/quan-tri/bai-viet/${id}`, 'ở lại trang khi chọn không rời');
      assert.equal(await reporter.locator('#summary').inputValue(), 'Tóm tắt vừa gõ, chưa lưu.');

      assert.equal(await click(reporter, 'Lưu'), 303);
      let askedAgain = false;
      reporter.once('dialog', (d) => {
        askedAgain = true;
        void d.accept();
      });
      await reporter.getByRole('navigation', { name: 'Quản trị' }).getByRole('link', { name: 'Bài viết', exact: true }).click();
      await reporter.waitForURL(/\/quan-tri\/bai-viet$/);
      assert.equal(askedAgain, false, 'đã lưu rồi mà vẫn hỏi');
    });

    it('lãnh đạo gõ giờ sau này rồi bấm duyệt: bài hẹn giờ đúng lúc đó, hiện dd/mm/yyyy HH:mm; ảnh chụp 1280 và 360 px', async () => {
      const reporter = await personPage(suite, CONTRIBUTOR.email);
      const id = await writeDraft(reporter, 'Thông báo lịch tiếp công dân tuần sau', 'Lãnh đạo phường tiếp công dân sáng thứ Năm.');
      assert.equal(await click(reporter, 'Gửi duyệt'), 303);

      const approver = await personPage(suite, APPROVER.email);
      await approver.goto(editUrl(id), { waitUntil: 'load' });
      const when = inTwoDays();
      await approver.locator('#publish_at').fill(when);
      await checkAtBothWidths(approver, { shot: 'article-form-approver', label: 'trang sửa bài (lãnh đạo)', h1: 'one-visible' });
      assert.equal(await click(approver, 'Duyệt và xuất bản'), 303);
      assert.equal(await noticeOf(approver), 'Đã hẹn giờ xuất bản.');
      assert.equal(await statusOf(approver), 'Hẹn giờ xuất bản');
      assert.equal(await approver.locator('#publish_at').inputValue(), when);
      assert.match(normalizeSpace(await approver.locator('.side-panel').innerText()), new RegExp(`Hẹn giờ xuất bản: ${when.replace(/\//g, '\\/')}`));
    });

    it('lãnh đạo chỉ đổi giờ, bấm "Lưu", rồi duyệt: vẫn được duyệt vì giờ không phải nội dung', async () => {
      const reporter = await personPage(suite, CONTRIBUTOR.email);
      const id = await writeDraft(reporter, 'Kế hoạch ra quân mùa hè xanh', 'Đoàn phường ra quân chiến dịch mùa hè xanh.');
      assert.equal(await click(reporter, 'Gửi duyệt'), 303);

      const approver = await personPage(suite, APPROVER.email);
      await approver.goto(editUrl(id), { waitUntil: 'load' });
      await approver.locator('#publish_at').fill(inTwoDays());
      assert.equal(await click(approver, 'Lưu'), 303);
      assert.equal(await approver.getByText('không thể tự duyệt').count(), 0);
      assert.equal(await click(approver, 'Duyệt và xuất bản'), 303);
      assert.equal(await noticeOf(approver), 'Đã hẹn giờ xuất bản.');
      assert.equal(await statusOf(approver), 'Hẹn giờ xuất bản');
    });

    it('hai người cùng sửa một bài: người lưu sau được báo trùng và giữ nguyên chữ mình gõ', async () => {
      const reporter = await personPage(suite, CONTRIBUTOR.email);
      const id = await writeDraft(reporter, 'Hội nghị tổng kết công tác năm', 'Ủy ban nhân dân phường tổ chức hội nghị tổng kết.');
      const editor = await personPage(suite, EDITOR.email);
      await editor.goto(editUrl(id), { waitUntil: 'load' });
      await reporter.goto(editUrl(id), { waitUntil: 'load' });

      await reporter.locator('#title').fill('Hội nghị tổng kết công tác năm 2026');
      assert.equal(await click(reporter, 'Lưu'), 303);

      await editor.locator('#title').fill('Hội nghị tổng kết năm của phường');
      const content = await richEditor(editor);
      await content.click();
      await editor.keyboard.press('End');
      await editor.keyboard.type(' Biên tập viên viết thêm đoạn này.');
      assert.equal(await click(editor, 'Lưu'), 409);
      assert.match(normalizeSpace(await editor.locator('.error-summary').innerText()), /Lưu trùng với người khác/);
      assert.match(normalizeSpace(await editor.locator('#version').innerText()), /người khác đã lưu bài này/);
      assert.equal(await editor.locator('#title').inputValue(), 'Hội nghị tổng kết năm của phường');
      assert.match(normalizeSpace(await (await richEditor(editor)).innerText()), /Biên tập viên viết thêm đoạn này\./);

      // The reporter's save stands until the editor knowingly saves again.
      await reporter.goto(editUrl(id), { waitUntil: 'load' });
      assert.equal(await reporter.locator('#title').inputValue(), 'Hội nghị tổng kết công tác năm 2026');
      assert.equal(await click(editor, 'Lưu'), 303);
      assert.equal(await noticeOf(editor), 'Đã lưu.');
    });

    it('trình duyệt tiếng Anh (en-US) vẫn nhập và hiện giờ dd/mm/yyyy HH:mm', async () => {
      const context = await suite.browser.newContext({ viewport: DESKTOP, locale: 'en-US', timezoneId: 'America/New_York' });
      try {
        const page = await context.newPage();
        await signIn(page, suite.portal.baseUrl, SITE_ADMIN.email, DEMO_PASSWORD);
        await page.goto(`${suite.portal.baseUrl}/quan-tri/bai-viet/moi`, { waitUntil: 'load' });
        const field = page.locator('#publish_at');
        assert.equal(await field.getAttribute('type'), 'text');
        assert.equal(await field.getAttribute('placeholder'), 'dd/mm/yyyy HH:mm');
        await page.locator('#title').fill('Bài hẹn giờ từ máy tiếng Anh');
        await (await richEditor(page)).click();
        await page.keyboard.type('Nội dung bài.');
        await page.locator('#category_id').selectOption({ label: 'Tin tức' });
        await field.fill('25/12/2026 07:05');
        assert.equal(await click(page, 'Lưu'), 303);
        assert.equal(await page.locator('#publish_at').inputValue(), '25/12/2026 07:05');

        assert.match(await page.locator('#publish_at').inputValue(), DATE_TIME);
        // The American habit is caught by the field's pattern before anything is sent.
        await page.locator('#publish_at').fill('12/25/2026 7:05 AM');
        await page.getByRole('button', { name: 'Lưu', exact: true }).click();
        assert.equal(await page.locator('#publish_at').evaluate((input: HTMLInputElement) => input.validity.patternMismatch), true);

        await page.goto(`${suite.portal.baseUrl}/quan-tri/thong-bao-bao-tri`, { waitUntil: 'load' });
        for (const name of ['starts_at', 'ends_at']) {
          assert.equal(await page.locator(`#${name}`).getAttribute('type'), 'text');
          assert.equal(await page.locator(`#${name}`).getAttribute('placeholder'), 'dd/mm/yyyy HH:mm');
        }
        assert.match(normalizeSpace(await page.locator('#starts_at-goi-y').innerText()), /07\/12\/2026 08:30/);
      } finally {
        await context.close();
      }
    });
  });
}
