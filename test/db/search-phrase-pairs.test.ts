import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import type { SiteRow } from '../../src/db/schema.ts';
import { type MatchForm, type SearchFilter, SearchRepository } from '../../src/repositories/search-repository.ts';
import { indexWords } from '../../src/services/search/index-text.ts';
import { parseQuery } from '../../src/services/search/query.ts';
import { accentKey, foldVietnamese } from '../../src/text/vietnamese.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';
import { buildSite, indexNewsItems } from '../support/factories.ts';

/**
 * A quoted phrase (or a word like "covid-19") finds exactly the items where
 * its words stand together, in order, in title or body: PostgreSQL looks it
 * up by the pairs of its words (migration 0133, search_terms) and checks the
 * rows it gets; SQLite's FTS5 reads positions. What each query should find
 * is worked out here from the items' own words. Items indexed before the
 * migration are found as those indexed after it.
 */

const WORDS = ['xã', 'xà', 'xa', 'hội', 'hỏi', 'hoi', 'nhà', 'nha', 'văn', 'vắn', 'hóa', 'hoa', 'mới', 'cũ'];

/** Item i's title and body. Titles end and bodies begin with words no query asks for, so no phrase runs from one into the other. */
function textOf(i: number) {
  const pick = (k: number) => WORDS[(i * 11 + k * 7 + ((i * k) % 5)) % WORDS.length]!;
  return {
    title: `Tin ${pick(1)} ${pick(2)} ${pick(3)} tháng`,
    body: `Ngày ${Array.from({ length: 8 + (i % 7) }, (_, k) => pick(k + 4)).join(' ')}.`,
  };
}

/** Items written for the cases that matter: a three-word phrase's pairs apart, in order, and a word too long for the pairs. */
const WRITTEN = [
  { title: 'Nhà văn mới tháng', body: 'Ngày văn hóa cũ.' },
  { title: 'Nhà văn hóa tháng', body: 'Ngày khánh thành.' },
  { title: 'Tin dài tháng', body: `Ngày ${'a'.repeat(600)} ${'b'.repeat(600)} nhà văn hóa xã hội.` },
];
const GENERATED = 60;
const textAt = (i: number) => (i < GENERATED ? textOf(i) : WRITTEN[i - GENERATED]!);
const ITEMS = GENERATED + WRITTEN.length;

/** Whether words hold a query's groups, each phrase as a run of words in order, a begun last word as a start. */
function holds(words: string[], q: string, form: MatchForm): boolean {
  return parseQuery(q).groups.every((g) => {
    const wanted = g.terms.map((t) => (form === 'accented' ? (t.accented ?? t.folded) : t.folded));
    const begun = g.terms.at(-1)!.prefix;
    return words.some((_, at) => wanted.every((w, k) => (begun && k === wanted.length - 1 ? words[at + k]?.startsWith(w) : words[at + k] === w)));
  });
}

/** How many of the items hold a query in title or body, in the form matched. */
function expected(q: string, form: MatchForm): number {
  const as = (text: string) => indexWords(form === 'accented' ? accentKey(text) : foldVietnamese(text)).split(' ');
  let n = 0;
  for (let i = 0; i < ITEMS; i++) {
    const { title, body } = textAt(i);
    if (holds([...as(title), ...as(body)], q, form)) n++;
  }
  return n;
}

const QUERIES = ['"xa hoi"', '"hoi xa"', '"nha van hoa"', '"van hoa nha"', '"xa hoi" nha', '"xa hoi" va', 'xa-hoi', '"nha van hoa xa hoi"'];
/** With a word typed without diacritics among them ("hoi", "nha"): it is matched as typed, having none (as "ban" in "ủy ban"). */
const ACCENTED = ['"xã hội"', '"nhà văn hóa"', '"xã hội" nhà', '"xã hoi"', '"hội hoa"'];

