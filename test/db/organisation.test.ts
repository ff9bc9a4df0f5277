import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { MediaRepository } from '../../src/repositories/media-repository.ts';
import { OrganisationRepository } from '../../src/repositories/organisation-repository.ts';
import {
  deletePerson,
  pagesWithContent,
  readOrganisationDraft,
  saveOrganisationPage,
  savePerson,
} from '../../src/services/organisation/organisation-service.ts';
import { DAILY_RATING_LIMIT, hashVisitor, ipHashSalt, ratingSummary, submitRating, vietnamDayKey } from '../../src/services/organisation/ratings.ts';
import { currentDowntime, deleteDowntime, earliestNoticeStart, scheduleDowntime } from '../../src/services/organisation/downtime.ts';
import { parseVietnamDateTime } from '../../src/text/date-time-input.ts';
import { DEFAULT_LINKS, readRelatedLinks, saveRelatedLinks } from '../../src/services/organisation/related-links.ts';
import { STORED_TOTALS_MS, VisitorCounter } from '../../src/services/organisation/visitor-counter.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));

let imageCounter = 0;

/** An image in a site's media library, as POST /quan-tri/media would have stored it. */
export async function buildImage(db: TestDatabase['db'], site: SiteRow, options: { deleted?: boolean } = {}): Promise<number> {
  imageCounter += 1;
  return new MediaRepository(db, site.id).insert({
    kind: 'image',
    storage_key: `org${String(imageCounter).padStart(21, '0')}.jpg`,
    original_name: `so-do-${imageCounter}.jpg`,
    mime_type: 'image/jpeg',
    byte_size: 120_000,
    width: 800,
    height: 600,
    alt: `Sơ đồ số ${imageCounter}`,
    caption: '',
    uploaded_by: null,
    deleted_at: options.deleted ? new Date().toISOString() : null,
    created_at: new Date().toISOString(),
  });
}

const leader = (overrides: Record<string, string> = {}) => ({
  role: 'leader',
  name: 'Nguyễn Văn An',
  job_title: 'Chủ tịch UBND',
  phone: '0277 3861 234',
  email: 'an@xa.gov.vn',
  ...overrides,
});

