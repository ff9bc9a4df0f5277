import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportWxr } from '../../src/services/export/wxr-export.ts';
import { PoliteFetcher } from '../../src/services/import/polite-fetch.ts';
import { importWordpress } from '../../src/services/import/wordpress/wordpress-import.ts';
import { storeUpload } from '../../src/services/media-service.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';
import { jpeg } from '../support/wxr.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

for (const dialect of DIALECTS) {
  describe(`a site leaves for WordPress: export-wxr [${dialect}]`, () => {
    let t: TestApp;
    let dir: string;
    before(async () => {
      t = await openTestApp(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-wxr-'));
    });
    after(async () => {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('writes the articles, categories and media as WXR that a WordPress importer reads back whole', async () => {
      const site = await buildSite(t.t.db, { hosts: ['127.0.0.1'] });
      t.app.sites.clear();
      const image = await storeUpload(t.t.db, new LocalStorage(t.mediaDir), site.id, {
        bytes: await jpeg(640),
        originalName: 'hop.jpg',
        alt: 'Quang cảnh cuộc họp',
      });
      await buildArticle(t.t.db, site, {
        title: 'Hội nghị tổng kết công tác dân vận',
        bodyHtml: `<p>Nội dung.</p><figure><img src="/media/${image.storage_key}" alt="Quang cảnh cuộc họp"><figcaption>Cuộc họp</figcaption></figure>`,
        writer: 'Việt Thắng',
        featuredMediaId: image.id,
      });
      await buildArticle(t.t.db, site, { title: 'Thông báo lịch tiếp công dân', categorySlug: 'thong-bao' });
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const file = path.join(dir, 'xuat.xml');
      assert.deepEqual(await exportWxr(t.t, site, file, origin), { articles: 2, attachments: 1 });

      const target = await buildSite(t.t.db);
      const { report } = await importWordpress(t.t.db, file, {
        siteId: target.id,
        storage: new LocalStorage(t.mediaDir),
        fetcher: new PoliteFetcher({ delayMs: 0 }),
      });
      assert.equal(report.imported, 2);
      assert.equal(report.mediaImported, 1);
      const rows = await t.t.db
        .selectFrom('articles')
        .innerJoin('categories', 'categories.id', 'articles.category_id')
        .select(['title', 'body_html', 'writer', 'featured_media_id', 'categories.slug'])
        .where('articles.site_id', '=', target.id)
        .orderBy('articles.id')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.title, r.slug]),
        [
          ['Hội nghị tổng kết công tác dân vận', 'tin-tuc'],
          ['Thông báo lịch tiếp công dân', 'thong-bao'],
        ],
      );
      assert.match(
        rows[0]!.body_html,
        /<figure><img src="\/media\/[a-f0-9]{24}\.jpg" alt="Quang cảnh cuộc họp"( \/)?><figcaption>Cuộc họp<\/figcaption><\/figure>/,
      );
      assert.ok(rows[0]!.featured_media_id);
      assert.equal(rows[0]!.writer, 'Việt Thắng');
    });
  });
}
