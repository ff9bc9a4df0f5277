import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../src/db/schema.ts';
import { GAP_WAIT_MS, PageEventFollower } from '../../src/http/cache/page-events.ts';
import { PageEventRepository } from '../../src/repositories/page-event-repository.ts';
import { pageTags, pagesChanged } from '../../src/services/pages/page-changes.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';

// Only PostgreSQL lets two transactions write at once; on SQLite writers take turns, so events always commit in id order.
describe('page events committed out of id order [postgres]', () => {
  let h: TestApp;
  let site: SiteRow;
  let other: SiteRow;
  const cached = (host: string) => Boolean(h.app.pageCache.get(`http://${host}/`));

  before(async () => {
    h = await openTestApp('postgres');
    site = await buildSite(h.t.db, { hosts: ['thu-tu.test'] });
    other = await buildSite(h.t.db, { hosts: ['xa-khac.test'] });
    await buildArticle(h.t.db, site, { title: 'Tin đầu tiên' });
    await h.app.applyPageEvents();
  });
  after(() => h.close());

  /** Runs `write` in a transaction that stays open until the returned commit() is called. */
  async function openTransaction(write: (trx: Kysely<Database>) => Promise<void>) {
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const done = h.t.db.transaction().execute(async (trx) => {
      await write(trx);
      written();
      await held;
    });
    await wrote;
    return async () => {
      commit();
      await done;
    };
  }

  it('an event that commits after a later one was read still drops its pages', async () => {
    for (const host of ['thu-tu.test', 'xa-khac.test']) assert.equal((await h.app.inject({ url: '/', headers: { host } })).statusCode, 200);
    assert.ok(cached('thu-tu.test') && cached('xa-khac.test'));

    // The slow transaction takes the lower id, the quick one the next, and commits first.
    const commitSlow = await openTransaction((trx) => pagesChanged(trx, [pageTags.home(site.id)]));
    await pagesChanged(h.t.db, [pageTags.home(other.id)]);
    await h.app.applyPageEvents();
    assert.equal(cached('xa-khac.test'), false);
    assert.equal(cached('thu-tu.test'), true, 'the slow event is not committed yet');

    await commitSlow();
    await h.app.applyPageEvents();
    assert.equal(cached('thu-tu.test'), false, 'the late event was applied');
  });

  it('each event is applied once, and an id never committed is given up after the wait', async () => {
    const follower = new PageEventFollower(new PageEventRepository(h.t.db));
    await follower.start();
    const rolledBack = h.t.db.transaction().execute(async (trx) => {
      await pagesChanged(trx, ['bo-di']);
      throw new Error('rollback');
    });
    await assert.rejects(rolledBack);
    await pagesChanged(h.t.db, ['sau']);
    const now = Date.now();
    assert.deepEqual(await follower.next(now), [['sau']]);
    assert.deepEqual(await follower.next(now + 1000), [], 'nothing twice, the rolled-back id still awaited');
    await pagesChanged(h.t.db, ['cuoi']);
    assert.deepEqual(await follower.next(now + GAP_WAIT_MS + 1), [['cuoi']]);
    assert.deepEqual(await follower.next(now + GAP_WAIT_MS + 2), []);
  });
});

for (const dialect of DIALECTS) {
  describe(`page events written before the app is ready [${dialect}]`, () => {
    let h: TestApp;
    before(async () => {
      h = await openTestApp(dialect);
    });
    after(() => h.close());

    it('concern no page its cache holds, so a page rendered once ready stays cached', async () => {
      // Longer than the poll's period: a poll running before the app is ready would start following here, ahead of the article.
      await setTimeout(400);
      const site = await buildSite(h.t.db, { hosts: ['truoc-khi-san-sang.test'] });
      const { slug } = await buildArticle(h.t.db, site, { title: 'Tin viết trước khi sẵn sàng' });
      await h.app.ready();
      const url = `/bai-viet/${slug}`;
      assert.equal((await h.app.inject({ url, headers: { host: 'truoc-khi-san-sang.test' } })).statusCode, 200);
      assert.equal(await h.app.applyPageEvents(), 0, 'the article’s own event was written before the app listened');
      assert.ok(h.app.pageCache.peek(`http://truoc-khi-san-sang.test${url}`), 'the page is still cached');
    });
  });
}
