import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import type { Database, SiteRow } from '../../src/db/schema.ts';
import { readCategory } from '../../src/services/article-reader.ts';
import { DIALECTS, type TestDatabase, openRecordingSqlite, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

/**
 * Category pages deep in the archive: the right articles in the right order
 * on both databases, and on SQLite a plan that passes over the skipped
 * articles in the index (0022) instead of reading each row.
 */

interface Built {
  id: number;
  title: string;
  publishedAt: Date;
}

/** 35 notices of one site (dates shared in pairs, so the order falls back to the id), news, one trashed notice, one due tomorrow. */
async function fillWard(db: Kysely<Database>): Promise<{ ward: SiteRow; visible: Built[] }> {
  const ward = await buildSite(db);
  const visible: Built[] = [];
  for (let i = 0; i < 35; i++) {
    const publishedAt = new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 2)));
    const { id } = await buildArticle(db, ward, { title: `Thông báo số ${i + 1}`, categorySlug: 'thong-bao', publishedAt });
    visible.push({ id, title: `Thông báo số ${i + 1}`, publishedAt });
  }
  for (let i = 0; i < 6; i++) await buildArticle(db, ward, { title: `Tin tức số ${i + 1}`, publishedAt: new Date(Date.UTC(2024, 0, 3 + i)) });
  const trashed = await buildArticle(db, ward, { title: 'Thông báo đã xóa', categorySlug: 'thong-bao', publishedAt: new Date(Date.UTC(2024, 0, 5)) });
  await db.updateTable('articles').set({ deleted_at: new Date().toISOString() }).where('id', '=', trashed.id).execute();
  await buildArticle(db, ward, { title: 'Thông báo hẹn giờ', categorySlug: 'thong-bao', publishedAt: new Date(Date.now() + 86_400_000) });
  // Another site's notices share the dates and must never show.
  const other = await buildSite(db);
  for (let i = 0; i < 5; i++)
    await buildArticle(db, other, { title: `Thông báo xã khác ${i + 1}`, categorySlug: 'thong-bao', publishedAt: new Date(Date.UTC(2024, 0, 1 + i)) });
  visible.sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id);
  return { ward, visible };
}

async function articleIndexes(db: Kysely<Database>, dialect: string): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'articles' and sql is not null`
      : sql<{
          name: string;
        }>`select indexname as name from pg_indexes where tablename = 'articles' and indexname not like '%_pkey' and indexname not like '%_unique'`;
  return (await query.execute(db)).rows.map((r) => r.name).sort();
}

for (const dialect of DIALECTS) {
  describe(`category pages deep in the archive [${dialect}]`, () => {
    let t: TestDatabase;
    let ward: SiteRow;
    let visible: Built[];
    before(async () => {
      t = await openTestDatabase(dialect);
      ({ ward, visible } = await fillWard(t.db));
    });
    after(() => t.close());

    it('every page holds the next ten, newest first and by id on the same date, with no trashed, scheduled or other-site article', async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const content = await readCategory(t.db, ward, 'thong-bao', page);
        assert.equal(content.pagination.total, 35);
        assert.equal(content.pagination.totalPages, 4);
        assert.deepEqual(
          content.articles.map((a) => a.title),
          visible.slice((page - 1) * 10, page * 10).map((a) => a.title),
          `trang ${page}`,
        );
        seen.push(...content.articles.map((a) => a.title));
      }
      assert.equal(new Set(seen).size, 35);
    });

    it('migration 0022 swaps the category index for one that leads with the site, and back', async () => {
      const names = Object.keys(MIGRATIONS);
      const index = names.indexOf('0022_add_site_category_listing_index');
      assert.ok(index > 0);
      const latest = await articleIndexes(t.db, dialect);
      assert.ok(latest.includes('articles_site_category_listing'));
      assert.ok(!latest.includes('articles_category_listing'));
      const { Migrator } = await import('kysely');
      const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => MIGRATIONS } });
      const down = await migrator.migrateTo(names[index - 1]!);
      assert.equal(down.error, undefined);
      const before0022 = await articleIndexes(t.db, dialect);
      assert.ok(before0022.includes('articles_category_listing'));
      assert.ok(!before0022.includes('articles_site_category_listing'));
      await migrateToLatest(t.db);
      assert.deepEqual(await articleIndexes(t.db, dialect), latest);
      // The pages read the same after the round trip.
      assert.deepEqual(
        (await readCategory(t.db, ward, 'thong-bao', 4)).articles.map((a) => a.title),
        visible.slice(30).map((a) => a.title),
      );
    });
  });
}

describe('category page plan [sqlite]', () => {
  let handle: DatabaseHandle;
  let ward: SiteRow;
  let queries: CompiledQuery[];
  before(async () => {
    ({ handle, queries } = await openRecordingSqlite());
    ({ ward } = await fillWard(handle.db));
  });
  after(() => handle.close());

  /** SQLite's plan for the listing query a category page runs. */
  async function listingPlan(): Promise<string> {
    queries.length = 0;
    await readCategory(handle.db, ward, 'thong-bao', 3);
    const listing = queries.find((q) => /\border by\b/.test(q.sql) && /\boffset\b/.test(q.sql));
    assert.ok(listing, 'the category page ran no listing query');
    const plan = await handle.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${listing.sql}`, [...listing.parameters]));
    return plan.rows.map((r) => r.detail).join(' | ');
  }

  it('passes over the skipped articles in articles_site_category_listing, sorted as the index is, whatever statistics ANALYZE left', async () => {
    for (const stats of ['none', 'analyzed', 'row counts only']) {
      if (stats === 'analyzed') await sql`analyze`.execute(handle.db);
      // What a portal runs on after ANALYZE: openSqlite drops the value samples (sqlite-planning.ts).
      if (stats === 'row counts only') {
        await sql`delete from sqlite_stat4`.execute(handle.db);
        await sql`analyze sqlite_schema`.execute(handle.db);
      }
      const plan = await listingPlan();
      assert.match(
        plan,
        /articles_site_category_listing \(site_id=\? AND category_id=\? AND status=\? AND deleted_at=\? AND published_at<\?\)/,
        `${stats}: ${plan}`,
      );
      assert.doesNotMatch(plan, /TEMP B-TREE/, `${stats}: ${plan}`);
    }
  });
});
