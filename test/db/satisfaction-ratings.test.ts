import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { DAILY_RATING_LIMIT, hashVisitor, ipHashSalt, ratingSummary, submitRating, vietnamDayKey } from '../../src/services/organisation/ratings.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';
import { isCode } from '../support/app-errors.ts';

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
