import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openPostgres } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import type { SiteRow } from '../../src/db/schema.ts';
import { SearchRepository } from '../../src/repositories/search-repository.ts';
import { parseQuery } from '../../src/services/search/query.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';
import { buildSite, indexNewsItems } from '../support/factories.ts';

/**
 * How PostgreSQL stores the search index (migrations 0131 and 0132): each
 * item's vectors inside its row, so checking a phrase or ranking reads no TOAST,
 * and search statements read through the word index, never every row.
 * Items indexed before the migration are rewritten by it and found as before.
 */

const SENTENCES = [
  'Ủy ban nhân dân phường tổ chức hội nghị triển khai nhiệm vụ phát triển kinh tế xã hội năm 2024.',
  'Các tổ dân phố tuyên truyền vận động nhân dân giữ gìn vệ sinh môi trường, phòng chống dịch bệnh.',
  'Hội Liên hiệp Phụ nữ trao quà cho hộ nghèo, hộ cận nghèo và gia đình chính sách trên địa bàn.',
  'Công an phường tăng cường tuần tra, bảo đảm an ninh trật tự và an toàn giao thông dịp cuối năm.',
  'Trạm y tế tổ chức tiêm chủng mở rộng cho trẻ em dưới năm tuổi theo lịch của ngành y tế.',
  'Đoàn Thanh niên ra quân làm sạch kênh rạch, trồng cây xanh dọc các tuyến đường chính.',
];

/** A news item's body of about `sentences` sentences, different for each item. */
const bodyOf = (i: number, sentences: number) =>
  Array.from({ length: sentences }, (_, k) => `${SENTENCES[(i + k) % SENTENCES.length]} Mục ${i}-${k}.`).join(' ');

const ITEMS = 30;
/** A long item, indexed after the rewrite: its text lies far past what one row holds. */
const LONG_SENTENCES = 200;

for (const dialect of DIALECTS) {
  describe(`search index storage [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let repo: SearchRepository;
    /** The values out of line once the migrations had rewritten the ordinary items, and the stored size of those items' bodies. */
    let outOfLine = { values: -1, bytes: -1, bodyBytes: -1 };

    before(async () => {
      t = await openEmptyDatabase(dialect);
      const { '0131_inline_search_vectors': _inline, ...before0131 } = MIGRATIONS;
      await migrateToLatest(t.db, before0131);
      site = await buildSite(t.db);
      // A ward's news as the corpus averages (about 2 KB of text), indexed before the migration rewrites them.
      await indexNewsItems(t.db, site.id, ITEMS, 60_000, (i) => ({
        title: `Tin hoạt động số ${i} của phường`,
        body: bodyOf(i, 14),
      }));
      await migrateToLatest(t.db);
      if (dialect === 'postgres') {
        const toast = await sql<{ name: string }>`select reltoastrelid::regclass::text as name from pg_class where relname = 'search_documents'`.execute(t.db);
        const values = await sql<{
          values: number;
          bytes: number;
        }>`select count(distinct chunk_id)::int as values, coalesce(sum(octet_length(chunk_data)), 0)::int as bytes
          from ${sql.table(toast.rows[0]!.name)}`.execute(t.db);
        const bodies = await sql<{ bytes: number }>`select sum(pg_column_size(body))::int as bytes from search_documents`.execute(t.db);
        outOfLine = { ...values.rows[0]!, bodyBytes: bodies.rows[0]!.bytes };
      }
      repo = new SearchRepository(t.db);
      await repo.upsert(
        {
          siteId: site.id,
          source: 'article',
          refId: ITEMS + 1,
          kind: 'news',
          categoryId: null,
          path: '/bai-viet/tin-dai',
          title: 'Báo cáo tổng kết năm',
          body: `${bodyOf(ITEMS, LONG_SENTENCES)} Kết thúc bằng câu chốt đặc biệt.`,
          publishedAt: '2024-06-01T00:00:00.000Z',
        },
        new Date().toISOString(),
      );
    });
    after(() => t.close());

    const count = (q: string) => repo.countRanked(parseQuery(q).parts, 'folded', { siteId: site.id }, 10);

    it('finds the items indexed before the rewrite by words, and a phrase at the end of a long item', async () => {
      assert.equal((await count('tiem chung ')).total, ITEMS + 1, 'every item holds "tiêm chủng"');
      const phrase = await count('"câu chốt đặc biệt"');
      assert.equal(phrase.total, 1);
      assert.deepEqual(
        (phrase.ranked ?? (await repo.candidates(parseQuery('"câu chốt đặc biệt"').parts, 'folded', { siteId: site.id }, 10, false))).map((c) => c.ref_id),
        [ITEMS + 1],
      );
      assert.equal((await count('"chốt tiêm chủng"')).total, 0, 'words of the phrase apart do not match it');
    });

    it('keeps each ordinary item in its row on PostgreSQL, vectors and all, all but its body', async () => {
      if (dialect === 'sqlite') return;
      const storage = await sql<{ attname: string; attstorage: string }>`select attname, attstorage from pg_attribute
        where attrelid = 'search_documents'::regclass and attname in ('fts_folded', 'fts_accented') order by attname`.execute(t.db);
      assert.deepEqual(
        storage.rows.map((r) => `${r.attname}:${r.attstorage}`),
        ['fts_accented:m', 'fts_folded:m'],
      );
      // PostgreSQL moves the largest value that may leave the row first: the body, read only for the results shown.
      assert.ok(outOfLine.values <= ITEMS, `at most one value of each item out of line, found ${outOfLine.values}`);
      assert.ok(outOfLine.bytes <= outOfLine.bodyBytes, `what lies out of line (${outOfLine.bytes} bytes) is no more than the bodies (${outOfLine.bodyBytes})`);
    });

    it('reads through the word index, never every row, even where the table is small enough to read whole', async () => {
      if (dialect === 'sqlite') return;
      // One connection, so the statistics it flushes are the statements' own.
      const one = openPostgres(t.url!, 1);
      try {
        const scans = async () => {
          await sql`select pg_stat_force_next_flush()`.execute(one.db);
          const row = await sql<{ seq: number; idx: number }>`select seq_scan::int as seq, coalesce(idx_scan, 0)::int as idx
            from pg_stat_user_tables where relname = 'search_documents'`.execute(one.db);
          return row.rows[0]!;
        };
        const repoOne = new SearchRepository(one.db);
        const beforeScans = await scans();
        const parts = parseQuery('phuong to').parts;
        const counted = await repoOne.countRanked(parts, 'folded', { siteId: site.id }, 10);
        await repoOne.candidates(parts, 'folded', { siteId: site.id }, 10, false);
        await repoOne.countRanked(parseQuery('"tổ chức hội nghị"').parts, 'folded', { siteId: site.id }, 10);
        const afterScans = await scans();
        assert.equal(counted.total, ITEMS + 1);
        assert.equal(afterScans.seq - beforeScans.seq, 0, 'no statement read the whole table');
        assert.ok(afterScans.idx - beforeScans.idx >= 3, 'each statement read through an index');
      } finally {
        await one.close();
      }
    });
  });
}
