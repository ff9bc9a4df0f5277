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
 * How PostgreSQL stores the search index (migrations 0131, 0132 and 0134):
 * each item's vectors and small columns inside its row, so checking a
 * phrase, ranking or sorting by date reads no TOAST, and search statements
 * read through the word index, never every row. Items indexed before the
 * migrations are rewritten by them and found as before.
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

/** Syllables, for news of a wider vocabulary, as the province's is. */
const SYLLABLES = ['trường', 'nghiệp', 'thương', 'khuyến', 'chuyển', 'quảng', 'luyện', 'hướng', 'phượng', 'thuyết', 'nguyện', 'triển', 'khoáng', 'giường'];

/** A news item's body of about `sentences` sentences and many words of its own, as an item of the province's corpus. */
const widerBodyOf = (i: number, sentences: number) =>
  `${bodyOf(i, sentences)} ${Array.from({ length: 4 * sentences }, (_, k) => `${SYLLABLES[k % SYLLABLES.length]}${SYLLABLES[(k * 5 + i) % SYLLABLES.length]}${k}`).join(' ')}.`;

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
    /** The values out of line after indexing ITEMS more ordinary items, before migration 0134 and after it. */
    const savedOutOfLine = { before0134: -1, after0134: -1 };
    /** How many items' title, path or date lay out of line before migration 0134, and after it rewrote them. */
    const smallOutOfLine = { before0134: -1, after0134: -1 };

    before(async () => {
      t = await openEmptyDatabase(dialect);
      const { '0134_search_columns_in_row': _inRow, ...before0134 } = MIGRATIONS;
      const { '0131_inline_search_vectors': _inline, ...before0131 } = before0134;
      await migrateToLatest(t.db, before0131);
      site = await buildSite(t.db);
      // A ward's news as the corpus averages (about 2 KB of text), indexed before the migration rewrites them.
      const news = (body: typeof bodyOf, first: number) => (i: number) => ({ title: `Tin hoạt động số ${first + i} của phường`, body: body(first + i, 14) });
      await indexNewsItems(t.db, site.id, ITEMS, 60_000, news(bodyOf, 0));
      await migrateToLatest(t.db, before0134);
      const pg = dialect === 'postgres';
      const toastValues = async () => {
        const toast = await sql<{ name: string }>`select reltoastrelid::regclass::text as name from pg_class where relname = 'search_documents'`.execute(t.db);
        return (
          await sql<{
            values: number;
            bytes: number;
          }>`select count(distinct chunk_id)::int as values, coalesce(sum(octet_length(chunk_data)), 0)::int as bytes
            from ${sql.table(toast.rows[0]!.name)}`.execute(t.db)
        ).rows[0]!;
      };
      // A value out of line is stored as no more than its own bytes; one in the row has a header besides.
      const smallValuesOut = async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from search_documents
            where pg_column_size(title) <= octet_length(title) or pg_column_size(path) <= octet_length(path)
              or pg_column_size(published_at) <= octet_length(published_at)`.execute(t.db)
        ).rows[0]!.n;
      // Ordinary items saved while the small columns could still leave the row, and after.
      const saveMore = async (first: number) => {
        const before = pg ? await toastValues() : { values: 0 };
        await indexNewsItems(t.db, site.id, ITEMS, 60_000, news(widerBodyOf, first), { firstRef: first + 1, path: (i) => `/bai-viet/tin-${first + i}` });
        return pg ? (await toastValues()).values - before.values : 0;
      };
      savedOutOfLine.before0134 = await saveMore(ITEMS);
      if (pg) smallOutOfLine.before0134 = await smallValuesOut();
      await migrateToLatest(t.db);
      if (pg) {
        smallOutOfLine.after0134 = await smallValuesOut();
        const bodies = await sql<{ bytes: number }>`select sum(pg_column_size(body))::int as bytes from search_documents`.execute(t.db);
        outOfLine = { ...(await toastValues()), bodyBytes: bodies.rows[0]!.bytes };
      }
      savedOutOfLine.after0134 = await saveMore(2 * ITEMS);
      repo = new SearchRepository(t.db);
      await repo.upsert(
        {
          siteId: site.id,
          source: 'article',
          refId: 3 * ITEMS + 1,
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
      assert.equal((await count('tiem chung ')).total, 3 * ITEMS + 1, 'every item holds "tiêm chủng"');
      const phrase = await count('"câu chốt đặc biệt"');
      assert.equal(phrase.total, 1);
      assert.deepEqual(
        (phrase.ranked ?? (await repo.candidates(parseQuery('"câu chốt đặc biệt"').parts, 'folded', { siteId: site.id }, 10, false))).map((c) => c.ref_id),
        [3 * ITEMS + 1],
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
      assert.ok(outOfLine.values <= 2 * ITEMS, `at most one value of each item out of line, found ${outOfLine.values}`);
      assert.ok(outOfLine.bytes <= outOfLine.bodyBytes, `what lies out of line (${outOfLine.bytes} bytes) is no more than the bodies (${outOfLine.bodyBytes})`);
    });

    it('keeps the title, path and date of an item saved now in its row, and brings back those of items saved before', async () => {
      if (dialect === 'sqlite') return;
      // Before migration 0134 an ordinary item's vectors, before compression, filled more than a page: its small columns left the row.
      assert.ok(savedOutOfLine.before0134 > 2 * ITEMS, `items saved before 0134 had ${savedOutOfLine.before0134} values out of line`);
      assert.ok(smallOutOfLine.before0134 > 0, 'some items had their title, path or date out of line before 0134');
      assert.equal(smallOutOfLine.after0134, 0, 'no item has its title, path or date out of line after 0134');
      assert.ok(savedOutOfLine.after0134 <= ITEMS, `at most the body of each item saved now out of line, found ${savedOutOfLine.after0134}`);
      const storage = await sql<{ attname: string; attstorage: string }>`select attname, attstorage from pg_attribute
        where attrelid = 'search_documents'::regclass and attnum > 0 and not attisdropped and attstorage = 'x' order by attname`.execute(t.db);
      assert.deepEqual(
        storage.rows.map((r) => r.attname),
        ['body'],
        'the body alone may leave the row before the vectors are compressed',
      );
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
        assert.equal(counted.total, 3 * ITEMS + 1);
        assert.equal(afterScans.seq - beforeScans.seq, 0, 'no statement read the whole table');
        assert.ok(afterScans.idx - beforeScans.idx >= 3, 'each statement read through an index');
      } finally {
        await one.close();
      }
    });
  });
}
