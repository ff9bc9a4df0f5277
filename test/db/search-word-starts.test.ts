import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import type { SiteRow } from '../../src/db/schema.ts';
import { type MatchForm, SearchRepository } from '../../src/repositories/search-repository.ts';
import { tsQuery } from '../../src/repositories/search-match.ts';
import { indexWords } from '../../src/services/search/index-text.ts';
import { parseQuery } from '../../src/services/search/query.ts';
import { accentKey, foldVietnamese } from '../../src/text/vietnamese.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';
import { buildSite, indexNewsItems } from '../support/factories.ts';

/**
 * A word still being typed (the query's last word, without a space after it)
 * finds every item with a word it begins, no more: PostgreSQL looks it up by
 * the word starts its vectors hold (migration 0132, wordStarts), SQLite by
 * FTS5's prefixes. What each query should find is worked out here from the
 * items' own words. Items indexed before migration 0132 get the same starts
 * as items indexed after it.
 */

const WORDS = [
  'phường',
  'thương',
  'thường',
  'thuốc',
  'thông',
  'xanh',
  'xã',
  'nghị',
  'nghiệp',
  'nghiêng',
  'chuyển',
  'đổi',
  'số',
  'cloraminb',
  'quyhoachtongthe',
  'quyhoachchung',
  '2024',
  '20240919',
  'tình',
  'nhà',
  'hội',
  'cộng',
  'có',
  'con',
];

/** Item i's title and body: words of WORDS picked by i, so items differ in which words and starts they hold. */
function textOf(i: number) {
  const pick = (k: number) => WORDS[(i * 7 + k * 5 + ((i * k) % 3)) % WORDS.length]!;
  return { title: `Tin ${pick(1)} ${pick(2)}`, body: Array.from({ length: 6 + (i % 5) }, (_, k) => pick(k + 3)).join(' ') + '.' };
}

const ITEMS = 40;

/** How many items hold every word of a query of single words, the last one begun only, in the form matched. */
function expected(q: string, form: MatchForm): number {
  const { terms } = parseQuery(q);
  const as = (text: string) => indexWords(form === 'accented' ? accentKey(text) : foldVietnamese(text)).split(' ');
  let n = 0;
  for (let i = 0; i < ITEMS; i++) {
    const { title, body } = textOf(i);
    const words = [...as(title), ...as(body)];
    const holds = terms.every((t) => {
      const word = form === 'accented' ? (t.accented ?? t.folded) : t.folded;
      return words.some((w) => (t.prefix ? w.startsWith(word) : w === word));
    });
    if (holds) n++;
  }
  return n;
}

/** Queries as typed, none ending with a space: two letters, whole words, starts up to and past what the index holds, digits. */
const FOLDED = ['th', 'xanh', 'ngh', 'nghie', 'phuong thu', 'co', 'cloramin', 'quyhoach', 'quyhoacht', 'quyhoachto', '202', '2024091', 'xq', 'nha tinh'];
const ACCENTED = ['thươ', 'thư', 'nhà thư', 'cộ', 'nghiê'];

for (const dialect of DIALECTS) {
  describe(`search for a word still being typed [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let repo: SearchRepository;
    /** Each item's vectors as indexing makes them now, and as migration 0132 made them from the vectors before it. */
    const vectors = { indexed: new Map<number, string>(), migrated: new Map<number, string>() };

    before(async () => {
      t = await openEmptyDatabase(dialect);
      const { '0132_index_word_starts': _starts, ...before0132 } = MIGRATIONS;
      await migrateToLatest(t.db, before0132);
      site = await buildSite(t.db);
      await indexNewsItems(t.db, site.id, ITEMS, 3_600_000, textOf);
      if (dialect === 'postgres') {
        const read = async (into: Map<number, string>) => {
          const rows = await sql<{
            ref_id: number;
            v: string;
          }>`select ref_id, fts_folded::text || ' / ' || fts_accented::text as v from search_documents`.execute(t.db);
          for (const r of rows.rows) into.set(r.ref_id, r.v);
        };
        await read(vectors.indexed);
        // The vectors as indexing made them before word starts: only the words, at their positions.
        await MIGRATIONS['0132_index_word_starts']!.down!(t.db as never);
        await migrateToLatest(t.db);
        await read(vectors.migrated);
      } else {
        await migrateToLatest(t.db);
      }
      repo = new SearchRepository(t.db);
    });
    after(() => t.close());

    const count = async (q: string, form: MatchForm) => (await repo.countRanked(parseQuery(q).parts, form, { siteId: site.id }, 10)).total;

    it('finds exactly the items with a word the last word begins, folded', async () => {
      const found = await Promise.all(FOLDED.map(async (q) => [q, await count(q, 'folded')] as const));
      assert.deepEqual(
        found,
        FOLDED.map((q) => [q, expected(q, 'folded')] as const),
      );
      // The queries tell matching from not matching: some find part of the items, one finds none.
      assert.ok(found.some(([, n]) => n > 0 && n < ITEMS));
      assert.ok(found.some(([q, n]) => q === 'xq' && n === 0));
    });

    it('finds exactly the items with a word the last word begins, with its diacritics', async () => {
      const found = await Promise.all(ACCENTED.map(async (q) => [q, await count(q, 'accented')] as const));
      assert.deepEqual(
        found,
        ACCENTED.map((q) => [q, expected(q, 'accented')] as const),
      );
      assert.notEqual(expected('thươ', 'accented'), expected('thươ', 'folded'), 'the accented start is narrower than the folded one');
    });

    it('looks a begun word of up to eight letters up as one entry on PostgreSQL, and a longer one as a prefix', () => {
      const index = (q: string) => tsQuery(parseQuery(q).parts, 'folded', site.id, 'index');
      assert.doesNotMatch(index('phuong quyhoach'), /:\*/);
      assert.match(index('phuong quyhoach'), /\| 0[a-z]{4}quyhoach\)/);
      assert.match(index('quyhoacht'), /quyhoacht:\*/);
      assert.match(tsQuery(parseQuery('phuong quyhoach').parts, 'folded', site.id), /quyhoach:\*/, 'ranking and rows read it as a prefix');
    });

    it('gives items indexed before migration 0132 the word starts indexing gives them now', () => {
      if (dialect === 'sqlite') return;
      assert.equal(vectors.migrated.size, ITEMS);
      for (const [ref, v] of vectors.indexed) assert.equal(vectors.migrated.get(ref), v, `item ${ref}`);
      const [folded, accented] = vectors.indexed.get(1)!.split(' / ');
      assert.match(folded!, /'0[a-z]{4}th'/);
      assert.doesNotMatch(accented!, /'0/, 'the accented vectors hold no starts, so that each row keeps both its vectors');
    });
  });
}
