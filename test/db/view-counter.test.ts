import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import type { SiteRow } from '../../src/db/schema.ts';
import { ViewCounter } from '../../src/services/pages/view-counter.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite, viewsOf } from '../support/factories.ts';

/** Makes every view-count write to one article fail, as a broken disk or a lock would. */
async function failViewsOf(t: TestDatabase, articleId: number): Promise<() => Promise<void>> {
  if (t.dialect === 'sqlite') {
    await sql
      .raw(`create trigger fail_views before insert on article_views when new.article_id = ${articleId} begin select raise(abort, 'không ghi được'); end`)
      .execute(t.db);
    await sql
      .raw(
        `create trigger fail_views_update before update on article_views when new.article_id = ${articleId} begin select raise(abort, 'không ghi được'); end`,
      )
      .execute(t.db);
    return async () => {
      await sql`drop trigger fail_views`.execute(t.db);
      await sql`drop trigger fail_views_update`.execute(t.db);
    };
  }
  await sql.raw(`create function fail_views() returns trigger language plpgsql as $$ begin raise exception 'không ghi được'; end $$`).execute(t.db);
  await sql
    .raw(`create trigger fail_views before insert or update on article_views for each row when (new.article_id = ${articleId}) execute function fail_views()`)
    .execute(t.db);
  return async () => {
    await sql`drop trigger fail_views on article_views`.execute(t.db);
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
      assert.deepEqual(await Promise.all(ids.map((id) => viewsOf(t.db, { id }))), [1, 2, 3, 4, 5]);
      assert.equal(await viewsOf(t.db, { id: otherId }), 2);
      // Nothing pending: a flush writes nothing.
      await counter.flush(t.db);
      assert.deepEqual(await Promise.all(ids.map((id) => viewsOf(t.db, { id }))), [1, 2, 3, 4, 5]);
    });

    it('writes a flush of hundreds of articles in batches, skipping ids that are no article of the site', async () => {
      const before = await Promise.all(ids.map((id) => viewsOf(t.db, { id })));
      const counter = new ViewCounter();
      // 600 unknown ids (an article deleted since it was read) around the real ones: batches of 512, 64, 16, 8 and 5.
      for (let i = 0; i < 300; i++) counter.add(site.id, 9_000_000 + i);
      for (const id of ids) counter.add(site.id, id);
      for (let i = 300; i < 600; i++) counter.add(site.id, 9_000_000 + i);
      counter.add(site.id, otherId);
      await counter.flush(t.db);
      assert.deepEqual(
        await Promise.all(ids.map((id) => viewsOf(t.db, { id }))),
        before.map((v) => v + 1),
      );
      assert.equal(await viewsOf(t.db, { id: otherId }), 2, "not counted: the article is another site's");
      const rows = (await sql<{ n: number }>`select count(*) as n from article_views where article_id >= 9000000`.execute(t.db)).rows[0]!;
      assert.equal(Number(rows.n), 0);
    });

    it('writes nothing when one write fails, and keeps every count for the next flush', async () => {
      const before = await Promise.all(ids.map((id) => viewsOf(t.db, { id })));
      const counter = new ViewCounter();
      for (const id of ids) counter.add(site.id, id);
      const restore = await failViewsOf(t, ids[3]!);
      try {
        await assert.rejects(counter.flush(t.db));
      } finally {
        await restore();
      }
      assert.deepEqual(await Promise.all(ids.map((id) => viewsOf(t.db, { id }))), before, 'no article got its views from the failed flush');
      assert.equal(counter.pendingCount, ids.length);
      counter.add(site.id, ids[0]!);
      await counter.flush(t.db);
      assert.deepEqual(
        await Promise.all(ids.map((id) => viewsOf(t.db, { id }))),
        before.map((v, i) => v + (i === 0 ? 2 : 1)),
      );
      assert.equal(counter.pendingCount, 0);
    });

    it('keeps the counts written before views had their own table when migrating', async () => {
      const counted = await Promise.all(ids.map((id) => viewsOf(t.db, { id })));
      const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => MIGRATIONS } });
      const names = Object.keys(MIGRATIONS);
      const down = await migrator.migrateTo(names[names.indexOf('0021_move_article_views') - 1]!);
      assert.equal(down.error, undefined);
      // Moved back into articles.view_count on the way down; the old code counted there.
      await sql`update articles set view_count = view_count + 40 where id = ${otherId}`.execute(t.db);
      const ran = await migrateToLatest(t.db);
      assert.ok(ran.some((r) => r.migrationName === '0021_move_article_views' && r.status === 'Success'));
      assert.deepEqual(await Promise.all(ids.map((id) => viewsOf(t.db, { id }))), counted);
      assert.equal(await viewsOf(t.db, { id: otherId }), 42);
      const columns = (await t.db.introspection.getTables()).find((table) => table.name === 'articles')!.columns.map((c) => c.name);
      assert.ok(!columns.includes('view_count'));
      // Deleting an article deletes its count.
      await sql`delete from articles where id = ${otherId}`.execute(t.db);
      assert.equal((await sql<{ n: number }>`select count(*) as n from article_views where article_id = ${otherId}`.execute(t.db)).rows[0]!.n, 0);
    });
  });
}