for (const dialect of DIALECTS) {
  describe(`search for a phrase [${dialect}]`, () => {
    let t: TestDatabase;
    let sites: SiteRow[];
    let repo: SearchRepository;

    before(async () => {
      t = await openEmptyDatabase(dialect);
      const { '0133_index_phrase_pairs': _pairs, ...before0133 } = MIGRATIONS;
      await migrateToLatest(t.db, before0133);
      sites = [await buildSite(t.db), await buildSite(t.db)];
      // Half the items are indexed before the phrase index exists, half after.
      const half = Math.floor(ITEMS / 2);
      for (const site of sites) await indexNewsItems(t.db, site.id, half, 3_600_000, textAt, { firstRef: site.id * 1000 });
      await migrateToLatest(t.db);
      for (const site of sites) {
        await indexNewsItems(t.db, site.id, ITEMS - half, 3_600_000, (i) => textAt(half + i), {
          firstRef: site.id * 1000 + half,
          from: Date.UTC(2025, 0, 1),
          path: (i) => `/bai-viet/tin-${half + i}`,
        });
      }
      repo = new SearchRepository(t.db);
    });
    after(() => t.close());

    const count = async (q: string, form: MatchForm, filter: SearchFilter) => (await repo.countRanked(parseQuery(q).parts, form, filter, 100)).total;

    it('finds exactly the items where the words stand together, in order, folded', async () => {
      const found = await Promise.all(QUERIES.map(async (q) => [q, await count(q, 'folded', { siteId: sites[0]!.id })] as const));
      assert.deepEqual(
        found,
        QUERIES.map((q) => [q, expected(q, 'folded')] as const),
      );
      // The queries tell together from apart: some find part of the items, and order matters.
      assert.ok(found.some(([, n]) => n > 0 && n < ITEMS));
      assert.notEqual(expected('"xa hoi"', 'folded'), expected('"hoi xa"', 'folded'));
    });

    it('finds exactly the items where the words stand together, with their diacritics', async () => {
      const found = await Promise.all(ACCENTED.map(async (q) => [q, await count(q, 'accented', { siteId: sites[0]!.id })] as const));
      assert.deepEqual(
        found,
        ACCENTED.map((q) => [q, expected(q, 'accented')] as const),
      );
      assert.ok(expected('"xã hội"', 'accented') < expected('"xã hội"', 'folded'), 'the diacritics narrow the phrase');
      assert.ok(expected('"xã hoi"', 'accented') > 0 && expected('"hội hoa"', 'accented') > 0);
    });

    it('does not take a phrase of three words for its pairs standing apart', async () => {
      const apart = { siteId: sites[0]!.id };
      const result = await repo.candidates(parseQuery('"nha van hoa"').parts, 'folded', apart, 100, false);
      const paths = result.map((c) => c.path);
      assert.ok(paths.includes(`/bai-viet/tin-${GENERATED + 1}`), 'the item with "nhà văn hóa" is found');
      assert.ok(!paths.includes(`/bai-viet/tin-${GENERATED}`), 'the item with "nhà văn" and "văn hóa" apart is not');
    });

    it('finds a phrase in an item whose words are too long for the pairs', async () => {
      const result = await repo.candidates(parseQuery('"xa hoi"').parts, 'folded', { siteId: sites[0]!.id }, 100, false);
      assert.ok(result.some((c) => c.path === `/bai-viet/tin-${ITEMS - 1}`));
      if (dialect === 'postgres') {
        const marked = await sql<{ n: number }>`select count(*)::int as n from search_documents where search_terms(fts_folded) @@ '1'::tsquery`.execute(t.db);
        assert.equal(marked.rows[0]!.n, sites.length, 'only the long item of each site is checked row by row for every phrase');
      }
    });

    it('finds a phrase over several sites, each site by its own words', async () => {
      const filter = { siteId: sites[0]!.id, siteIds: sites.map((s) => s.id) };
      for (const q of QUERIES) assert.equal(await count(q, 'folded', filter), expected(q, 'folded') * sites.length, q);
      const ranked = await repo.candidates(parseQuery('"xa hoi"').parts, 'folded', filter, 100, false);
      assert.deepEqual(new Set(ranked.map((c) => c.site_id)), new Set(sites.map((s) => s.id)));
    });
  });
}