for (const dialect of DIALECTS) {
  describe(`Giới thiệu pages and people [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let other: SiteRow;
    let admin: Actor;

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      other = await buildSite(t.db);
      admin = (await buildUser(t.db, site, 'site_admin')).actor;
    });
    after(() => t.close());

    it('saving a page sanitises its bodies, keeps its image and is audited, as a draft', async () => {
      const image = await buildImage(t.db, site);
      await saveOrganisationPage(t.db, admin, 'co-cau-to-chuc', {
        body_html: '<p>Gồm 3 phòng</p><script>alert(1)</script>',
        title_en: ' Organisation ',
        body_en_html: '<p onclick="x()">Three offices</p>',
        media_id: String(image),
      });
      const page = await new OrganisationRepository(t.db, site.id).findPage('co-cau-to-chuc');
      assert.equal(page?.body_html, '<p>Gồm 3 phòng</p>');
      assert.equal(page?.body_en_html, '<p>Three offices</p>');
      assert.equal(page?.title_en, 'Organisation');
      assert.equal(page?.media_id, image);
      const audit = await new AuditRepository(t.db).list(site.id, {}, 10);
      assert.ok(audit.some((a) => a.action === 'organisation.page_updated' && a.summary === 'Cơ cấu tổ chức' && a.actor === admin.email));
      const events = await t.db.selectFrom('page_events').select('tags').execute();
      assert.ok(!events.some((e) => e.tags.includes(`s${site.id}:about`)), 'a draft leaves the public pages (and their cache) alone');
    });

    it('saving again updates the one row of that kind', async () => {
      await saveOrganisationPage(t.db, admin, 'di-tich', { body_html: '<p>Đình Tân Phú</p>' });
      await saveOrganisationPage(t.db, admin, 'di-tich', { body_html: '<p>Đình Tân Phú, chùa Kim Huê</p>' });
      const rows = await t.db.selectFrom('organisation_pages').selectAll().where('site_id', '=', site.id).where('kind', '=', 'di-tich').execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.body_html, '<p>Đình Tân Phú, chùa Kim Huê</p>');
    });

    it('an unknown page kind is not found', async () => {
      await assert.rejects(saveOrganisationPage(t.db, admin, 'khong-co', { body_html: '<p>x</p>' }), isCode('not_found'));
    });

    it("another site's image, or one in the trash, is refused and nothing is changed", async () => {
      const foreign = await buildImage(t.db, other);
      const trashed = await buildImage(t.db, site, { deleted: true });
      const before = await new OrganisationRepository(t.db, site.id).findPage('co-cau-to-chuc');
      await assert.rejects(
        saveOrganisationPage(t.db, admin, 'co-cau-to-chuc', { body_html: '<p>Mới</p>', media_id: String(foreign) }),
        isCode('validation_failed', 'media_id'),
      );
      await assert.rejects(
        saveOrganisationPage(t.db, admin, 'co-cau-to-chuc', { body_html: '<p>Mới</p>', media_id: String(trashed) }),
        isCode('validation_failed', 'media_id'),
      );
      assert.deepEqual(await new OrganisationRepository(t.db, site.id).findPage('co-cau-to-chuc'), before);
    });

    it('people are validated: a name is required, the email and phone must look right', async () => {
      await assert.rejects(savePerson(t.db, admin, null, leader({ name: '  ' })), isCode('validation_failed', 'name'));
      await assert.rejects(savePerson(t.db, admin, null, leader({ email: 'khong-phai-email' })), isCode('validation_failed', 'email'));
      await assert.rejects(savePerson(t.db, admin, null, leader({ phone: 'gọi tôi' })), isCode('validation_failed', 'phone'));
      await assert.rejects(savePerson(t.db, admin, null, leader({ role: 'admin' })), isCode('validation_failed', 'role'));
      assert.equal((await new OrganisationRepository(t.db, site.id).listPeople()).length, 0, 'nothing half-written');
    });

    it('leaders are listed in their order, focal officials apart, each change audited', async () => {
      const second = await savePerson(t.db, admin, null, leader({ name: 'Trần Thị Bích', job_title: 'Phó Chủ tịch UBND', sort_order: '2' }));
      const first = await savePerson(t.db, admin, null, leader({ sort_order: '1', bio_html: '<p>Sinh năm 1975</p><img src=x onerror=alert(1)>' }));
      await savePerson(t.db, admin, null, { role: 'focal', name: 'Lê Văn Cường', job_title: 'Công chức Văn phòng', email: 'cuong@xa.gov.vn' });
      const content = await readOrganisationDraft(t.db, site.id);
      assert.deepEqual(
        content.leaders.map((p) => p.id),
        [first, second],
      );
      assert.deepEqual(
        content.focal.map((p) => p.name),
        ['Lê Văn Cường'],
      );
      assert.equal(content.leaders[0]?.bio_html.includes('onerror'), false);
      await savePerson(t.db, admin, second, leader({ name: 'Trần Thị Bích', job_title_en: 'Vice Chairwoman', sort_order: '0' }));
      assert.deepEqual(
        (await readOrganisationDraft(t.db, site.id)).leaders.map((p) => p.id),
        [second, first],
      );
      await deletePerson(t.db, admin, first);
      assert.deepEqual(
        (await readOrganisationDraft(t.db, site.id)).leaders.map((p) => p.id),
        [second],
      );
      const actions = (await new AuditRepository(t.db).list(site.id, {}, 50)).map((a) => a.action);
      for (const action of ['organisation.person_created', 'organisation.person_updated', 'organisation.person_deleted'])
        assert.ok(actions.includes(action), action);
    });

    it('another site can neither see, change nor delete these people', async () => {
      const mine = (await readOrganisationDraft(t.db, site.id)).leaders[0]!;
      assert.equal((await readOrganisationDraft(t.db, other.id)).leaders.length, 0);
      const otherAdmin = (await buildUser(t.db, other, 'site_admin')).actor;
      await assert.rejects(savePerson(t.db, otherAdmin, mine.id, leader({ name: 'Kẻ lạ' })), isCode('not_found'));
      await assert.rejects(deletePerson(t.db, otherAdmin, mine.id), isCode('not_found'));
      assert.equal((await new OrganisationRepository(t.db, site.id).findPerson(mine.id))?.name, mine.name);
    });

    it('the index lists only pages that have content, in menu order', async () => {
      const content = await readOrganisationDraft(t.db, site.id);
      assert.deepEqual(
        pagesWithContent(content).map((k) => k.slug),
        ['co-cau-to-chuc', 'lanh-dao', 'can-bo-dau-moi', 'di-tich'],
      );
      assert.deepEqual(pagesWithContent(await readOrganisationDraft(t.db, other.id)), []);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`anonymous satisfaction ratings [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let other: SiteRow;
    const noon = new Date('2026-11-20T05:00:00Z');
    const rate = (rating: string, overrides: Record<string, string> = {}, ip = '203.0.113.7', now = noon, siteId = site.id) =>
      submitRating(t.db, siteId, { path: '/bai-viet/tin-a', rating, comment: '', ...overrides }, ip, now);

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      other = await buildSite(t.db);
    });
    after(() => t.close());

    it('bad input gets field errors and nothing is stored', async () => {
      await assert.rejects(rate('', {}), isCode('validation_failed', 'rating'));
      await assert.rejects(rate('6', {}), isCode('validation_failed', 'rating'));
      await assert.rejects(rate('4', { comment: 'x'.repeat(501) }), isCode('validation_failed', 'comment'));
      await assert.rejects(rate('4', { path: '//ke-gian.example/' }), isCode('validation_failed', 'path'));
      await assert.rejects(rate('4', { path: 'https://ke-gian.example/' }), isCode('validation_failed', 'path'));
      assert.equal((await ratingSummary(t.db, site.id)).total, 0);
      assert.equal((await t.db.selectFrom('rating_limits').selectAll().execute()).length, 0, 'a refused rating does not count against the visitor');
    });

    it('a rating stores no IP: only a salted hash of IP and day, with a random salt kept in the database', async () => {
      assert.equal(await rate('5', { comment: ' Trang  rất hữu ích ', path: '/gioi-thieu?x=1' }), 'stored');
      const salt = await ipHashSalt(t.db);
      assert.match(salt, /^[0-9a-f]{64}$/);
      assert.equal((await t.db.selectFrom('privacy_salts').select('value').executeTakeFirstOrThrow()).value, salt);
      const limits = await t.db.selectFrom('rating_limits').selectAll().execute();
      assert.equal(limits.length, 1);
      assert.equal(limits[0]?.ip_hash, hashVisitor(salt, vietnamDayKey(noon), '203.0.113.7'));
      assert.ok(!JSON.stringify(await t.db.selectFrom('satisfaction_ratings').selectAll().execute()).includes('203.0.113'));
      const summary = await ratingSummary(t.db, site.id);
      assert.deepEqual(
        summary.comments.map((c) => [c.path, c.comment]),
        [['/gioi-thieu', 'Trang  rất hữu ích']],
      );
    });

    it('a filled honeypot is dropped quietly', async () => {
      assert.equal(await rate('1', { website: 'http://spam.example' }), 'ignored');
      assert.equal((await ratingSummary(t.db, site.id)).total, 1);
    });

    it(`one visitor may rate ${DAILY_RATING_LIMIT} times a day; another visitor, another site or the next day are not limited`, async () => {
      for (let i = 1; i < DAILY_RATING_LIMIT; i++) await rate('4');
      await assert.rejects(rate('4'), isCode('rate_limited'));
      assert.equal(await rate('3', {}, '198.51.100.9'), 'stored');
      assert.equal(await rate('3', {}, '203.0.113.7', noon, other.id), 'stored');
      const nextDay = new Date(noon.getTime() + 24 * 3_600_000);
      assert.equal(await rate('2', {}, '203.0.113.7', nextDay), 'stored');
      const days = await t.db.selectFrom('rating_limits').select('day').where('site_id', '=', site.id).execute();
      assert.deepEqual([...new Set(days.map((d) => d.day))], [vietnamDayKey(nextDay)], "yesterday's hashes are forgotten");
    });

    it('the summary counts each answer, the average and each page, for this site only', async () => {
      const summary = await ratingSummary(t.db, site.id);
      assert.equal(summary.total, DAILY_RATING_LIMIT + 2);
      assert.deepEqual(
        summary.counts.map((c) => [c.rating, c.n]),
        [
          [5, 1],
          [4, DAILY_RATING_LIMIT - 1],
          [3, 1],
          [2, 1],
          [1, 0],
        ],
      );
      assert.equal(summary.average, (5 + 4 * (DAILY_RATING_LIMIT - 1) + 3 + 2) / (DAILY_RATING_LIMIT + 2));
      assert.deepEqual(summary.byPath, [
        { path: '/bai-viet/tin-a', n: DAILY_RATING_LIMIT + 1, average: (4 * (DAILY_RATING_LIMIT - 1) + 3 + 2) / (DAILY_RATING_LIMIT + 1) },
        { path: '/gioi-thieu', n: 1, average: 5 },
      ]);
      assert.equal((await ratingSummary(t.db, other.id)).total, 1);
    });
  });
}

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

