import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { storeUpload } from '../../src/services/media-service.ts';
import { mergeSites } from '../../src/services/merge/merge-sites.ts';
import { confirmMerge, undoMerge } from '../../src/services/merge/merge-undo.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';
import { jpeg } from '../support/wxr.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const NOTICE = {
  title: 'Thông báo của UBND tỉnh về lịch tiếp công dân',
  bodyHtml: '<p>UBND tỉnh thông báo lịch tiếp công dân tháng 7/2025.</p>',
  categorySlug: 'thong-bao',
};
const WHO = { system: 'kiểm thử', siteId: null };

for (const dialect of DIALECTS) {
  describe(`merging three former communes into a ward [${dialect}]`, () => {
    let t: TestApp;
    let ward: SiteRow;
    const former: SiteRow[] = [];
    let mediaKey: string;
    let editorId: number;

    before(async () => {
      t = await openTestApp(dialect);
      ward = await buildSite(t.t.db, { name: 'Phường Sa Đéc', unitType: 'phuong', hosts: [`sadec-${dialect}.test`] });
      for (const n of [1, 2, 3])
        former.push(
          await buildSite(t.t.db, { name: `Phường ${n}`, unitType: 'phuong', hosts: [`phuong${n}-${dialect}.test`, `www.phuong${n}-${dialect}.test`] }),
        );
      await buildArticle(t.t.db, ward, { title: 'Họp dân' });
      await buildArticle(t.t.db, former[0]!, { title: 'Họp dân', bodyHtml: '<p>Phường 1 họp dân khu phố 3.</p>' });
      // The same province notice, posted by two former communes.
      await buildArticle(t.t.db, former[0]!, NOTICE);
      await buildArticle(t.t.db, former[1]!, NOTICE);
      await t.t.db
        .insertInto('categories')
        .values({ site_id: former[1]!.id, slug: 'nong-thon-moi', name: 'Nông thôn mới', kind: 'news', position: 9, created_at: new Date().toISOString() })
        .execute();
      await buildArticle(t.t.db, former[1]!, { title: 'Xây dựng nông thôn mới', categorySlug: 'nong-thon-moi' });
      const image = await storeUpload(t.t.db, new LocalStorage(t.mediaDir), former[2]!.id, {
        bytes: await jpeg(600),
        originalName: 'cho.jpg',
        alt: 'Chợ phường 3',
      });
      mediaKey = image.storage_key;
      await buildArticle(t.t.db, former[2]!, {
        title: 'Chợ phường 3 khai trương',
        bodyHtml: `<p>Khai trương chợ.</p><figure><img src="/media/${mediaKey}" alt="Chợ phường 3"></figure>`,
      });
      editorId = (await buildUser(t.t.db, former[2]!, 'editor')).user.id;
      await t.t.db
        .insertInto('questions')
        .values({
          site_id: former[2]!.id,
          code: `HD-2025-${dialect.toUpperCase()}01`,
          name: 'Nguyễn Văn A',
          address: 'Phường 3',
          phone: '',
          email: '',
          title: 'Hỏi về chợ',
          content: 'Chợ mở cửa giờ nào?',
          consent_publish: 0,
          status: 'received',
          received_at: '2025-06-01T00:00:00.000Z',
          due_on: '2025-06-20',
          created_at: '2025-06-01T00:00:00.000Z',
          updated_at: '2025-06-01T00:00:00.000Z',
        })
        .execute();
    });
    after(() => t.close());

    const get = (host: string, url: string) => t.app.inject({ url, headers: { host } });
    const hosts = () => former.map((s) => `phuong${former.indexOf(s) + 1}-${dialect}.test`);
    const wardHost = () => `sadec-${dialect}.test`;

    it('moves articles, media, questions and people into the ward, merges the duplicated notice, and the former hosts answer 301 to each new address', async () => {
      const { report } = await mergeSites(t.t.db, new LocalStorage(t.mediaDir), wardHost(), hosts(), WHO);
      t.app.sites.clear();
      // The page cache follows page events on a timer; apply them now, as the next request must see the change.
      await t.app.applyPageEvents();
      assert.deepEqual(
        report.units.map((u) => [u.name, u.articles, u.duplicates, u.media, u.questions, u.users]),
        [
          ['Phường 1', 2, 0, 0, 0, 0],
          ['Phường 2', 1, 1, 0, 0, 0],
          ['Phường 3', 1, 0, 1, 1, 1],
        ],
      );
      assert.equal(report.units[1]!.categories['nong-thon-moi'], 'nong-thon-moi');
      const [h1, h2, h3] = hosts();
      const moved = await get(h1!, '/bai-viet/hop-dan');
      assert.equal(moved.statusCode, 301);
      assert.equal(moved.headers.location, `http://${wardHost()}/bai-viet/hop-dan-2`);
      assert.equal(
        (await get(`www.${h1}`, '/bai-viet/hop-dan')).headers.location,
        `http://${wardHost()}/bai-viet/hop-dan-2`,
        'every host of the former commune',
      );
      assert.equal((await get(wardHost(), '/bai-viet/hop-dan-2')).statusCode, 200);
      assert.equal((await get(wardHost(), '/bai-viet/hop-dan')).statusCode, 200, "the ward's own article keeps its address");
      const notice = await get(h2!, '/bai-viet/thong-bao-cua-ubnd-tinh-ve-lich-tiep-cong-dan');
      assert.equal(
        notice.headers.location,
        `http://${wardHost()}/bai-viet/thong-bao-cua-ubnd-tinh-ve-lich-tiep-cong-dan`,
        'the duplicate points at the one kept',
      );
      assert.equal((await get(h2!, '/chuyen-muc/nong-thon-moi')).headers.location, `http://${wardHost()}/chuyen-muc/nong-thon-moi`);
      assert.equal((await get(h3!, '/trang-khong-co')).headers.location, `http://${wardHost()}/`, 'an unknown old path lands on the home page');
      assert.equal((await get(wardHost(), `/media/${mediaKey}`)).statusCode, 200);
      assert.equal((await get(wardHost(), '/bai-viet/cho-phuong-3-khai-truong')).statusCode, 200);
      const labels = await t.t.db
        .selectFrom('former_unit_items')
        .innerJoin('former_units', 'former_units.id', 'former_unit_items.unit_id')
        .select(['former_units.name', 'item_type'])
        .where('former_unit_items.site_id', '=', ward.id)
        .execute();
      assert.equal(labels.filter((l) => l.name === 'Phường 3').length, 3, 'article, media and question keep their former unit');
      const page = await get(wardHost(), '/bai-viet/cho-phuong-3-khai-truong');
      assert.match(page.body, /<a href="\/don-vi-cu\/phuong-3">Phường 3 \(cũ\)<\/a>/, 'a moved article names its former unit');
      assert.doesNotMatch((await get(wardHost(), '/bai-viet/hop-dan')).body, /\(cũ\)/, "the ward's own article names none");
      const listing = await get(wardHost(), '/don-vi-cu/phuong-1');
      assert.equal(listing.statusCode, 200);
      assert.match(listing.body, /<h1 class="page-title">Phường 1 \(cũ\)<\/h1>/);
      assert.match(listing.body, /href="\/bai-viet\/hop-dan-2"/);
      assert.doesNotMatch(listing.body, /href="\/bai-viet\/cho-phuong-3-khai-truong"/, 'only the articles of that former unit');
      assert.equal((await get(wardHost(), '/don-vi-cu/khong-co')).statusCode, 404);
      const role = await t.t.db.selectFrom('memberships').select('role').where('user_id', '=', editorId).where('site_id', '=', ward.id).executeTakeFirst();
      assert.equal(role?.role, 'editor');
    });

    it('undoing the merge puts every site back as it was', async () => {
      const merge = await t.t.db.selectFrom('site_merges').select('id').where('site_id', '=', ward.id).executeTakeFirstOrThrow();
      await undoMerge(t.t.db, new LocalStorage(t.mediaDir), merge.id, WHO);
      t.app.sites.clear();
      // The page cache follows page events on a timer; apply them now, as the next request must see the change.
      await t.app.applyPageEvents();
      const [h1] = hosts();
      assert.equal((await get(h1!, '/bai-viet/hop-dan')).statusCode, 200);
      assert.equal((await get(wardHost(), '/bai-viet/hop-dan-2')).statusCode, 404);
      assert.equal((await get(wardHost(), `/media/${mediaKey}`)).statusCode, 404);
      assert.ok(!fs.existsSync(path.join(t.mediaDir, String(ward.id), mediaKey)));
      assert.equal((await get(`phuong3-${dialect}.test`, `/media/${mediaKey}`)).statusCode, 200);
      const count = await t.t.db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('site_id', '=', ward.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
      assert.equal((await t.t.db.selectFrom('former_units').selectAll().execute()).length, 0);
    });

    it('once confirmed, the former sites are gone and their hosts still answer 301', async () => {
      const { mergeId } = await mergeSites(t.t.db, new LocalStorage(t.mediaDir), wardHost(), hosts(), WHO);
      await confirmMerge(t.t.db, new LocalStorage(t.mediaDir), mergeId, WHO);
      t.app.sites.clear();
      // The page cache follows page events on a timer; apply them now, as the next request must see the change.
      await t.app.applyPageEvents();
      const left = await t.t.db.selectFrom('sites').select('id').execute();
      assert.deepEqual(
        left.map((s) => s.id),
        [ward.id],
      );
      const [h1] = hosts();
      assert.equal((await get(h1!, '/bai-viet/hop-dan')).headers.location, `http://${wardHost()}/bai-viet/hop-dan-2`);
      assert.equal((await get(wardHost(), `/media/${mediaKey}`)).statusCode, 200);
      await assert.rejects(undoMerge(t.t.db, new LocalStorage(t.mediaDir), mergeId, WHO), (e: Error & { code?: string }) => e.code === 'conflict');
    });
  });
}
