import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import { type DatabaseHandle, openSqlite } from '../../src/db/database.ts';
import { literalLimit } from '../../src/db/sqlite-planning.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database, SiteRow } from '../../src/db/schema.ts';
import { ArticleRepository } from '../../src/repositories/article-repository.ts';
import { readArticle, readCategory, readHome } from '../../src/services/article-reader.ts';
import { search } from '../../src/services/search/search-service.ts';
import { DIALECTS, type TestDatabase, openRecordingSqlite, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

/**
 * SQLite plans a kept statement once (src/db/sqlite-planning.ts): value
 * samples left by ANALYZE are dropped when a database is opened, and whole
 * limits are written into the SQL. What SQLite does inside (planning again
 * or not) has no API in better-sqlite3; these tests check the two causes
 * are gone, and that every list still reads right, on both databases.
 */

const NOW = new Date(Date.UTC(2030, 0, 1));

/** A ward with 12 news items and 4 notices, one site beside it. */
async function fillWard(db: Kysely<Database>): Promise<SiteRow> {
  const ward = await buildSite(db);
  for (let i = 0; i < 12; i++) await buildArticle(db, ward, { title: `Tin số ${i + 1}`, publishedAt: new Date(Date.UTC(2025, 0, 1 + i)) });
  for (let i = 0; i < 4; i++)
    await buildArticle(db, ward, { title: `Thông báo số ${i + 1}`, categorySlug: 'thong-bao', publishedAt: new Date(Date.UTC(2025, 1, 1 + i)) });
  const other = await buildSite(db);
  for (let i = 0; i < 3; i++) await buildArticle(db, other, { title: `Tin xã khác ${i + 1}`, publishedAt: new Date(Date.UTC(2025, 2, 1 + i)) });
  return ward;
}

async function statRows(db: Kysely<Database>, table: 'sqlite_stat1' | 'sqlite_stat4'): Promise<number | null> {
  const exists = await sql<{ n: number }>`select count(*) as n from sqlite_schema where type = 'table' and name = ${table}`.execute(db);
  if (exists.rows[0]!.n === 0) return null;
  return (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n;
}

describe('value samples of ANALYZE [sqlite]', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-planning-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a database ANALYZE sampled opens with its row counts and without its value samples, and reads the same', async () => {
    const file = path.join(dir, 'analysed.sqlite');
    let handle: DatabaseHandle = openSqlite(file);
    await migrateToLatest(handle.db);
    const ward = await fillWard(handle.db);
    const slug = (await new ArticleRepository(handle.db, ward.id).listPublished(NOW.toISOString(), {}, 1, 5))[0]!.slug;
    const before = await readArticle(handle.db, ward, slug, NOW);
    await sql`analyze`.execute(handle.db);
    const counts = await statRows(handle.db, 'sqlite_stat1');
    assert.ok(counts && counts > 0, 'ANALYZE counted rows');
    assert.ok(((await statRows(handle.db, 'sqlite_stat4')) ?? 0) > 0, 'better-sqlite3 builds SQLite with STAT4, so ANALYZE stores samples');
    await handle.close();

    handle = openSqlite(file);
    try {
      assert.equal(await statRows(handle.db, 'sqlite_stat4'), 0);
      assert.equal(await statRows(handle.db, 'sqlite_stat1'), counts);
      const after = await readArticle(handle.db, ward, slug, NOW);
      assert.equal(after.article.title, before.article.title);
      assert.deepEqual(
        after.others.map((a) => a.id),
        before.others.map((a) => a.id),
      );
      const plan = await sql<{ detail: string }>`explain query plan select id from articles where site_id = ${ward.id} and slug = ${slug}`.execute(handle.db);
      assert.match(plan.rows.map((r) => r.detail).join(' | '), /USING (COVERING )?INDEX sqlite_autoindex_articles_1 \(site_id=\? AND slug=\?\)/);
    } finally {
      await handle.close();
    }
  });

  it('a database never analysed is left without statistics tables', async () => {
    const file = path.join(dir, 'plain.sqlite');
    let handle = openSqlite(file);
    await migrateToLatest(handle.db);
    await handle.close();
    handle = openSqlite(file);
    try {
      assert.equal(await statRows(handle.db, 'sqlite_stat1'), null);
      assert.equal(await statRows(handle.db, 'sqlite_stat4'), null);
    } finally {
      await handle.close();
    }
  });
});