for (const dialect of DIALECTS) {
  describe(`visitor counter [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let other: SiteRow;

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      other = await buildSite(t.db);
    });
    after(() => t.close());

    it('counts views per site and day in batches, and who is online in the last five minutes, storing no IP', async () => {
      const counter = new VisitorCounter();
      const yesterday = new Date('2026-11-25T03:00:00Z');
      const today = new Date('2026-11-26T03:00:00Z');
      counter.add(site.id, '203.0.113.1', yesterday);
      await counter.flush(t.db);
      for (let i = 0; i < 3; i++) counter.add(site.id, '203.0.113.1', today);
      counter.add(site.id, '203.0.113.2', today);
      counter.add(other.id, '203.0.113.1', today);
      assert.deepEqual(await counter.figures(t.db, site.id, today), { online: 2, today: 4, total: 5 }, 'unflushed views count too');
      await counter.flush(t.db);
      await counter.flush(t.db);
      assert.deepEqual(await counter.figures(t.db, site.id, today), { online: 2, today: 4, total: 5 }, 'a flush neither loses nor doubles views');
      assert.deepEqual(
        await counter.figures(t.db, site.id, new Date(today.getTime() + 6 * 60_000)),
        { online: 0, today: 4, total: 5 },
        'five minutes later nobody is online',
      );
      assert.deepEqual(await counter.figures(t.db, other.id, today), { online: 1, today: 1, total: 1 });
      const rows = await t.db.selectFrom('visitor_days').selectAll().where('site_id', '=', site.id).orderBy('day').execute();
      assert.deepEqual(
        rows.map((r) => [r.day, r.views]),
        [
          ['2026-11-25', 1],
          ['2026-11-26', 4],
        ],
      );
    });

    it("every footer asks for the figures, so stored totals are read at most once per 5 s; this process's own views always show at once", async () => {
      const fresh = await buildSite(t.db);
      const counter = new VisitorCounter();
      const other = new VisitorCounter();
      const now = new Date('2026-11-26T04:00:00Z');
      const later = (ms: number) => new Date(now.getTime() + ms);
      counter.add(fresh.id, '203.0.113.9', now);
      assert.deepEqual(await counter.figures(t.db, fresh.id, now), { online: 1, today: 1, total: 1 });
      // Another process flushes 10 views: seen after the 5 s, not before.
      for (let i = 0; i < 10; i++) other.add(fresh.id, '203.0.113.10', now);
      await other.flush(t.db);
      assert.equal((await counter.figures(t.db, fresh.id, later(1_000))).total, 1);
      assert.equal((await counter.figures(t.db, fresh.id, later(STORED_TOTALS_MS))).total, 11);
      // Our own flush never makes the figures go back or double.
      counter.add(fresh.id, '203.0.113.9', later(STORED_TOTALS_MS));
      assert.equal((await counter.figures(t.db, fresh.id, later(STORED_TOTALS_MS))).total, 12);
      await counter.flush(t.db);
      assert.equal((await counter.figures(t.db, fresh.id, later(STORED_TOTALS_MS + 1))).total, 12);
    });
  });
}
