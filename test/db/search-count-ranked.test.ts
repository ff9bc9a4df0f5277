import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { COUNT_CAP, type MatchForm, type SearchFilter, SearchRepository } from '../../src/repositories/search-repository.ts';
import { parseQuery } from '../../src/services/search/query.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, indexNewsItems } from '../support/factories.ts';

/**
 * countRanked: the count of a search in each form, stopped past COUNT_CAP,
 * and, for a phrase on PostgreSQL below the cap, its best candidates from
 * the same pass, exactly as candidates() ranks them.
 */

const DOCS = COUNT_CAP + 3;
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
      // Apart by a minute each: candidates order by relevance, then date, so ties never depend on the plan.
      await indexNewsItems(t.db, site.id, DOCS, 60_000, (i) => ({
        title: unaccented(i) ? `Tin bao so ${i} cua phuong` : `Thông báo bão số ${i}${i % 7 === 0 ? ' của Ủy ban nhân dân' : ''}`,
        body: i % 2 === 0 ? 'Ủy ban nhân dân phường họp bàn phòng chống bão.' : 'Ủy ban phường họp với nhân dân về mùa mưa.',
      }));
      repo = new SearchRepository(t.db);
    });
    after(() => t.close());

    it('counts the matches of each form, a word by count alone: folded ones up to the cap, accented ones where the diacritics are as typed', async () => {
      const folded = await repo.countRanked(groupsOf('bão '), 'folded', { siteId: site.id }, 100);
      const accented = await repo.countRanked(groupsOf('bão '), 'accented', { siteId: site.id }, 100);
      assert.deepEqual([folded.total, folded.capped], [COUNT_CAP, true], 'all 1.003 titles match: the count stops at the cap');
      assert.equal(accented.capped, false);
      // "bão" as typed: in every accented title, and in the even bodies ("phòng chống bão").
      assert.equal(accented.total, Array.from({ length: DOCS }, (_, i) => i).filter((i) => !unaccented(i) || i % 2 === 0).length);
      assert.equal(repo.ranksAsItCounts(groupsOf('bão ')), false, 'the index alone answers a word: candidates ranks');
      assert.equal(folded.ranked, null);
      assert.equal(accented.ranked, null);
    });

    it('ranks a phrase as it counts on PostgreSQL below the cap, as candidates would, and leaves ranking to candidates past it', async () => {
      // "bão số": folded in all 1.003 titles ("bao so" too), as typed in the 668 accented ones.
      const groups = groupsOf('"bão số"');
      const folded = await repo.countRanked(groups, 'folded', { siteId: site.id }, 100);
      const accented = await repo.countRanked(groups, 'accented', { siteId: site.id }, 100);
      assert.deepEqual([folded.total, folded.capped], [COUNT_CAP, true]);
      assert.deepEqual([accented.total, accented.capped], [Array.from({ length: DOCS }, (_, i) => i).filter((i) => !unaccented(i)).length, false]);
      assert.equal(repo.ranksAsItCounts(groups), dialect === 'postgres');
      assert.equal(folded.ranked, null, 'past the cap, the newest matches are ranked, not the ones counted');
      if (dialect === 'sqlite') return;
      assert.deepEqual(ids(accented.ranked!), ids(await repo.candidates(groups, 'accented', { siteId: site.id }, 100, false)));
      assert.equal(accented.ranked!.length, 100);
      assert.ok(accented.ranked!.every((c) => c.body === '' && typeof c.relevance === 'number' && !('total' in c)));
    });

    it('past the cap, ranks the newest matches with the words in their title, then the newest of the rest', async () => {
      const pool = await repo.candidates(groupsOf('phuong '), 'folded', { siteId: site.id }, 50, true);
      // "phuong" is in every body, and in the titles written without diacritics ("… cua phuong").
      const titled = pool.filter((c) => c.relevance === 1);
      assert.equal(titled.length, 50);
      assert.ok(titled.every((c) => / phuong$/.test(c.title)));
      const newestTitled = Array.from({ length: DOCS }, (_, i) => i)
        .filter(unaccented)
        .reverse()
        .slice(0, 50)
        .map((i) => `/bai-viet/tin-${i}`);
      assert.deepEqual(
        titled.map((c) => c.path),
        newestTitled,
      );
      const rest = pool.filter((c) => c.relevance === 0);
      const newest = Array.from({ length: DOCS }, (_, i) => i)
        .reverse()
        .slice(0, 50)
        .filter((i) => !unaccented(i))
        .map((i) => `/bai-viet/tin-${i}`);
      assert.deepEqual(
        rest.map((c) => c.path),
        newest,
        'the newest 50 matches, less those already in the pool by title',
      );
      // Asked for more titles than the newest items hold: on PostgreSQL the titles of the newest 500 items of the site only.
      const all = (await repo.candidates(groupsOf('phuong '), 'folded', { siteId: site.id }, 400, true)).filter((c) => c.relevance === 1);
      const newest500 = Array.from({ length: DOCS }, (_, i) => i).slice(dialect === 'postgres' ? -500 : 0);
      assert.deepEqual(
        all.map((c) => c.path),
        newest500
          .filter(unaccented)
          .reverse()
          .map((i) => `/bai-viet/tin-${i}`),
      );
    });

    it('past the cap over several sites, ranks the newest matches of all of them, each site by its own words', async () => {
      const newer = await buildSite(t.db);
      await new SearchRepository(t.db).upsert(
        {
          siteId: newer.id,
          source: 'article',
          refId: DOCS + 1,
          kind: 'news',
          categoryId: null,
          publishedAt: new Date(Date.UTC(2025, 0, 1)).toISOString(),
          title: 'Tin bão số 1 của xã mới',
          body: 'Ủy ban nhân dân xã họp.',
          path: '/bai-viet/xa-moi',
        },
        new Date().toISOString(),
      );
      const filter = { siteId: site.id, siteIds: [site.id, newer.id] };
      for (const q of ['bão ', '"bão số"']) {
        const count = await repo.countRanked(groupsOf(q), 'folded', filter, 100);
        assert.deepEqual([count.total, count.capped], [COUNT_CAP, true]);
        const pool = await repo.candidates(groupsOf(q), 'folded', filter, 10, true);
        assert.equal(pool[0]!.path, '/bai-viet/xa-moi', `the newest of every site first (${q})`);
        assert.deepEqual(
          pool.slice(1, 10).map((c) => c.path),
          Array.from({ length: 9 }, (_, k) => `/bai-viet/tin-${DOCS - 1 - k}`),
        );
      }
    });

    it('past the cap, finds the newest matches however thinly they lie among the newest items, the newest first', async () => {
      const thin = await buildSite(t.db);
      const items = 1200;
      // "đê" in every 15th item: the newest 500 hold 33 of them; "cống" in the 5 oldest only.
      const thinRepo = new SearchRepository(t.db);
      // Ids past the first site's, which the index keys by source and id.
      await indexNewsItems(
        t.db,
        thin.id,
        items,
        60_000,
        (i) => ({ title: `Tin số ${i}`, body: `${i % 15 === 0 ? 'Gia cố đê bao. ' : ''}${i < 5 ? 'Nạo vét cống. ' : ''}Phường thông báo.` }),
        { firstRef: 100_000 },
      );
      const newestOf = (holds: (i: number) => boolean, n: number) =>
        Array.from({ length: items }, (_, i) => i)
          .filter(holds)
          .reverse()
          .slice(0, n)
          .map((i) => `/bai-viet/tin-${i}`);
      const paths = async (q: string, limit: number) =>
        (await thinRepo.candidates(groupsOf(q), 'folded', { siteId: thin.id }, limit, true)).filter((c) => c.relevance === 0).map((c) => c.path);
      assert.deepEqual(
        await paths('đê ', 50),
        newestOf((i) => i % 15 === 0, 50),
        'more than the newest 500 items hold',
      );
      assert.deepEqual(
        await paths('cống ', 50),
        newestOf((i) => i < 5, 50),
        'none among the newest items: every match, sorted by date',
      );
    });

    it('past the cap over several sites, finds matches no newest item holds, by date across the sites, each site by its own words', async () => {
      const east = await buildSite(t.db);
      const west = await buildSite(t.db);
      // 1.100 items a site, a minute apart, the west's half a minute after the east's: "cống" only in each site's 4 oldest.
      for (const [s, one] of [east, west].entries()) {
        await indexNewsItems(t.db, one.id, 1100, 60_000, (i) => ({ title: `Tin số ${i}`, body: `${i < 4 ? 'Nạo vét cống. ' : ''}Phường thông báo.` }), {
          firstRef: 200_000 + s * 10_000,
          from: Date.UTC(2023, 0, 1) + s * 30_000,
          kind: (i) => (i % 2 ? 'notice' : 'news'),
          path: (i) => `/${s}/${i}`,
        });
      }
      const both = { siteId: east.id, siteIds: [east.id, west.id] };
      const paths = async (q: string, filter: SearchFilter = both, form: MatchForm = 'folded') =>
        (await repo.candidates(groupsOf(q), form, filter, 50, true)).filter((c) => c.relevance === 0).map((c) => c.path);
      const newestFirst = ['/1/3', '/0/3', '/1/2', '/0/2', '/1/1', '/0/1', '/1/0', '/0/0'];
      for (const q of ['cống ', 'nạo vét cống ', 'cong', 'nao ve', '"vét cống"']) assert.deepEqual(await paths(q), newestFirst, q);
      assert.deepEqual(await paths('vét cống ', both, 'accented'), newestFirst, 'with diacritics');
      assert.deepEqual(await paths('cống ', { ...both, kind: 'notice' }), ['/1/3', '/0/3', '/1/1', '/0/1'], 'of a kind');
      assert.deepEqual(await paths('cống ', { siteId: west.id }), ['/1/3', '/1/2', '/1/1', '/1/0'], 'one site of them');
      assert.deepEqual(await paths('cống ', { siteId: site.id, siteIds: [site.id, west.id] }), ['/1/3', '/1/2', '/1/1', '/1/0'], 'with a site that has none');
    });

    it('counts a phrase where its words stand together, not merely in the same text', async () => {
      const phrase = await repo.countRanked(groupsOf('"ủy ban nhân dân"'), 'folded', { siteId: site.id }, 100);
      assert.equal(phrase.total, Array.from({ length: DOCS }, (_, i) => i).filter((i) => i % 2 === 0 || (i % 7 === 0 && !unaccented(i))).length);
      if (dialect === 'postgres') {
        assert.deepEqual(ids(phrase.ranked!), ids(await repo.candidates(groupsOf('"ủy ban nhân dân"'), 'folded', { siteId: site.id }, 100, false)));
        // A phrase in the title weighs more than one in the body only.
        const first = phrase.ranked![0]!;
        assert.match(first.title, /Ủy ban nhân dân/);
      }
    });

    it('finds nothing for words the site does not hold, and another site has none of these', async () => {
      assert.deepEqual(await repo.countRanked(groupsOf('xyzabc '), 'folded', { siteId: site.id }, 100), { total: 0, capped: false, ranked: null });
      const none = await repo.countRanked(groupsOf('"xyz abc"'), 'folded', { siteId: site.id }, 100);
      assert.equal(none.total, 0);
      assert.deepEqual(none.ranked, dialect === 'postgres' ? [] : null);
      const other = await buildSite(t.db);
      assert.equal((await repo.countRanked(groupsOf('bão '), 'folded', { siteId: other.id }, 100)).total, 0);
    });
  });
}
