import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import type { SiteRow } from '../../src/db/schema.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { SearchRepository } from '../../src/repositories/search-repository.ts';
import { indexWords } from '../../src/services/search/index-text.ts';
import { parseQuery } from '../../src/services/search/query.ts';
import { search } from '../../src/services/search/search-service.ts';
import { accentKey, foldVietnamese } from '../../src/text/vietnamese.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

for (const dialect of DIALECTS) {
  describe(`search index scoped by site (${dialect})`, () => {
    let handle: TestDatabase;
    let east: SiteRow;
    let west: SiteRow;
    const find = async (site: SiteRow, q: string) => (await search(handle.db, site, { q, page: 1, perPage: 10 })).hits.map((h) => h.title);

    before(async () => {
      handle = await openTestDatabase(dialect);
      east = await buildSite(handle.db, { name: 'Phường Đông' });
      west = await buildSite(handle.db, { name: 'Phường Tây' });
      await buildArticle(handle.db, east, { title: 'Nạo vét kênh mương khu phố 2', bodyHtml: '<p>Ủy ban nhân dân phường ra quân nạo vét.</p>' });
      await buildArticle(handle.db, west, { title: 'Nạo vét kênh mương ấp Tây', bodyHtml: '<p>Ủy ban nhân dân xã ra quân nạo vét.</p>' });
    });
    after(() => handle.close());

    it('finds each site its own items only, though both use the same words', async () => {
      assert.deepEqual(await find(east, 'nao vet kenh muong '), ['Nạo vét kênh mương khu phố 2']);
      assert.deepEqual(await find(west, 'nạo vét kênh mương '), ['Nạo vét kênh mương ấp Tây']);
    });

    it('keeps prefixes and phrases inside the site', async () => {
      assert.deepEqual(await find(east, 'kenh muo'), ['Nạo vét kênh mương khu phố 2']);
      assert.deepEqual(await find(west, '"ủy ban nhân dân"'), ['Nạo vét kênh mương ấp Tây']);
    });

    it('ranks a large set of matches by title first, then newest first', async () => {
      const older = await buildArticle(handle.db, east, {
        title: 'Kế hoạch trồng cây xanh',
        bodyHtml: '<p>Trồng cây.</p>',
        publishedAt: new Date('2020-01-01T00:00:00Z'),
      });
      await buildArticle(handle.db, east, {
        title: 'Tin ngắn tháng 3',
        bodyHtml: '<p>Phường phát động trồng cây xanh.</p>',
        publishedAt: new Date('2023-03-01T00:00:00Z'),
      });
      await buildArticle(handle.db, east, {
        title: 'Tin ngắn tháng 5',
        bodyHtml: '<p>Đoàn viên trồng cây xanh ven kênh.</p>',
        publishedAt: new Date('2023-05-01T00:00:00Z'),
      });
      const repo = new SearchRepository(handle.db);
      const groups = parseQuery('cay xanh ').parts;
      // Told there are more matches than it counts, as a large site would have.
      const ranked = await repo.candidates(groups, 'folded', { siteId: east.id }, 10, true);
      assert.equal(ranked.length, 3);
      assert.equal(ranked[0]!.ref_id, older.id, 'the title match first, though oldest');
      assert.deepEqual(
        ranked.slice(1).map((c) => c.title),
        ['Tin ngắn tháng 5', 'Tin ngắn tháng 3'],
        'then the newest',
      );
    });

    it('rewrites an index written before words were scoped when migrating', async () => {
      // Back to the schema before scoping, with the index as the old code wrote it: bare words, the site as a tag.
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => MIGRATIONS } });
      const names = Object.keys(MIGRATIONS);
      const down = await migrator.migrateTo(names[names.indexOf('0019_scope_search_index') - 1]!);
      assert.equal(down.error, undefined);
      const rows = (
        await sql<{
          id: number;
          site_id: number;
          kind: string;
          title: string;
          body: string;
        }>`select id, site_id, kind, title, body from search_documents`.execute(handle.db)
      ).rows;
      assert.equal(rows.length, 5);
      for (const row of rows) {
        const words = (text: string, fold: (t: string) => string) => indexWords(fold(text));
        if (dialect === 'postgres') {
          await sql`update search_documents set fts_folded = to_tsvector('simple', ${words(`${row.title} ${row.body}`, foldVietnamese)}),
            fts_accented = to_tsvector('simple', ${words(`${row.title} ${row.body}`, accentKey)}) where id = ${row.id}`.execute(handle.db);
        } else {
          await sql`insert into search_fts (rowid, tags, title_f, body_f, title_a, body_a) values (${row.id}, ${`s${row.site_id} k${row.kind}`},
            ${words(row.title, foldVietnamese)}, ${words(row.body, foldVietnamese)}, ${words(row.title, accentKey)}, ${words(row.body, accentKey)})`.execute(
            handle.db,
          );
        }
      }
      const ran = await migrateToLatest(handle.db);
      assert.ok(ran.some((r) => r.migrationName === '0020_backfill_scoped_search_index' && r.status === 'Success'));
      assert.deepEqual(await find(east, 'nao vet'), ['Nạo vét kênh mương khu phố 2']);
      assert.deepEqual(await find(west, 'ấp tây'), ['Nạo vét kênh mương ấp Tây']);
      assert.deepEqual(await find(west, 'khu pho 2'), []);
    });
  });
}
