import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, DEMO_PROVINCE_SITE, DEMO_SITE } from '../../src/services/demo/demo-content.ts';
import { pageTags } from '../../src/services/pages/page-changes.ts';
import { type TestDatabase, openEmptyDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';
import { type PortalProcess, freePort, request, serveEnv, signIn, startPortal, stopPortal, waitForWorkers } from '../support/portal-process.ts';

/** What the product promises: a change published on one node shows on every other within one second. */
const VISIBLE_WITHIN_MS = 1_000;

/** One `xaphuong serve` process (not cluster mode) on a port of its own, with a data folder of its own, on a shared PostgreSQL. */
interface Node {
  port: number;
  dataDir: string;
  process: PortalProcess;
}

async function startNode(url: string, extra: NodeJS.ProcessEnv = {}): Promise<Node> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-node-'));
  return { port, dataDir, process: startPortal(['serve'], serveEnv(port, dataDir, 1, { DATABASE_URL: url, ...extra })) };
}

async function stopNode(node: Node): Promise<void> {
  await stopPortal(node.process);
  fs.rmSync(node.dataDir, { recursive: true, force: true });
}

/** One sign-in attempt through the real form; the reply's status. */
async function attempt(port: number, email: string, password: string): Promise<number> {
  const form = await request(port, '/quan-tri/dang-nhap');
  const cookie = String(form.headers['set-cookie']).split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const body = new URLSearchParams({ _csrf: csrf, email, password }).toString();
  return (
    await request(port, '/quan-tri/dang-nhap', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body,
      timeoutMs: 30_000,
    })
  ).status;
}

// Separate nodes share a database server: PostgreSQL only (on SQLite, one machine runs cluster mode).
describe('two nodes on one PostgreSQL [postgres]', () => {
  let pg: TestDatabase;
  let a: Node;
  let b: Node;

  before(async () => {
    pg = await openEmptyDatabase('postgres');
    // Both start at once on an empty database: one migrates and seeds the demo, the other waits.
    [a, b] = await Promise.all([startNode(pg.url!, { XAPHUONG_DEMO: '1' }), startNode(pg.url!, { XAPHUONG_DEMO: '1' })]);
    await Promise.all([waitForWorkers(a.port, a.process), waitForWorkers(b.port, b.process)]);
  });
  after(async () => {
    await Promise.all([a, b].filter(Boolean).map(stopNode));
    await pg.close();
  });

  it('started together on an empty database, the nodes made the demo site once', async () => {
    // The demo is a ward and its province's portal: each made once.
    const sites = await pg.db.selectFrom('sites').select('name').execute();
    assert.deepEqual(sites.map((s) => s.name).sort(), [DEMO_SITE.name, DEMO_PROVINCE_SITE.name].sort());
    for (const node of [a, b]) assert.equal((await request(node.port, '/')).status, 200);
  });

  it('a session opened on node A works on node B, its CSRF token too', async () => {
    const editor = await signIn(a.port, 'bientap@phuong1.demo');
    const account = await request(b.port, '/quan-tri/tai-khoan', { headers: { cookie: editor.cookie } });
    assert.equal(account.status, 200);
    const out = await request(b.port, '/quan-tri/dang-xuat', {
      method: 'POST',
      headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: editor.csrf }).toString(),
    });
    assert.equal(out.status, 303);
    // Signed out on B: A refuses the session too.
    assert.equal((await request(a.port, '/quan-tri/tai-khoan', { headers: { cookie: editor.cookie } })).status, 302);
  });

  it('failed sign-ins are counted across both nodes: the sixth is refused on either, even with the right password', async () => {
    const email = 'phongvien@phuong1.demo';
    for (let i = 0; i < 5; i++) assert.equal(await attempt(i % 2 ? b.port : a.port, email, 'sai-mat-khau'), 401);
    assert.equal(await attempt(b.port, email, DEMO_PASSWORD), 429);
    assert.equal(await attempt(a.port, email, DEMO_PASSWORD), 429);
  });

  it('an article published on node A is on node B’s cached home page within one second', async () => {
    // B keeps its home page.
    for (let i = 0; i < 3; i++) assert.equal((await request(b.port, '/')).status, 200);
    const editor = await signIn(a.port, 'bientap@phuong1.demo');
    const leader = await signIn(a.port, 'lanhdao@phuong1.demo');
    const categoryId = /<option value="(\d+)"[^>]*>Tin tức<\/option>/.exec(
      (await request(a.port, '/quan-tri/bai-viet/moi', { headers: { cookie: editor.cookie } })).body,
    )![1]!;
    const title = 'Lịch cắt điện khu phố 3 ngày 09/12';
    const post = (who: { cookie: string; csrf: string }, pathname: string, fields: Record<string, string>) =>
      request(a.port, pathname, {
        method: 'POST',
        headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
      });
    const created = await post(editor, '/quan-tri/bai-viet', { title, body_html: '<p>Điện lực thông báo.</p>', category_id: categoryId });
    assert.equal(created.status, 303);
    const id = /\/quan-tri\/bai-viet\/(\d+)/.exec(String(created.headers.location))![1]!;
    assert.equal((await post(editor, `/quan-tri/bai-viet/${id}/thao-tac`, { action: 'submit' })).status, 303);
    assert.equal((await request(b.port, '/')).body.includes(title), false);
    assert.equal((await post(leader, `/quan-tri/bai-viet/${id}/thao-tac`, { action: 'publish' })).status, 303);

    const deadline = Date.now() + VISIBLE_WITHIN_MS;
    for (;;) {
      if ((await request(b.port, '/')).body.includes(title)) break;
      assert.ok(Date.now() < deadline, 'node B kept its stale home page past one second');
      await new Promise((r) => setTimeout(r, 25));
    }
  });
});

