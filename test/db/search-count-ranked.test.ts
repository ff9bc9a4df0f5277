import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { RANK_BY_TITLE_ABOVE, SearchRepository } from '../../src/repositories/search-repository.ts';
import { parseQuery } from '../../src/services/search/query.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';

/**
 * countRanked: the count of a search in each form and, for a phrase on
 * PostgreSQL, its best candidates from the same pass, exactly as
 * candidates() ranks them, below the title-ranking threshold and above it.
 */

const DOCS = RANK_BY_TITLE_ABOVE + 3;
/** Every third title is written without diacritics ("bao"), so the accented form matches fewer. */
const unaccented = (i: number) => i % 3 === 0;

for (const dialect of DIALECTS) {
  describe(`search: counting and ranking in one pass [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let repo: SearchRepository;
    const groupsOf = (q: string) => parseQuery(q).parts;
    const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      await t.db.transaction().execute(async (trx) => {
        const index = new SearchRepository(trx);
        for (let i = 0; i < DOCS; i++) {
          await index.upsert(
            {
              siteId: site.id,
              source: 'article',
              refId: i + 1,
              kind: 'news',
              categoryId: null,
              // Apart by a minute each: candidates order by relevance, then date, so ties never depend on the plan.
              publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
              title: unaccented(i) ? `Tin bao so ${i} cua phuong` : `Thông báo bão số ${i}${i % 7 === 0 ? ' của Ủy ban nhân dân' : ''}`,
              body: i % 2 === 0 ? 'Ủy ban nhân dân phường họp bàn phòng chống bão.' : 'Ủy ban phường họp với nhân dân về mùa mưa.',
              path: `/bai-viet/tin-${i}`,
            },
            new Date().toISOString(),
          );
        }
      });
      repo = new SearchRepository(t.db);
    });
    after(() => t.close());

    it('counts the matches of each form, a word by count alone: folded ones all, accented ones where the diacritics are as typed', async () => {
      const folded = await repo.countRanked(groupsOf('bão '), 'folded', { siteId: site.id }, 100);
      const accented = await repo.countRanked(groupsOf('bão '), 'accented', { siteId: site.id }, 100);
      assert.equal(folded.total, DOCS);
      // "bão" as typed: in every accented title, and in the even bodies ("phòng chống bão").
      assert.equal(accented.total, Array.from({ length: DOCS }, (_, i) => i).filter((i) => !unaccented(i) || i % 2 === 0).length);
      assert.equal(repo.ranksAsItCounts(groupsOf('bão ')), false, 'the index alone answers a word: candidates ranks');
      assert.equal(folded.ranked, null);
      assert.equal(accented.ranked, null);
    });

    it('ranks a phrase as it counts on PostgreSQL, as candidates would: by title past the threshold, else by the whole text', async () => {
      // "bão số": folded in all 1.003 titles ("bao so" too), as typed in the 668 accented ones.
      const groups = groupsOf('"bão số"');
      const folded = await repo.countRanked(groups, 'folded', { siteId: site.id }, 100);
      const accented = await repo.countRanked(groups, 'accented', { siteId: site.id }, 100);
      assert.equal(folded.total, DOCS);
      assert.equal(accented.total, Array.from({ length: DOCS }, (_, i) => i).filter((i) => !unaccented(i)).length);
      assert.equal(repo.ranksAsItCounts(groups), dialect === 'postgres');
      if (dialect === 'sqlite') {
        assert.equal(folded.ranked, null);
        return;
      }
      assert.ok(folded.total > RANK_BY_TITLE_ABOVE && accented.total <= RANK_BY_TITLE_ABOVE);
      assert.deepEqual(ids(folded.ranked!), ids(await repo.candidates(groups, 'folded', { siteId: site.id }, 100, folded.total)));
      assert.deepEqual(ids(accented.ranked!), ids(await repo.candidates(groups, 'accented', { siteId: site.id }, 100, accented.total)));
      assert.equal(folded.ranked!.length, 100);
      assert.ok(folded.ranked!.every((c) => c.body === '' && typeof c.relevance === 'number' && !('total' in c)));
    });

    it('counts a phrase where its words stand together, not merely in the same text', async () => {
      const phrase = await repo.countRanked(groupsOf('"ủy ban nhân dân"'), 'folded', { siteId: site.id }, 100);
      assert.equal(phrase.total, Array.from({ length: DOCS }, (_, i) => i).filter((i) => i % 2 === 0 || (i % 7 === 0 && !unaccented(i))).length);
      if (dialect === 'postgres') {
        assert.deepEqual(ids(phrase.ranked!), ids(await repo.candidates(groupsOf('"ủy ban nhân dân"'), 'folded', { siteId: site.id }, 100, phrase.total)));
        // A phrase in the title weighs more than one in the body only.
        const first = phrase.ranked![0]!;
        assert.match(first.title, /Ủy ban nhân dân/);
      }
    });

    it('finds nothing for words the site does not hold, and another site has none of these', async () => {
      assert.deepEqual(await repo.countRanked(groupsOf('xyzabc '), 'folded', { siteId: site.id }, 100), { total: 0, ranked: null });
      const none = await repo.countRanked(groupsOf('"xyz abc"'), 'folded', { siteId: site.id }, 100);
      assert.equal(none.total, 0);
      assert.deepEqual(none.ranked, dialect === 'postgres' ? [] : null);
      const other = await buildSite(t.db);
      assert.equal((await repo.countRanked(groupsOf('bão '), 'folded', { siteId: other.id }, 100)).total, 0);
    });
  });
}
