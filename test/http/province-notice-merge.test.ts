/**
 * A merged ward takes over the province notices of its former communes:
 * through the real merge service, with the ward's pages (cached before),
 * its search, its audit log, the former hosts' addresses and an undo.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import type { ProvinceNoticeRow } from '../../src/db/schema/province-notices.ts';
import { mergeSites } from '../../src/services/merge/merge-sites.ts';
import { confirmMerge, undoMerge } from '../../src/services/merge/merge-undo.ts';
import type { Actor } from '../../src/services/permissions.ts';
import {
  type ProvinceNoticeInput,
  publishProvinceNotice,
  setProvinceNoticeWithdrawn,
  updateProvinceNotice,
} from '../../src/services/province-notices/notice-editor.ts';
import { provinceNoticeFormData } from '../../src/services/province-notices/notice-reader.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

const WHO = { system: 'kiểm thử', siteId: null };
const FORM: ProvinceNoticeInput = {
  kind: 'notice',
  issuer: 'UBND tỉnh Đồng Tháp',
  title: '',
  body_html: '<p>Nội dung thông báo của tỉnh.</p>',
  scope: 'chosen',
  sites: [],
};

for (const dialect of DIALECTS) {
  describe(`a merged ward takes over its former communes' province notices [${dialect}]`, () => {
    let h: TestApp;
    let ward: SiteRow;
    let former1: SiteRow;
    let former2: SiteRow;
    let platform: Actor;
    let onlyFormer: ProvinceNoticeRow;
    let shared: ProvinceNoticeRow;
    let toAll: ProvinceNoticeRow;
    let withdrawn: ProvinceNoticeRow;
    const host = (name: string) => `${name}-${dialect}.test`;
    const get = (site: string, url: string) => h.app.inject({ url, headers: { host: site } });
    const placedOn = async (site: SiteRow) =>
      (await h.t.db.selectFrom('province_notice_sites').select('notice_id').where('site_id', '=', site.id).orderBy('notice_id').execute()).map(
        (r) => r.notice_id,
      );
    const publish = (title: string, sites: number[], scope: 'all' | 'chosen' = 'chosen') =>
      publishProvinceNotice(h.t.db, platform, 'Đồng Tháp', { ...FORM, title, sites, scope });

    before(async () => {
      h = await openTestApp(dialect);
      ward = await buildSite(h.t.db, { name: 'Phường Sa Đéc', unitType: 'phuong', hosts: [host('sadec')] });
      former1 = await buildSite(h.t.db, { name: 'Phường 1', unitType: 'phuong', hosts: [host('phuong1')] });
      former2 = await buildSite(h.t.db, { name: 'Phường 2', unitType: 'phuong', hosts: [host('phuong2')] });
      platform = (await buildUser(h.t.db, ward, null, { isPlatformAdmin: true })).actor;
      onlyFormer = await publish('Thông báo tuyển dụng công chức cấp xã', [former1.id]);
      shared = await publish('Thông báo lịch tiếp công dân của tỉnh', [ward.id, former1.id, former2.id]);
      toAll = await publish('Thông báo nghỉ Tết Nguyên đán', [], 'all');
      withdrawn = await publish('Thông báo đã gỡ', [former2.id]);
      await setProvinceNoticeWithdrawn(h.t.db, platform, withdrawn.id, true);
    });
    after(() => h.close());

    it('the ward shows each former commune’s notice once, on its cached home, its page and in search, with the old address pointing there', async () => {
      // The ward's home is cached before the merge: the merge's page events must drop it.
      assert.doesNotMatch((await get(host('sadec'), '/')).body, /Thông báo tuyển dụng công chức cấp xã/);
      assert.equal((await get(host('sadec'), `/thong-bao-tinh/${onlyFormer.slug}`)).statusCode, 404);
      const { report } = await mergeSites(h.t.db, new LocalStorage(h.mediaDir), host('sadec'), [host('phuong1'), host('phuong2')], WHO);
      h.app.sites.clear();
      await h.app.applyPageEvents();
      assert.deepEqual(
        report.units.map((u) => [u.name, u.provinceNotices]),
        [
          ['Phường 1', 1],
          ['Phường 2', 1],
        ],
        'the notice only a former commune had, and the withdrawn one; not those the ward already had',
      );
      const placed = await placedOn(ward);
      assert.deepEqual(placed, [...new Set(placed)], 'no notice twice on the ward');
      assert.deepEqual(
        placed,
        [onlyFormer.id, shared.id, toAll.id, withdrawn.id].sort((x, y) => x - y),
      );
      assert.match((await get(host('sadec'), '/')).body, /Thông báo tuyển dụng công chức cấp xã/);
      assert.equal((await get(host('sadec'), `/thong-bao-tinh/${onlyFormer.slug}`)).statusCode, 200);
      assert.equal((await get(host('sadec'), `/thong-bao-tinh/${withdrawn.slug}`)).statusCode, 404, 'a withdrawn notice stays unseen');
      const found = await get(host('sadec'), `/tim-kiem?q=${encodeURIComponent('tuyen dung cong chuc')}`);
      assert.equal(found.body.split(`/thong-bao-tinh/${onlyFormer.slug}"`).length - 1, 1, 'found once in the ward’s search');
      const sharedHits = await get(host('sadec'), `/tim-kiem?q=${encodeURIComponent('lich tiep cong dan cua tinh')}`);
      assert.equal(sharedHits.body.split(`/thong-bao-tinh/${shared.slug}"`).length - 1, 1, 'the notice the ward already had is not doubled');
      const old = await get(host('phuong1'), `/thong-bao-tinh/${onlyFormer.slug}`);
      assert.equal(old.statusCode, 301);
      assert.equal(old.headers.location, `http://${host('sadec')}/thong-bao-tinh/${onlyFormer.slug}`);
      const audit = await h.t.db
        .selectFrom('audit_log')
        .select(['site_id', 'target_id'])
        .where('action', '=', 'province_notice.taken_over')
        .orderBy('target_id')
        .execute();
      assert.deepEqual(audit, [
        { site_id: ward.id, target_id: onlyFormer.id },
        { site_id: ward.id, target_id: withdrawn.id },
      ]);
    });

    it('the platform admin’s form now ticks the ward for the notice, and an edit reaches the ward', async () => {
      const { siteIds } = await provinceNoticeFormData(h.t.db, platform, 'Đồng Tháp', onlyFormer.id);
      assert.deepEqual(siteIds, [ward.id]);
      await updateProvinceNotice(h.t.db, platform, onlyFormer.id, {
        ...FORM,
        title: onlyFormer.title,
        body_html: '<p>Hạn nộp hồ sơ đã đổi.</p>',
        sites: siteIds,
      });
      await h.app.applyPageEvents();
      assert.match((await get(host('sadec'), `/thong-bao-tinh/${onlyFormer.slug}`)).body, /Hạn nộp hồ sơ đã đổi/);
    });

    it('undoing the merge gives each former commune its notices back and takes them off the ward', async () => {
      const merge = await h.t.db.selectFrom('site_merges').select('id').where('site_id', '=', ward.id).executeTakeFirstOrThrow();
      await undoMerge(h.t.db, new LocalStorage(h.mediaDir), merge.id, WHO);
      h.app.sites.clear();
      await h.app.applyPageEvents();
      assert.deepEqual(await placedOn(ward), [shared.id, toAll.id]);
      assert.deepEqual(await placedOn(former1), [onlyFormer.id, shared.id, toAll.id]);
      assert.deepEqual(await placedOn(former2), [shared.id, toAll.id, withdrawn.id]);
      assert.equal((await get(host('sadec'), `/thong-bao-tinh/${onlyFormer.slug}`)).statusCode, 404);
      assert.equal((await get(host('phuong1'), `/thong-bao-tinh/${onlyFormer.slug}`)).statusCode, 200);
    });

    it('once the merge is confirmed, the ward keeps every notice once and the former sites are gone', async () => {
      const { mergeId } = await mergeSites(h.t.db, new LocalStorage(h.mediaDir), host('sadec'), [host('phuong1'), host('phuong2')], WHO);
      await confirmMerge(h.t.db, new LocalStorage(h.mediaDir), mergeId, WHO);
      h.app.sites.clear();
      await h.app.applyPageEvents();
      assert.deepEqual(
        await placedOn(ward),
        [onlyFormer.id, shared.id, toAll.id, withdrawn.id].sort((x, y) => x - y),
      );
      const left = await h.t.db.selectFrom('province_notice_sites').select('site_id').distinct().execute();
      assert.deepEqual(
        left.map((r) => r.site_id),
        [ward.id],
      );
      assert.equal((await get(host('sadec'), `/thong-bao-tinh/${onlyFormer.slug}`)).statusCode, 200);
    });
  });
}
