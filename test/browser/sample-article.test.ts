/**
 * The imported sample ward page, as a resident sees it in a real browser:
 * on a desktop and on a small phone.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_SITE } from '../../src/services/demo/demo-content.ts';
import { SAMPLE_PAGE } from '../../src/services/demo/seed-demo.ts';
import { DESKTOP, PHONE, expectNoAxeViolations, expectNoHorizontalScroll, normalizeSpace, screenshot } from '../support/browser.ts';
import { useBrowserSuite } from '../support/browser-suite.ts';

/** The fixture, read as the import reads it: title, paragraphs, credits, "Thông tin khác". */
const lines = fs.readFileSync(SAMPLE_PAGE, 'utf8').split(/\r?\n/);
const SAMPLE_TITLE = normalizeSpace(lines[0] ?? '');
const SAMPLE_PARAGRAPHS = lines.slice(1, 6).map(normalizeSpace);
const SAMPLE_CREDITS = 'Tin: Việt Thắng, Ảnh: Thanh An.';
const SAMPLE_OTHERS = lines.filter((l) => l.startsWith('- ')).map((l) => normalizeSpace(l.slice(2)));

describe('bài mẫu "Hội nghị tổng kết" trong trình duyệt', () => {
  const suite = useBrowserSuite();
  let articlePath: string;

  before(async () => {
    // Guard the fixture itself, so a changed sample file is not mistaken for a product bug.
    assert.match(SAMPLE_TITLE, /^HỘI NGHỊ TỔNG KẾT/);
    assert.equal(SAMPLE_PARAGRAPHS.length, 5);
    for (const p of SAMPLE_PARAGRAPHS) assert.ok(p.length > 100, `đoạn mẫu quá ngắn: ${p}`);
    assert.equal(normalizeSpace(lines[6] ?? ''), SAMPLE_CREDITS);
    assert.equal(SAMPLE_OTHERS.length, 8);

    const response = await fetch(`${suite.portal.baseUrl}/api/v1/articles?per_page=100`);
    assert.equal(response.status, 200);
    const { data } = (await response.json()) as { data: Array<{ slug: string; title: string; url: string }> };
    const sample = data.find((a) => a.title.startsWith('HỘI NGHỊ TỔNG KẾT'));
    assert.ok(sample, `API không có bài mẫu; có: ${data.map((a) => a.title).join(' | ')}`);
    articlePath = `/bai-viet/${sample.slug}`;
  });

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    describe(`${name} ${viewport.width}x${viewport.height}`, () => {
      let context: BrowserContext;
      let page: Page;
      const requests: string[] = [];

      before(async () => {
        context = await suite.browser.newContext({ viewport, locale: 'vi-VN' });
        page = await context.newPage();
        page.on('request', (request) => requests.push(request.url()));
        const response = await page.goto(`${suite.portal.baseUrl}${articlePath}`, { waitUntil: 'load' });
        assert.equal(response?.status(), 200, `GET ${articlePath}`);
      });

      after(async () => {
        await context?.close();
      });

      it('tiêu đề h1 là tiêu đề bài mẫu', async () => {
        const h1 = page.locator('h1');
        assert.equal(await h1.count(), 1);
        assert.ok(await h1.isVisible());
        assert.equal(normalizeSpace(await h1.innerText()), SAMPLE_TITLE);
      });

      it('hiện ngày đăng 13/01/2020', async () => {
        const time = page.locator('article .meta time');
        assert.ok(await time.isVisible());
        assert.equal(normalizeSpace(await time.innerText()), '13/01/2020');
      });

      it('mọi đoạn nội dung của bài mẫu đều hiện ra', async () => {
        const visible = normalizeSpace(await page.locator('body').innerText());
        const missing = SAMPLE_PARAGRAPHS.filter((p) => !visible.includes(p));
        assert.deepEqual(missing, [], 'các đoạn không thấy trên trang');
        // And each is its own paragraph of the article body.
        const bodyParagraphs = (await page.locator('.article-body p').allInnerTexts()).map(normalizeSpace);
        for (const p of SAMPLE_PARAGRAPHS) assert.ok(bodyParagraphs.includes(p), `không có <p> nào đúng bằng: ${p.slice(0, 60)}…`);
      });

      it('hiện dòng tác giả "Tin: Việt Thắng, Ảnh: Thanh An."', async () => {
        const credits = page.locator('.credits');
        assert.ok(await credits.isVisible());
        assert.equal(normalizeSpace(await credits.innerText()), SAMPLE_CREDITS);
      });

      it('"Thông tin khác" liệt kê đúng 8 dòng của trang mẫu', async () => {
        const section = page.locator('section.other-posts');
        assert.ok(await section.isVisible());
        assert.equal(normalizeSpace(await section.locator('h2').innerText()), 'Thông tin khác');
        const items = (await section.locator('li').allInnerTexts()).map(normalizeSpace);
        assert.deepEqual(items, SAMPLE_OTHERS);
      });

      it('đầu trang ghi "ỦY BAN NHÂN DÂN PHƯỜNG 1"', async () => {
        const header = normalizeSpace(await page.locator('header.site-header .brand-name').innerText());
        assert.ok(header.includes('ỦY BAN NHÂN DÂN PHƯỜNG 1'), `đầu trang: ${header}`);
      });

      it('chân trang có địa chỉ, điện thoại và thư điện tử', async () => {
        const footer = page.locator('footer.site-footer');
        assert.ok(await footer.isVisible());
        const text = normalizeSpace(await footer.innerText());
        assert.ok(text.includes(`Địa chỉ: ${DEMO_SITE.address}`), `chân trang thiếu địa chỉ: ${text}`);
        assert.ok(text.includes(`Điện thoại: ${DEMO_SITE.phone}`), `chân trang thiếu điện thoại: ${text}`);
        assert.ok(text.includes(`Thư điện tử: ${DEMO_SITE.email}`), `chân trang thiếu thư điện tử: ${text}`);
        assert.equal(await footer.locator('a[href^="tel:"]').getAttribute('href'), `tel:${DEMO_SITE.phone.replace(/\D/g, '')}`);
        assert.equal(await footer.locator('a[href^="mailto:"]').getAttribute('href'), `mailto:${DEMO_SITE.email}`);
      });

      it('không cuộn ngang', async () => {
        await expectNoHorizontalScroll(page, `bài mẫu ${name}`);
        if (viewport.width === PHONE.width) {
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(scrollWidth <= PHONE.width, `scrollWidth ${scrollWidth} > ${PHONE.width}`);
        }
      });

      it('không có vi phạm axe (WCAG 2.1 A/AA)', async () => {
        await expectNoAxeViolations(page, `bài mẫu ${name}`);
      });

      it('chụp màn hình', async () => {
        const file = await screenshot(page, `sample-article-${viewport.width}`);
        assert.ok(fs.statSync(file).size > 1000);
      });

      it('nút A+ phóng to chữ và nhớ sau khi tải lại', async () => {
        const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
        const before = await rootSize();
        const bigger = page.getByRole('button', { name: 'Tăng cỡ chữ' });
        assert.ok(await bigger.isVisible(), 'nút "Tăng cỡ chữ" không hiện');
        await bigger.click();
        const enlarged = await rootSize();
        assert.ok(enlarged > before, `cỡ chữ gốc không tăng: ${before}px → ${enlarged}px`);
        await page.reload({ waitUntil: 'load' });
        const afterReload = await rootSize();
        assert.equal(afterReload, enlarged, `cỡ chữ không được nhớ sau khi tải lại: ${enlarged}px → ${afterReload}px`);
        // Bigger text must not push the phone layout sideways either.
        await expectNoHorizontalScroll(page, `bài mẫu ${name}, chữ to`);
        await screenshot(page, `sample-article-${viewport.width}-chu-to`);
        // Back to the default for anything after.
        await page.getByRole('button', { name: 'Cỡ chữ mặc định' }).click();
        assert.equal(await rootSize(), before);
      });

      it('không gửi yêu cầu nào tới nguồn ngoài cổng', () => {
        assert.ok(requests.length > 0, 'không ghi nhận yêu cầu nào');
        const foreign = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== suite.portal.origin);
        assert.deepEqual(foreign, [], 'yêu cầu tới nguồn ngoài');
      });
    });
  }
});
