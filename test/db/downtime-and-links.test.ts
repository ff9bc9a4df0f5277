import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { currentDowntime, deleteDowntime, earliestNoticeStart, scheduleDowntime } from '../../src/services/organisation/downtime.ts';
import { parseVietnamDateTime } from '../../src/text/date-time-input.ts';
import { DEFAULT_LINKS, readRelatedLinks, saveRelatedLinks } from '../../src/services/organisation/related-links.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { isCode } from '../support/app-errors.ts';

describe('seven working days before a downtime', () => {
  it('skips Saturdays and Sundays and counts from the Vietnamese calendar day', () => {
    // Thursday 26/11/2026, 10:00 in Vietnam → Monday 07/12.
    assert.equal(earliestNoticeStart(new Date('2026-11-26T03:00:00Z')).toISOString(), '2026-12-06T17:00:00.000Z');
    // Saturday 28/11 → Tuesday 08/12.
    assert.equal(earliestNoticeStart(new Date('2026-11-28T03:00:00Z')).toISOString(), '2026-12-07T17:00:00.000Z');
    // 20:00 UTC Thursday is already Friday 03:00 in Vietnam → Tuesday 08/12.
    assert.equal(earliestNoticeStart(new Date('2026-11-26T20:00:00Z')).toISOString(), '2026-12-07T17:00:00.000Z');
  });

  it('reads datetime-local and dd/mm/yyyy hh:mm as Vietnam time, and refuses days that do not exist', () => {
    assert.equal(parseVietnamDateTime('2026-12-07T22:00')?.toISOString(), '2026-12-07T15:00:00.000Z');
    assert.equal(parseVietnamDateTime('07/12/2026 22:00')?.toISOString(), '2026-12-07T15:00:00.000Z');
    assert.equal(parseVietnamDateTime('31/02/2026 08:00'), null);
    assert.equal(parseVietnamDateTime('mai'), null);
  });
});

for (const dialect of DIALECTS) {
  describe(`downtime notices and related links [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let other: SiteRow;
    let admin: Actor;
    const thursday = new Date('2026-11-26T03:00:00Z');

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      other = await buildSite(t.db);
      admin = (await buildUser(t.db, site, 'site_admin')).actor;
    });
    after(() => t.close());

    it('a start less than 7 working days away is refused with a clear error, and nothing is stored', async () => {
      const friday = { starts_at: '2026-12-04T22:00', ends_at: '2026-12-05T06:00', message: 'Nâng cấp máy chủ' };
      await assert.rejects(scheduleDowntime(t.db, site.id, friday, admin, thursday), (error: unknown) => {
        assert.ok(isCode('validation_failed', 'starts_at')(error));
        assert.match((error as AppError).fields[0]!.message, /ít nhất 7 ngày làm việc.*07\/12\/2026/);
        return true;
      });
      await assert.rejects(
        scheduleDowntime(t.db, site.id, { starts_at: '2026-12-07T22:00', ends_at: '2026-12-07T21:00', message: 'x' }, admin, thursday),
        isCode('validation_failed', 'ends_at'),
      );
      await assert.rejects(
        scheduleDowntime(t.db, site.id, { starts_at: '', ends_at: '', message: '' }, admin, thursday),
        isCode('validation_failed', 'message'),
      );
      assert.deepEqual(await currentDowntime(t.db, site.id, thursday), []);
    });

    it('a notice 7 working days away is stored, shown until it ends, audited, and marks every page stale', async () => {
      const id = await scheduleDowntime(
        t.db,
        site.id,
        { starts_at: '2026-12-07T22:00', ends_at: '2026-12-08T02:00', message: ' Nâng cấp  máy chủ ' },
        admin,
        thursday,
      );
      assert.deepEqual(
        (await currentDowntime(t.db, site.id, thursday)).map((n) => [n.id, n.message]),
        [[id, 'Nâng cấp  máy chủ']],
      );
      assert.equal((await currentDowntime(t.db, site.id, new Date('2026-12-07T18:00:00Z'))).length, 1, 'under way');
      assert.equal((await currentDowntime(t.db, site.id, new Date('2026-12-07T19:00:00Z'))).length, 0, 'ended');
      assert.equal((await currentDowntime(t.db, other.id, thursday)).length, 0, 'another site shows nothing');
      const events = await t.db.selectFrom('page_events').select('tags').execute();
      assert.ok(events.some((e) => e.tags.split(' ').includes(`s${site.id}:all`)));
      const otherAdmin = (await buildUser(t.db, other, 'site_admin')).actor;
      await assert.rejects(deleteDowntime(t.db, other.id, id, otherAdmin), isCode('not_found'));
      await deleteDowntime(t.db, site.id, id, admin);
      assert.equal((await currentDowntime(t.db, site.id, thursday)).length, 0);
      const actions = (await new AuditRepository(t.db).list(site.id, {}, 50)).map((a) => a.action);
      assert.ok(actions.includes('portal.notice_created') && actions.includes('portal.notice_deleted'));
    });

    it('without links of its own, the home page keeps the national public-service portal', async () => {
      assert.deepEqual(await readRelatedLinks(t.db, site.id), [...DEFAULT_LINKS]);
    });

    it('links are http or https only, need a title, keep their order, and blank rows are dropped', async () => {
      for (const url of ['javascript:alert(1)', 'ftp://x.vn/a', 'chinhphu.vn', 'https://localhost']) {
        await assert.rejects(saveRelatedLinks(t.db, site.id, { links: [{ title: 'Cổng', url }] }, admin), isCode('validation_failed', 'links.0.url'), url);
      }
      await assert.rejects(
        saveRelatedLinks(t.db, site.id, { links: [{ title: '', url: 'https://chinhphu.vn' }] }, admin),
        isCode('validation_failed', 'links.0.title'),
      );
      assert.deepEqual(await readRelatedLinks(t.db, site.id), [...DEFAULT_LINKS], 'nothing half-written');
      await saveRelatedLinks(
        t.db,
        site.id,
        {
          links: [
            { title: 'Cổng Chính phủ', url: 'https://chinhphu.vn' },
            { title: '', url: '' },
            { title: 'UBND tỉnh Đồng Tháp', url: 'http://dongthap.gov.vn/' },
          ],
        },
        admin,
      );
      assert.deepEqual(await readRelatedLinks(t.db, site.id), [
        { title: 'Cổng Chính phủ', url: 'https://chinhphu.vn' },
        { title: 'UBND tỉnh Đồng Tháp', url: 'http://dongthap.gov.vn/' },
      ]);
      assert.deepEqual(await readRelatedLinks(t.db, other.id), [...DEFAULT_LINKS], 'another site is untouched');
      const audit = await new AuditRepository(t.db).list(site.id, {}, 50);
      assert.ok(audit.some((a) => a.action === 'organisation.links_updated' && a.summary === '2 liên kết'));
    });
  });
}
