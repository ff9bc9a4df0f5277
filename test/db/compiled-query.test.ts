import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { CompiledOnce } from '../../src/db/compiled-query.ts';
import { inTransaction } from '../../src/db/database.ts';
import type { Database, SiteRow } from '../../src/db/schema.ts';
import { ArticleRepository } from '../../src/repositories/article-repository.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

/** A query with a value in where, in limit and in offset, as the hot article queries have. */
const build = (db: Kysely<Database>, a: { siteId: number; title: string; limit: number; offset: number }) =>
  db
    .selectFrom('articles')
    .select(['id', 'title', 'site_id'])
    .where('site_id', '=', a.siteId)
    .where('title', '!=', a.title)
    .where('status', '=', 'published')
    .orderBy('id')
    .limit(a.limit)
    .offset(a.offset);

for (const dialect of DIALECTS) {
  describe(`a query compiled once [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let other: SiteRow;
    const query = new CompiledOnce(['siteId', 'title', 'limit', 'offset'], build);

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      other = await buildSite(t.db);
      for (let i = 0; i < 6; i++) await buildArticle(t.db, site, { title: `Tin của phường số ${i}` });
      for (let i = 0; i < 2; i++) await buildArticle(t.db, other, { title: `Tin của xã bên số ${i}` });
    });
    after(() => t.close());

    it('gives the same rows as building the query each time, whatever the values', async () => {
      for (const args of [
        { siteId: site.id, title: 'Tin của phường số 2', limit: 3, offset: 0 },
        { siteId: site.id, title: 'không có', limit: 10, offset: 2 },
        { siteId: other.id, title: 'Tin của xã bên số 0', limit: 5, offset: 0 },
        { siteId: site.id, title: "O'Brien 'quoted' slot:title", limit: 1, offset: 5 },
      ]) {
        assert.deepEqual(await query.execute(t.db, args), await build(t.db, args).execute(), JSON.stringify(args));
      }
      const mine = await query.execute(t.db, { siteId: site.id, title: '', limit: 100, offset: 0 });
      assert.equal(mine.length, 6);
      assert.ok(mine.every((row) => row.site_id === site.id));
    });

    it('runs inside a transaction, on the transaction', async () => {
      await assert.rejects(
        inTransaction(t.db, async (trx) => {
          await trx.updateTable('articles').set({ title: 'Đổi trong giao dịch' }).where('site_id', '=', other.id).execute();
          const rows = await query.execute(trx, { siteId: other.id, title: '', limit: 10, offset: 0 });
          assert.deepEqual(
            rows.map((r) => r.title),
            ['Đổi trong giao dịch', 'Đổi trong giao dịch'],
          );
          throw new Error('hoàn lại');
        }),
        /hoàn lại/,
      );
      const after = await query.execute(t.db, { siteId: other.id, title: '', limit: 10, offset: 0 });
      assert.deepEqual(
        after.map((r) => r.title),
        ['Tin của xã bên số 0', 'Tin của xã bên số 1'],
      );
    });

    it('the article page reads its article and its "Thông tin khác" through it, site by site', async () => {
      const now = new Date(Date.UTC(2030, 0, 1)).toISOString();
      const repo = new ArticleRepository(t.db, site.id);
      const latest = await repo.listPublished(now, {}, 6);
      const found = await repo.findPublishedBySlug(latest[1]!.slug, now);
      assert.equal(found?.title, latest[1]!.title);
      assert.equal(found?.view_count, 0);
      assert.equal(await new ArticleRepository(t.db, other.id).findPublishedBySlug(latest[1]!.slug, now), undefined, "another site's slug");
      assert.equal(await repo.findPublishedBySlug(latest[1]!.slug, new Date(Date.UTC(2000, 0, 1)).toISOString()), undefined, 'not yet published then');
      const others = await repo.listOtherPosts(now, latest[1]!.id, 3);
      assert.deepEqual(
        others.map((o) => o.id),
        [latest[0]!.id, latest[2]!.id, latest[3]!.id],
      );
    });

    it('listings and counts compiled per shape of filter take each call its own values', async () => {
      const now = new Date(Date.UTC(2030, 0, 1)).toISOString();
      const mine = new ArticleRepository(t.db, site.id);
      const theirs = new ArticleRepository(t.db, other.id);
      const all = await mine.listPublished(now, {}, 100);
      const news = await t.db.selectFrom('categories').select('id').where('site_id', '=', site.id).where('slug', '=', 'tin-tuc').executeTakeFirstOrThrow();
      for (let round = 0; round < 3; round++) {
        assert.deepEqual(
          (await mine.listPublished(now, { excludeId: all[round]!.id }, 2)).map((a) => a.id),
          all
            .filter((_, i) => i !== round)
            .slice(0, 2)
            .map((a) => a.id),
        );
        assert.deepEqual(
          (await mine.listPublished(now, {}, 2, round)).map((a) => a.id),
          all.slice(round, round + 2).map((a) => a.id),
        );
        assert.equal((await theirs.listPublished(now, {}, 100)).length, 2);
        assert.equal(await mine.countPublished(now, { categoryId: news.id }), 6);
        assert.equal(await theirs.countPublished(now, { categoryId: news.id }), 0, "the other site's articles are not in this site's category");
        assert.equal(await mine.countPublished(now, { categoryKind: 'news' }), 6);
        assert.equal(await mine.countPublished(new Date(Date.UTC(2000, 0, 1)).toISOString(), { categoryKind: 'news' }), 0);
        assert.equal((await mine.listPublished(now, { featuredOnly: true }, 10)).length, 0);
        assert.deepEqual(
          (await mine.listPublished(now, { foldedWords: ['phuong so 3'] }, 10)).map((a) => a.title),
          ['Tin của phường số 3'],
        );
      }
    });

    it('refuses a query where an argument does not reach the SQL as a value', async () => {
      const branching = new CompiledOnce(['siteId', 'kind'], (db, a: { siteId: number; kind: string }) => {
        const q = db.selectFrom('categories').select('id').where('site_id', '=', a.siteId);
        // Chooses what to build from the value: compiled once, it would keep the first choice for every value.
        return a.kind === 'news' ? q.where('kind', '=', a.kind) : q;
      });
      await assert.rejects(branching.execute(t.db, { siteId: site.id, kind: 'news' }), /kind never reach/);
    });
  });
}
