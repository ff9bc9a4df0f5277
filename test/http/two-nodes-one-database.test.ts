import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../src/db/database.ts';
import type { SiteRow } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { saveRelatedLinks } from '../../src/services/organisation/related-links.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { DIALECTS, openTwoNodes } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser, viewsOf } from '../support/factories.ts';

/**
 * Two apps, each on its own connection to one database, as two nodes are:
 * what one process keeps in memory must never outlive a change made through
 * the other (real processes on PostgreSQL: several-nodes.test.ts).
 */
for (const dialect of DIALECTS) {
  describe(`two nodes on one database [${dialect}]`, () => {
    let dir: string;
    let shared: Awaited<ReturnType<typeof openTwoNodes>>;
    let handles: DatabaseHandle[];
    let nodes: FastifyInstance[];
    let site: SiteRow;
    let admin: Actor;
    const home = (node: FastifyInstance) => node.inject({ url: '/', headers: { host: 'hai-nut.test' } });

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-nodes-'));
      shared = await openTwoNodes(dialect, dir);
      handles = shared.nodes;
      site = await buildSite(handles[0]!.db, { hosts: ['hai-nut.test'] });
      admin = (await buildUser(handles[0]!.db, site, 'site_admin')).actor;
      nodes = await Promise.all(
        handles.map((h) => buildApp({ db: h.db, config: { mediaDir: path.join(dir, 'media'), trustProxy: false, logLevel: 'silent' } })),
      );
      for (const node of nodes) await node.applyPageEvents();
    });
    after(async () => {
      for (const node of nodes) await node.close();
      await shared.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('related links saved through one node show on the home page of the other once it reads the page events', async () => {
      const [a, b] = nodes as [FastifyInstance, FastifyInstance];
      assert.equal((await home(b)).statusCode, 200);
      await saveRelatedLinks(handles[0]!.db, site.id, { links: [{ title: 'Cổng tỉnh Đồng Tháp', url: 'https://dongthap.gov.vn' }] }, admin);
      await b.applyPageEvents();
      assert.match((await home(b)).body, /Cổng tỉnh Đồng Tháp/);
      await a.applyPageEvents();
      assert.match((await home(a)).body, /Cổng tỉnh Đồng Tháp/);
    });

    it('article views counted on both nodes add up', async () => {
      const article = await buildArticle(handles[0]!.db, site, { title: 'Lịch tiêm chủng tháng 12' });
      const before = await viewsOf(handles[0]!.db, article);
      for (const node of nodes) await node.applyPageEvents();
      const read = (node: FastifyInstance) => node.inject({ url: `/bai-viet/${article.slug}`, headers: { host: 'hai-nut.test' } });
      for (let i = 0; i < 7; i++) assert.equal((await read(nodes[0]!)).statusCode, 200);
      for (let i = 0; i < 5; i++) assert.equal((await read(nodes[1]!)).statusCode, 200);
      const flushes = nodes.map((node, i) => () => node.views.flush(handles[i]!.db));
      // better-sqlite3 waits for the write lock synchronously: two connections of one process take turns here, as two processes would wait.
      if (dialect === 'postgres') await Promise.all(flushes.map((flush) => flush()));
      else for (const flush of flushes) await flush();
      assert.equal((await viewsOf(handles[0]!.db, article)) - before, 12);
    });
  });
}
