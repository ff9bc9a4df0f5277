import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { SiteRow } from '../../src/db/schema.ts';
import { StatementCache, inTransaction, openSqlite } from '../../src/db/database.ts';
import { ArticleRepository } from '../../src/repositories/article-repository.ts';
import { readArticle } from '../../src/services/article-reader.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

/**
 * SQLite statements are prepared once and reused (src/db/database.ts). The
 * repositories must read and write exactly as before, on both databases,
 * however often the same SQL runs, inside and outside transactions.
 */
for (const dialect of DIALECTS) {
  describe(`reused statements through the repositories [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let other: SiteRow;
    const now = new Date(Date.UTC(2030, 0, 1)).toISOString();

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      other = await buildSite(t.db);
      for (let i = 0; i < 12; i++)
        await buildArticle(t.db, site, { title: `Tin số ${i}`, publishedAt: new Date(Date.UTC(2025, 0, 1 + i)), isFeatured: i % 4 === 0 });
      for (let i = 0; i < 3; i++) await buildArticle(t.db, other, { title: `Tin xã khác ${i}`, publishedAt: new Date(Date.UTC(2025, 1, 1 + i)) });
    });
    after(() => t.close());

    it('gives each site and filter its own rows when the same SQL runs many times', async () => {
      const mine = new ArticleRepository(t.db, site.id);
      const theirs = new ArticleRepository(t.db, other.id);
      for (let round = 0; round < 20; round++) {
        const latest = await mine.listPublished(now, {}, 5, round % 3);
        assert.equal(latest.length, 5);
        assert.equal(latest[0]!.title, `Tin số ${11 - (round % 3)}`);
        assert.ok(latest.every((a) => a.site_id === site.id));
        const featured = await mine.listPublished(now, { featuredOnly: true }, 10);
        assert.deepEqual(
          featured.map((a) => a.title),
          ['Tin số 8', 'Tin số 4', 'Tin số 0'],
        );
        assert.equal(await mine.countPublished(now, {}), 12);
        const theirLatest = await theirs.listPublished(now, {}, 5);
        assert.deepEqual(
          theirLatest.map((a) => a.title),
          ['Tin xã khác 2', 'Tin xã khác 1', 'Tin xã khác 0'],
        );
        assert.equal(await theirs.countPublished(now, {}), 3);
      }
    });

    it('rolls a transaction back completely, and reads correctly after it', async () => {
      const repo = new ArticleRepository(t.db, site.id);
      const first = (await repo.listPublished(now, {}, 1))[0]!;
      const before = await readArticle(t.db, site, first.slug, new Date(now));
      await assert.rejects(
        inTransaction(t.db, async (trx) => {
          const inside = new ArticleRepository(trx, site.id);
          // The same statements as outside, run inside the transaction.
          for (let i = 0; i < 5; i++) await inside.addViews(new Map([[first.id, 10]]));
          assert.equal((await inside.findPublishedBySlug(first.slug, now))!.view_count, before.article.view_count + 50);
          await inside.update(first.id, { title: 'Tiêu đề tạm' });
          assert.equal(await inside.countPublished(now, {}), 12);
          throw new Error('dừng giữa chừng');
        }),
        /dừng giữa chừng/,
      );
      for (let i = 0; i < 3; i++) {
        const after = await readArticle(t.db, site, first.slug, new Date(now));
        assert.equal(after.article.view_count, before.article.view_count);
        assert.equal(after.article.title, before.article.title);
        assert.deepEqual(
          after.others.map((a) => a.id),
          before.others.map((a) => a.id),
        );
      }
      // And a committed transaction keeps its writes.
      await inTransaction(t.db, async (trx) => new ArticleRepository(trx, site.id).addViews(new Map([[first.id, 3]])));
      assert.equal((await readArticle(t.db, site, first.slug, new Date(now))).article.view_count, before.article.view_count + 3);
    });

    it('still reads after the schema changes under kept statements', async () => {
      const repo = new ArticleRepository(t.db, site.id);
      const everyColumn = () => t.db.selectFrom('articles').selectAll().where('site_id', '=', site.id).limit(3).execute();
      assert.equal((await repo.listPublished(now, {}, 3)).length, 3);
      assert.equal((await everyColumn()).length, 3);
      await sql`create index articles_test_reprepare on articles (title)`.execute(t.db);
      await sql`alter table articles add column test_extra integer`.execute(t.db);
      assert.equal((await repo.listPublished(now, {}, 3)).length, 3);
      const rows = await everyColumn();
      assert.equal(rows.length, 3);
      assert.ok('test_extra' in rows[0]!, 'select * sees the new column');
    });
  });
}

describe('StatementCache (SQLite)', () => {
  it('reuses a statement for the same SQL and keeps at most its size', () => {
    const sqlite = new SQLite(':memory:');
    const cache = new StatementCache(sqlite, 3);
    const a = cache.prepare('select 1 as n');
    assert.equal(cache.prepare('select 1 as n'), a);
    for (let i = 2; i <= 6; i++) cache.prepare(`select ${i} as n`);
    assert.equal(cache.size, 3);
    assert.notEqual(cache.prepare('select 1 as n'), a, 'the oldest was dropped');
    cache.close();
    assert.equal(sqlite.open, false);
  });

  it('keeps each statement reader or writer, and never shares one being iterated', () => {
    const sqlite = new SQLite(':memory:');
    const cache = new StatementCache(sqlite);
    cache.prepare('create table t (n integer)').run([]);
    assert.equal(cache.prepare('insert into t (n) values (?)').reader, false);
    assert.equal(cache.prepare('insert into t (n) values (?) returning n').reader, true);
    for (let i = 0; i < 3; i++) cache.prepare('insert into t (n) values (?)').run([i]);
    const iterating = cache.prepare('select n from t order by n');
    const rows = iterating.iterate([]);
    assert.deepEqual(rows.next().value, { n: 0 });
    const meanwhile = cache.prepare('select n from t order by n');
    assert.notEqual(meanwhile, iterating);
    assert.deepEqual(meanwhile.all([]), [{ n: 0 }, { n: 1 }, { n: 2 }]);
    assert.deepEqual([...rows], [{ n: 1 }, { n: 2 }]);
    assert.equal(cache.prepare('select n from t order by n'), iterating, 'once finished it is reused again');
    cache.close();
  });

  it('gives the rows better-sqlite3 itself gives, as objects: names, aliases, a repeated name, nulls, numbers, bytes', () => {
    const sqlite = new SQLite(':memory:');
    const cache = new StatementCache(sqlite);
    cache.prepare('create table t (id integer primary key, name text, score real, data blob, gone text)').run([]);
    const insert = cache.prepare('insert into t (name, score, data, gone) values (?, ?, ?, ?)');
    insert.run(['Phường 1', 1.5, Buffer.from([1, 2]), null]);
    insert.run(['Xã Mỹ Hòa', -3, null, 'x']);
    for (const query of [
      'select * from t order by id',
      'select id as "mã", name, name as "tên" from t order by id desc',
      'select t.name, u.name from t join t as u on u.id = t.id order by t.id',
      'select count(*) as n, max(score) as best from t',
      'select name from t where id = ?',
    ]) {
      const parameters = query.includes('?') ? [2] : [];
      const own = sqlite.prepare(query).all(...parameters);
      assert.deepEqual(cache.prepare(query).all(parameters), own, query);
      assert.deepEqual(cache.prepare(query).all(parameters), own, `${query}, kept`);
      assert.deepEqual([...cache.prepare(query).iterate(parameters)], own, `${query}, iterated`);
    }
    assert.deepEqual(cache.prepare('select * from t where id = 99').all([]), []);
    cache.close();
  });

  it("reads a kept statement's columns anew after the schema changes through it", () => {
    const sqlite = new SQLite(':memory:');
    const cache = new StatementCache(sqlite);
    cache.prepare('create table t (n integer, m integer)').run([]);
    cache.prepare('insert into t (n, m) values (1, 2)').run([]);
    const everything = 'select * from t';
    assert.deepEqual(cache.prepare(everything).all([]), [{ n: 1, m: 2 }]);
    cache.prepare('alter table t rename column n to renamed').run([]);
    assert.deepEqual(cache.prepare(everything).all([]), [{ renamed: 1, m: 2 }], 'same number of columns, new name');
    cache.prepare('alter table t add column extra text').run([]);
    assert.deepEqual(cache.prepare(everything).all([]), [{ renamed: 1, m: 2, extra: null }]);
    sqlite.exec('alter table t drop column m');
    assert.deepEqual(cache.prepare(everything).all([]), [{ renamed: 1, extra: null }], 'even when the change did not come through the cache');
    cache.close();
  });

  it('is what openSqlite gives Kysely: repeated queries keep working across many distinct SQL texts', async () => {
    const handle = openSqlite(':memory:');
    try {
      await sql`create table t (n integer)`.execute(handle.db);
      // More distinct statements than the cache keeps, then the first ones again.
      for (let i = 0; i < 600; i++) await sql.raw(`insert into t (n) values (${i})`).execute(handle.db);
      const { rows } = await sql<{ total: number }>`select sum(n) as total from t`.execute(handle.db);
      assert.equal(rows[0]!.total, (599 * 600) / 2);
      await sql.raw('insert into t (n) values (0)').execute(handle.db);
      const again = await sql<{ c: number }>`select count(*) as c from t`.execute(handle.db);
      assert.equal(again.rows[0]!.c, 601);
    } finally {
      await handle.close();
    }
  });
});
