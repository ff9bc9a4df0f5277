/**
 * Every kind of public page, in the normal colours and in high contrast, at
 * 1280 and 360 px: axe (colour contrast included) finds nothing, nothing
 * scrolls sideways, and each is photographed. The demo site carries every
 * page kind the law asks for, so the pages are the demo's own.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { disclosurePaths } from '../../src/services/disclosure/disclosure-paths.ts';
import { checkAtBothWidths, openPage, useBrowserSuite } from '../support/browser-suite.ts';

/** What site.js reads to switch high contrast on before the page paints. */
const CONTRAST_KEY = 'xaphuong-tuong-phan';

interface PageKind {
  name: string;
  url: string;
  status?: number;
}

describe('every public page kind passes axe in both colour modes', () => {
  const suite = useBrowserSuite();
  const kinds: PageKind[] = [];

  before(async () => {
    const db = suite.portal.db;
    const article = await db.selectFrom('articles').select('slug').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const document = await db.selectFrom('documents').select('id').where('status', '=', 'published').executeTakeFirstOrThrow();
    const question = await db.selectFrom('questions').select('id').where('is_published', '=', 1).executeTakeFirstOrThrow();
    const campaign = await db.selectFrom('relief_campaigns').select('slug').executeTakeFirstOrThrow();
    const disclosure = await db
      .selectFrom('disclosure_entries as e')
      .innerJoin('disclosure_items as i', 'i.id', 'e.item_id')
      .select(['e.id', 'e.slug', 'i.slug as item_slug'])
      .where('e.status', '=', 'published')
      .executeTakeFirstOrThrow();
    kinds.push(
      { name: 'trang-chu', url: '/' },
      { name: 'chuyen-muc', url: '/chuyen-muc/tin-tuc' },
      { name: 'bai-viet', url: `/bai-viet/${article.slug}` },
      { name: 'tim-kiem', url: '/tim-kiem?q=trung+thu' },
      { name: 'van-ban', url: '/van-ban' },
      { name: 'mot-van-ban', url: `/van-ban/${document.id}` },
      { name: 'hoi-dap', url: '/hoi-dap' },
      { name: 'hoi-dap-gui', url: '/hoi-dap/gui' },
      { name: 'mot-cau-tra-loi', url: `/hoi-dap/cau-hoi/${question.id}` },
      { name: 'lich-cong-tac', url: '/lich-cong-tac' },
      { name: 'lich-tiep-cong-dan', url: '/lich-tiep-cong-dan' },
      { name: 'gioi-thieu', url: '/gioi-thieu' },
      { name: 'gioi-thieu-trang', url: '/gioi-thieu/chuc-nang-nhiem-vu' },
      { name: 'gioi-thieu-lanh-dao', url: '/gioi-thieu/lanh-dao' },
      { name: 'tieng-anh', url: '/en' },
      { name: 'tieng-anh-lanh-dao', url: '/en/leaders' },
      { name: 'tieng-anh-lien-he', url: '/en/contact' },
      { name: 'cong-khai', url: disclosurePaths.index() },
      { name: 'mot-cong-khai', url: disclosurePaths.entry(disclosure.item_slug, disclosure) },
      { name: 'lay-y-kien', url: '/lay-y-kien' },
      { name: 'van-dong', url: `/van-dong/${campaign.slug}` },
      { name: 'sao-ke', url: `/van-dong/${campaign.slug}/sao-ke` },
      { name: 'so-do-cong', url: '/so-do-cong' },
      { name: 'khong-tim-thay', url: '/khong-co-trang-nay', status: 404 },
    );
  });

  for (const mode of ['thuong', 'tuong-phan-cao'] as const) {
    it(`${mode === 'thuong' ? 'normal colours' : 'high contrast'}: every page kind at 1280 and 360 px`, async () => {
      const page: Page = await suite.newPage();
      if (mode === 'tuong-phan-cao') await page.addInitScript((key) => localStorage.setItem(key, '1'), CONTRAST_KEY);
      const failures: string[] = [];
      for (const kind of kinds) {
        await openPage(page, `${suite.portal.baseUrl}${kind.url}`, kind.status);
        assert.equal(await page.locator('html').getAttribute('data-contrast'), mode === 'thuong' ? null : 'cao', kind.url);
        await checkAtBothWidths(page, { shot: `${mode}-${kind.name}`, label: `${mode} ${kind.url}` }).catch((error: unknown) =>
          failures.push(error instanceof Error ? error.message : String(error)),
        );
      }
      if (failures.length) assert.fail(failures.join('\n\n'));
    });
  }
});