describe('a node killed while publishing many scheduled articles [postgres]', () => {
  const ARTICLES = 400;
  let pg: TestDatabase;
  let nodes: Node[] = [];
  let siteId: number;
  let ids: number[];

  before(async () => {
    pg = await openTestDatabase('postgres');
    const site = await buildSite(pg.db, { hosts: ['lich-hen.test'] });
    siteId = site.id;
    ids = [];
    for (let i = 0; i < ARTICLES; i++) ids.push((await buildArticle(pg.db, site, { title: `Thông báo hẹn giờ số ${i + 1}` })).id);
    // All due at the same minute, as an editor schedules a batch for 07:00.
    await pg.db
      .updateTable('articles')
      .set({ status: 'scheduled', published_at: new Date(Date.now() - 1000).toISOString() })
      .where('site_id', '=', siteId)
      .execute();
    await pg.db.deleteFrom('audit_log').execute();
    await pg.db.deleteFrom('page_events').execute();
  });
  after(async () => {
    await Promise.all(nodes.map(stopNode));
    await pg.close();
  });

  it('every article is published exactly once: one audit row and one page event each, whatever the killed node had begun', async () => {
    const revisions = async () =>
      Number(
        (
          await pg.db
            .selectFrom('article_revisions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const revisionsBefore = await revisions();
    const published = async () =>
      Number(
        (
          await pg.db
            .selectFrom('articles')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('site_id', '=', siteId)
            .where('status', '=', 'published')
            .executeTakeFirstOrThrow()
        ).n,
      );
    // Each node runs the publishing job as it starts: both take the same due list at once.
    nodes = await Promise.all([startNode(pg.url!, { XAPHUONG_DEMO: '0' }), startNode(pg.url!, { XAPHUONG_DEMO: '0' })]);
    // The node to kill serves, so its publishing run (begun as it started listening) is under way.
    let killedServes = false;
    void waitForWorkers(nodes[0]!.port, nodes[0]!.process).then(() => (killedServes = true));
    let atKill = 0;
    for (const deadline = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 20))) {
      atKill = await published();
      if (killedServes && atKill >= ARTICLES / 10) break;
      assert.ok(Date.now() < deadline, `publishing did not start:\n${nodes.map((n) => n.process.stderr()).join('\n')}`);
    }
    nodes[0]!.process.child.kill('SIGKILL');
    assert.ok(atKill < ARTICLES, 'the node was killed while publishing was under way');

    // The survivor finishes: what the dead node had claimed but not committed was rolled back, and is published again once.
    for (const deadline = Date.now() + 120_000; (await published()) < ARTICLES; await new Promise((r) => setTimeout(r, 200))) {
      assert.ok(Date.now() < deadline, `not every article was published:\n${nodes[1]!.process.stderr()}`);
    }
    const audits = await pg.db.selectFrom('audit_log').select('target_id').where('action', '=', 'article.published').execute();
    const auditsPer = new Map<number, number>();
    for (const row of audits) auditsPer.set(Number(row.target_id), (auditsPer.get(Number(row.target_id)) ?? 0) + 1);
    const eventsPer = new Map<string, number>();
    for (const row of await pg.db.selectFrom('page_events').select('tags').execute())
      for (const tag of row.tags.split(' ')) eventsPer.set(tag, (eventsPer.get(tag) ?? 0) + 1);
    for (const id of ids) {
      assert.equal(auditsPer.get(id), 1, `article ${id}: audit rows`);
      assert.equal(eventsPer.get(pageTags.article(siteId, id)), 1, `article ${id}: page events`);
    }
    assert.equal(audits.length, ARTICLES);
    assert.equal(await revisions(), revisionsBefore, 'publishing on schedule writes no revision');
    assert.equal(nodes[1]!.process.child.exitCode, null, 'the other node still runs');
  });
});
