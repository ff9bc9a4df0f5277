/**
 * Every kind of public page in a real browser, on a desktop and a small phone:
 * it loads, has one h1, passes axe (WCAG 2.1 A/AA) and does not scroll sideways.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { DESKTOP, PHONE, expectNoAxeViolations, expectNoHorizontalScroll, normalizeSpace, screenshot } from '../support/browser.ts';
import { useBrowserSuite } from '../support/browser-suite.ts';

interface PageCase {
  name: string;
  /** Filled in once the portal runs (the sample's slug is only known then). */
  path: () => string;
  status: number;
  /** What the page's single h1 must say. */
  h1: string | RegExp;
  /** Page-specific checks, beyond the common ones. */
  check?: (page: Page) => Promise<void>;
}

describe('các trang công khai trong trình duyệt', () => {
  const suite = useBrowserSuite();
  let sampleSlug = '';

  const cases: PageCase[] = [
    {
      name: 'home',
      path: () => '/',
      status: 200,
      h1: 'Ủy ban nhân dân phường 1', // authorityName(): "Phường 1" → "Ủy ban nhân dân phường 1"
      check: async (page) => {
        assert.ok((await page.locator('.home-main article, .home-main .card').count()) > 0, 'trang chủ không có tin nào');
      },
    },
    {
      name: 'category-tin-tuc',
      path: () => '/chuyen-muc/tin-tuc',
      status: 200,
      h1: /Tin tức/i,
      check: async (page) => {
        assert.ok((await page.locator('main .card').count()) > 0, 'chuyên mục tin tức không có bài nào');
      },
    },
    {
      name: 'print',
      path: () => `/bai-viet/${sampleSlug}/in`,
      status: 200,
      h1: /^HỘI NGHỊ TỔNG KẾT/,
      check: async (page) => {
        assert.ok(await page.getByRole('button', { name: 'In trang này' }).isVisible(), 'nút "In trang này" không hiện');
        const source = normalizeSpace(await page.locator('.print-source').innerText());
        assert.ok(source.includes(`${suite.portal.baseUrl}/bai-viet/${sampleSlug}`), `dòng nguồn: ${source}`);
      },
    },
    {
      name: 'search-nha-tinh-thuong',
      path: () => `/tim-kiem?q=${encodeURIComponent('nha tinh thuong')}`,
      status: 200,
      h1: 'Tìm kiếm',
      check: async (page) => {
        const count = normalizeSpace(await page.locator('.result-count').innerText());
        assert.match(count, /^Tìm thấy [1-9]\d* kết quả/, `tìm không dấu không ra kết quả: ${count}`);
        const titles = (await page.locator('main .card-title').allInnerTexts()).map(normalizeSpace);
        assert.ok(
          titles.some((t) => t.startsWith('HỘI NGHỊ TỔNG KẾT')),
          `bài mẫu (có "nhà tình thương") không nằm trong kết quả: ${titles.join(' | ')}`,
        );
      },
    },
    {
      name: 'search-corrected',
      path: () => `/tim-kiem?q=${encodeURIComponent('nhaf tinhf thuongw')}`,
      status: 200,
      h1: 'Tìm kiếm',
      check: async (page) => {
        const note = normalizeSpace(await page.locator('.search-correction').innerText());
        assert.match(note, /^Hiển thị kết quả cho nhà tình thương\. Tìm chính xác từ khóa đã gõ: nhaf tinhf thuongw$/, `ghi chú sửa lỗi gõ: ${note}`);
        const titles = (await page.locator('main .card-title').allInnerTexts()).map(normalizeSpace);
        assert.ok(
          titles.some((t) => t.startsWith('HỘI NGHỊ TỔNG KẾT')),
          `bài mẫu (có "nhà tình thương") không nằm trong kết quả: ${titles.join(' | ')}`,
        );
      },
    },
    {
      name: 'not-found',
      path: () => '/khong-co-trang-nay',
      status: 404,
      h1: 'Không tìm thấy trang',
    },
  ];

  before(async () => {
    const response = await fetch(`${suite.portal.baseUrl}/api/v1/articles?per_page=100`);
    assert.equal(response.status, 200);
    const { data } = (await response.json()) as { data: Array<{ slug: string; title: string }> };
    const sample = data.find((a) => a.title.startsWith('HỘI NGHỊ TỔNG KẾT'));
    assert.ok(sample, 'API không có bài mẫu');
    sampleSlug = sample.slug;
  });

  for (const viewport of [DESKTOP, PHONE]) {
    describe(`${viewport.width}x${viewport.height}`, () => {
      let context: BrowserContext;

      before(async () => {
        context = await suite.browser.newContext({ viewport, locale: 'vi-VN' });
      });

      after(async () => {
        await context?.close();
      });

      for (const c of cases) {
        it(`${c.name}: tải được, một h1, không vi phạm axe, không cuộn ngang`, async () => {
          const page = await context.newPage();
          const foreign: string[] = [];
          page.on('request', (request) => {
            const url = request.url();
            if (!url.startsWith('data:') && new URL(url).origin !== suite.portal.origin) foreign.push(url);
          });
          try {
            const response = await page.goto(`${suite.portal.baseUrl}${c.path()}`, { waitUntil: 'load' });
            assert.equal(response?.status(), c.status, `GET ${c.path()}`);
            assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');

            const h1 = page.locator('h1');
            assert.equal(await h1.count(), 1, `${c.name}: phải có đúng một h1`);
            const h1Text = normalizeSpace((await h1.textContent()) ?? '');
            if (typeof c.h1 === 'string') assert.equal(h1Text, c.h1);
            else assert.match(h1Text, c.h1);

            await c.check?.(page);
            await screenshot(page, `${c.name}-${viewport.width}`);
            await expectNoHorizontalScroll(page, `${c.name} ${viewport.width}px`);
            if (viewport.width === PHONE.width) {
              const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
              assert.ok(scrollWidth <= PHONE.width, `${c.name}: scrollWidth ${scrollWidth} > ${PHONE.width}`);
            }
            await expectNoAxeViolations(page, `${c.name} ${viewport.width}px`);
            assert.deepEqual(foreign, [], `${c.name}: yêu cầu tới nguồn ngoài cổng`);
          } finally {
            await page.close();
          }
        });
      }
    });
  }
});
