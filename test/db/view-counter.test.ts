import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { SiteRow } from '../../src/db/schema.ts';
import { ViewCounter } from '../../src/services/pages/view-counter.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

/** Makes every view-count write to one article fail, as a broken disk or a lock would. */
async function failViewsOf(t: TestDatabase, articleId: number): Promise<() => Promise<void>> {
  if (t.dialect === 'sqlite') {
    await sql.raw(`create trigger fail_views before update of view_count on articles when new.id = ${articleId} begin select raise(abort, 'không ghi được'); end`).execute(t.db);
    return async () => void (await sql`drop trigger fail_views`.execute(t.db));
  }
  await sql.raw(`create function fail_views() returns trigger language plpgsql as $$ begin raise exception 'không ghi được'; end $$`).execute(t.db);
  await sql.raw(`create trigger fail_views before update of view_count on articles for each row when (new.id = ${articleId}) execute function fail_views()`).execute(t.db);
  return async () => {
    await sql`drop trigger fail_views on articles`.execute(t.db);
    await sql`drop function fail_views()`.execute(t.db);
  };
}

for (const dialect of DIALECTS) {
  describe(`view counter flush [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let other: SiteRow;
    const ids: number[] = [];
    let otherId = 0;

    const viewsOf = async (id: number) => (await t.db.selectFrom('articles').select('view_count').where('id', '=', id).executeTakeFirstOrThrow()).view_count;

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      other = await buildSite(t.db);
      for (let i = 0; i < 5; i++) ids.push((await buildArticle(t.db, site)).id);
      otherId = (await buildArticle(t.db, other)).id;
    });
    after(() => t.close());

    it('writes every counted view of many articles and sites in one flush', async () => {
      const counter = new ViewCounter();
      ids.forEach((id, i) => {
        for (let n = 0; n <= i; n++) counter.add(site.id, id);
      });
      counter.add(other.id, otherId);
      counter.add(other.id, otherId);
      // An article id counted under the wrong site is not written to the other site's article.
      counter.add(other.id, ids[0]!);
      assert.equal(counter.pendingCount, 1 + 2 + 3 + 4 + 5 + 2 + 1);
      await counter.flush(t.db);
      assert.equal(counter.pendingCount, 0);
      assert.deepEqual(await Promise.all(ids.map(viewsOf)), [1, 2, 3, 4, 5]);
      assert.equal(await viewsOf(otherId), 2);
      // Nothing pending: a flush writes nothing.
      await counter.flush(t.db);
      assert.deepEqual(await Promise.all(ids.map(viewsOf)), [1, 2, 3, 4, 5]);
    });

    it('writes nothing when one write fails, and keeps every count for the next flush', async () => {
      const before = await Promise.all(ids.map(viewsOf));
      const counter = new ViewCounter();
      for (const id of ids) counter.add(site.id, id);
      const restore = await failViewsOf(t, ids[3]!);
      try {
        await assert.rejects(counter.flush(t.db));
      } finally {
        await restore();
      }
      assert.deepEqual(await Promise.all(ids.map(viewsOf)), before, 'no article got its views from the failed flush');
      assert.equal(counter.pendingCount, ids.length);
      counter.add(site.id, ids[0]!);
      await counter.flush(t.db);
      assert.deepEqual(await Promise.all(ids.map(viewsOf)), before.map((v, i) => v + (i === 0 ? 2 : 1)));
      assert.equal(counter.pendingCount, 0);
    });
  });
}
