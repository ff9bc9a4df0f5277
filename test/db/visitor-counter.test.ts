import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { STORED_TOTALS_MS, VisitorCounter } from '../../src/services/organisation/visitor-counter.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';

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