describe('limits written into the SQL [sqlite]', () => {
  let handle: DatabaseHandle;
  let ward: SiteRow;
  let queries: CompiledQuery[];
  before(async () => {
    ({ handle, queries } = await openRecordingSqlite());
    ward = await fillWard(handle.db);
  });
  after(() => handle.close());

  it('writes a whole-number limit into the SQL and keeps the offset and any other limit a parameter', () => {
    const sites = () => handle.db.selectFrom('sites').select('id');
    const whole = sites().limit(3).offset(2).compile();
    assert.match(whole.sql, /limit 3 offset \?$/);
    assert.deepEqual(whole.parameters, [2]);
    const fraction = sites().limit(2.5).compile();
    assert.match(fraction.sql, /limit \?$/);
    assert.deepEqual(fraction.parameters, [2.5]);
    const expression = sites()
      .limit(sql<number>`1 + 1`)
      .compile();
    assert.match(expression.sql, /limit 1 \+ 1$/);
    // SQL written by hand takes its limit the same way, and only a whole number.
    assert.equal(sql`select 1 limit ${literalLimit(20)}`.compile(handle.db).sql, 'select 1 limit 20');
    assert.throws(() => literalLimit(2.5), /not a whole number/);
    assert.throws(() => literalLimit(-1), /not a whole number/);
  });

  it('the public pages and search run no query with a bound limit', async () => {
    queries.length = 0;
    const home = await readHome(handle.db, ward, NOW);
    const category = await readCategory(handle.db, ward, 'tin-tuc', 2, NOW);
    const article = await readArticle(handle.db, ward, home.news[0]!.slug, NOW);
    const found = await search(handle.db, ward, { q: 'tin số', page: 2, perPage: 5 });
    // Every article of the ward holds both words (the factory's body reads "Nội dung tin thử số N"); none of the other site's.
    assert.deepEqual([found.pagination.total, found.hits.length], [16, 5]);
    assert.ok(queries.length >= 6);
    assert.deepEqual(
      queries.filter((q) => /\blimit \?/.test(q.sql)).map((q) => q.sql),
      [],
    );
    const limits = queries.map((q) => /\blimit (\d+)/.exec(q.sql)?.[1]).filter(Boolean);
    for (const expected of ['3', '7', '6', '10', '8']) assert.ok(limits.includes(expected), `limit ${expected} in ${limits.join(', ')}`);
    assert.equal(category.articles.length, 2);
    assert.equal(article.others.length, 8);
  });
});

for (const dialect of DIALECTS) {
  describe(`lists of other lengths in the same shape [${dialect}]`, () => {
    let t: TestDatabase;
    let ward: SiteRow;
    before(async () => {
      t = await openTestDatabase(dialect);
      ward = await fillWard(t.db);
    });
    after(() => t.close());

    it('each length gives that many of the same newest articles, whichever ran first', async () => {
      const repo = new ArticleRepository(t.db, ward.id);
      const now = NOW.toISOString();
      const newest = (await repo.listPublished(now, {}, 1))[0]!;
      for (const [first, second] of [
        [8, 3],
        [3, 8],
        [8, 8],
      ] as const) {
        const a = await repo.listOtherPosts(now, newest.id, first);
        const b = await repo.listOtherPosts(now, newest.id, second);
        assert.equal(a.length, first);
        assert.equal(b.length, second);
        const shorter = Math.min(first, second);
        assert.deepEqual(
          a.slice(0, shorter).map((r) => r.id),
          b.slice(0, shorter).map((r) => r.id),
        );
        assert.ok(![...a, ...b].some((r) => r.id === newest.id), 'the article itself is never among the others');
      }
      const news = await repo.listPublished(now, { categoryKind: 'news' }, 5);
      const fewer = await repo.listPublished(now, { categoryKind: 'news' }, 2, 1);
      assert.deepEqual(
        news.map((a) => a.title),
        ['Tin số 12', 'Tin số 11', 'Tin số 10', 'Tin số 9', 'Tin số 8'],
      );
      assert.deepEqual(
        fewer.map((a) => a.title),
        ['Tin số 11', 'Tin số 10'],
      );
      assert.equal(await repo.countPublished(now, { categoryKind: 'news' }), 12);
      assert.deepEqual(
        (await repo.listPublished(now, { categoryKind: 'notice' }, 20)).map((a) => a.title),
        ['Thông báo số 4', 'Thông báo số 3', 'Thông báo số 2', 'Thông báo số 1'],
      );
    });
  });
}
