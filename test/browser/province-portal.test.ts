/**
 * The province portal in Chromium: the demo's province (tinh.localhost) over
 * the demo ward and two more communes of Đồng Tháp, and a commune of another
 * province that never shows. Its home, the communes' news, the directory and
 * the province-wide search pass axe and fit a 360 px phone; the commune
 * picker filters the home with a plain form.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { PHONE, normalizeSpace } from '../support/browser.ts';
import { checkAtBothWidths, openPage, useBrowserSuite } from '../support/browser-suite.ts';
import { seedDemoProvince } from '../../src/services/demo/seed-demo.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

describe('province portal in the browser', () => {
  const suite = useBrowserSuite();
  let origin = '';

  before(async () => {
    const db = suite.portal.db;
    await seedDemoProvince(db);
    const caoLanh = await buildSite(db, {
      name: 'Phường Cao Lãnh',
      unitType: 'phuong',
      province: 'Đồng Tháp',
      hosts: ['caolanh.localhost'],
      address: 'Số 5 đường Lý Thường Kiệt, phường Cao Lãnh, tỉnh Đồng Tháp',
      email: 'phuongcaolanh@dongthap.gov.vn',
    });
    const anBinh = await buildSite(db, { name: 'Xã An Bình', province: 'Đồng Tháp', hosts: ['anbinh.localhost'] });
    const other = await buildSite(db, { name: 'Xã Mỹ Hòa Hưng', province: 'An Giang', hosts: ['myhoahung.localhost'] });
    await buildArticle(db, caoLanh, { title: 'Phường Cao Lãnh ra quân làm sạch kênh Cái Sâu', summary: 'Hơn 200 đoàn viên, thanh niên tham gia.' });
    await buildArticle(db, anBinh, { title: 'Thông báo lịch tiếp công dân tháng 12/2026 của xã An Bình', categorySlug: 'thong-bao' });
    await buildArticle(db, other, { title: 'Tin của tỉnh khác không được hiện' });
    origin = suite.portal.baseUrl.replace('//localhost', '//tinh.localhost');
  });

  it('every page of the province passes axe and fits a phone, and never shows another province', async () => {
    const page = await suite.newPage();
    const pages: Array<[string, string]> = [
      ['/', 'tinh-trang-chu'],
      ['/tin-xa-phuong', 'tinh-tin-xa-phuong'],
      ['/tin-xa-phuong?loai=thong-bao', 'tinh-thong-bao-xa-phuong'],
      ['/xa-phuong', 'tinh-danh-ba'],
      ['/tim-kiem?q=kenh+cai+sau', 'tinh-tim-kiem'],
    ];
    for (const [path, shot] of pages) {
      await openPage(page, `${origin}${path}`);
      assert.doesNotMatch(await page.content(), /Mỹ Hòa Hưng|tỉnh khác/, path);
      await checkAtBothWidths(page, { shot });
    }
  });

  it('on a phone, the commune picker filters the home without scripts, and results name their commune', async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, locale: 'vi-VN', javaScriptEnabled: false });
    const page = await context.newPage();
    await openPage(page, `${origin}/`);
    await page.selectOption('#xa-trang-chu', { label: 'Phường Cao Lãnh' });
    await page.click('.commune-picker button');
    await page.waitForURL(/\?xa=\d+/);
    const news = normalizeSpace(await page.locator('#tin-xa-phuong').locator('xpath=..').innerText());
    assert.match(news, /Phường Cao Lãnh ra quân làm sạch kênh Cái Sâu/);
    assert.doesNotMatch(news, /An Bình/);
    await openPage(page, `${origin}/tim-kiem?q=tiep+cong+dan`);
    const hit = page.locator('.search-hit').first();
    assert.equal(normalizeSpace(await hit.locator('.commune-label').innerText()), 'Xã An Bình');
    assert.match((await hit.locator('h2 a').getAttribute('href')) ?? '', /^http:\/\/anbinh\.localhost:\d+\/bai-viet\//);
    await context.close();
  });
});
