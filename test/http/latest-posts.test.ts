import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { SiteRow } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { pageTags, pagesChanged } from '../../src/services/pages/page-changes.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

/** The titles an article page lists under "Thông tin khác", in order. */
function otherTitles(page: string): string[] {
  const section = /<section class="other-posts"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
  return [...section.matchAll(/<a href="\/bai-viet\/[^"]+"(?: title="([^"]*)")?>([^<]*)<\/a>/g)].map((m) => m[1] ?? m[2] ?? '');
}

for (const dialect of DIALECTS) {
  describe(`"Thông tin khác" kept per site, with the page cache off [${dialect}]`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let site: SiteRow;
    let mediaDir: string;
    const posts: Array<{ id: number; slug: string }> = [];
    const get = (slug: string, headers: Record<string, string> = {}, host = 'tin-khac.test') =>
      app.inject({ url: `/bai-viet/${slug}`, headers: { host, ...headers } });

    before(async () => {
      t = await openTestDatabase(dialect);
      mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-media-'));
      site = await buildSite(t.db, { hosts: ['tin-khac.test'] });
      const other = await buildSite(t.db, { hosts: ['xa-ben-canh.test'] });
      for (let i = 1; i <= 10; i++) posts.push(await buildArticle(t.db, site, { title: `Bài ${i}`, publishedAt: new Date(Date.UTC(2024, 0, i)) }));
      await buildArticle(t.db, other, { title: 'Tin của xã bên cạnh', publishedAt: new Date(Date.UTC(2024, 0, 20)) });
      app = await buildApp({ db: t.db, config: { mediaDir, trustProxy: false, logLevel: 'silent', cacheBytes: 0 } });
      await app.applyPageEvents();
    });
    after(async () => {
      await app.close();
      await t.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    });

    it("lists the eight latest posts but the page's own, on every article page of the site", async () => {
      assert.deepEqual(otherTitles((await get(posts[9]!.slug)).body), ['Bài 9', 'Bài 8', 'Bài 7', 'Bài 6', 'Bài 5', 'Bài 4', 'Bài 3', 'Bài 2']);
      assert.deepEqual(otherTitles((await get(posts[0]!.slug)).body), ['Bài 10', 'Bài 9', 'Bài 8', 'Bài 7', 'Bài 6', 'Bài 5', 'Bài 4', 'Bài 3']);
      assert.deepEqual(otherTitles((await get(posts[4]!.slug)).body), ['Bài 10', 'Bài 9', 'Bài 8', 'Bài 7', 'Bài 6', 'Bài 4', 'Bài 3', 'Bài 2']);
      assert.equal(app.latestPosts.size, 1, 'one list for the site');
    });

    it("keeps a site's list until a page event names it, and signed-in staff read it fresh", async () => {
      await get(posts[1]!.slug);
      // A change that records no page event (as no command does): the kept list does not see it.
      await t.db.updateTable('articles').set({ title: 'Bài 10, đã sửa' }).where('id', '=', posts[9]!.id).execute();
      assert.equal(otherTitles((await get(posts[2]!.slug)).body)[0], 'Bài 10');
      assert.equal(otherTitles((await get(posts[2]!.slug, { cookie: 'xp_session=bat-ky' })).body)[0], 'Bài 10, đã sửa');

      await pagesChanged(t.db, [pageTags.others(site.id)]);
      await app.applyPageEvents();
      assert.equal(otherTitles((await get(posts[2]!.slug)).body)[0], 'Bài 10, đã sửa');
    });

    it('publishing drops the list, and another site keeps its own', async () => {
      const neighbour = otherTitles(
        (
          await get(
            (await t.db.selectFrom('articles').select('slug').where('title', '=', 'Tin của xã bên cạnh').executeTakeFirstOrThrow()).slug,
            {},
            'xa-ben-canh.test',
          )
        ).body,
      );
      assert.deepEqual(neighbour, [], 'the only post of its site lists no other');
      await buildArticle(t.db, site, { title: 'Tin mới đăng', publishedAt: new Date(Date.UTC(2024, 1, 1)) });
      await app.applyPageEvents();
      assert.equal(otherTitles((await get(posts[0]!.slug)).body)[0], 'Tin mới đăng');
      assert.doesNotMatch((await get(posts[0]!.slug)).body, /Tin của xã bên cạnh/);
    });

    it('does not keep a list read while a page event was being applied', async () => {
      app.latestPosts.clear();
      const reading = app.latestPosts.others(t.db, site.id, new Date().toISOString(), posts[0]!.id);
      app.latestPosts.invalidate([pageTags.others(site.id)]);
      assert.equal((await reading).length, 8);
      assert.equal(app.latestPosts.size, 0);
      await app.latestPosts.others(t.db, site.id, new Date().toISOString(), posts[0]!.id);
      assert.equal(app.latestPosts.size, 1);
    });

    it('the print view and the API read no list', async () => {
      app.latestPosts.clear();
      assert.equal((await app.inject({ url: `/bai-viet/${posts[3]!.slug}/in`, headers: { host: 'tin-khac.test' } })).statusCode, 200);
      assert.equal((await app.inject({ url: `/api/v1/articles/${posts[3]!.slug}`, headers: { host: 'tin-khac.test' } })).statusCode, 200);
      assert.equal(app.latestPosts.size, 0);
    });
  });
}
