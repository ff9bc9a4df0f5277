import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { openSqlite } from '../../src/db/database.ts';
import { SAMPLE_PAGE } from '../../src/services/demo/seed-demo.ts';
import {
  type PortalProcess,
  type Reply,
  freePort,
  outcome,
  questionPoster,
  questionSender,
  request,
  runLoad,
  serveEnv,
  signIn,
  startPortal,
  stopPortal,
  waitForWorkers,
} from '../support/portal-process.ts';

/** How long the writes go on at the least; longer while the CLI still imports. */
const LOAD_MS = 6_000;

describe('SQLite with two workers and the CLI writing at once', () => {
  let portal: PortalProcess;
  let port: number;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    port = await freePort();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-writers-'));
    env = serveEnv(port, dataDir, 2, { XAPHUONG_DEMO: '1', TRUST_PROXY: '1' });
    portal = startPortal(['serve'], env);
    await waitForWorkers(port, portal, 2);
  });

  after(async () => {
    await stopPortal(portal);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** An editor signed in, with an article of their own to save again and again through the editor's form. */
  async function editor(email: string) {
    const who = await signIn(port, email);
    const headers = { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const blank = await request(port, '/quan-tri/bai-viet/moi', { headers: { cookie: who.cookie } });
    const categoryId = /<option value="(\d+)"[^>]*>Tin tức<\/option>/.exec(blank.body)![1]!;
    const form = (fields: Record<string, string>) => new URLSearchParams({ _csrf: who.csrf, category_id: categoryId, ...fields }).toString();
    const created = await request(port, '/quan-tri/bai-viet', {
      method: 'POST',
      headers,
      body: form({ title: `Bài của ${email}`, body_html: '<p>Bản đầu.</p>' }),
      timeoutMs: 60_000,
    });
    assert.equal(created.status, 303, created.body);
    const url = String(created.headers.location).split('?')[0]!;
    let saves = 0;
    return () => {
      saves += 1;
      return outcome(
        request(port, url, { method: 'POST', headers, body: form({ title: `Bài của ${email}`, body_html: `<p>Lần lưu ${saves}.</p>` }), timeoutMs: 60_000 }),
      );
    };
  }

  it('residents posting questions, two editors saving and import-text all succeed: no write refused, none lost', async () => {
    const post = await questionPoster(port);
    const saves = [await editor('bientap@phuong1.demo'), await editor('lanhdao@phuong1.demo')];
    let cliDone = false;
    const started = Date.now();
    const done = () => cliDone && Date.now() - started > LOAD_MS;
    const imports = (async () => {
      const results: Array<number | string> = [];
      for (let i = 0; i < 3; i++) {
        const cli = startPortal(['import-text', SAMPLE_PAGE, '--site', 'localhost'], env);
        const code = await cli.exited;
        results.push(code === 0 ? 0 : `${code}: ${cli.stderr()}`);
      }
      cliDone = true;
      return results;
    })();
    const [questions, edits, cli] = await Promise.all([runLoad(4, post, done), runLoad(2, () => saves[Math.floor(Math.random() * 2)]!(), done), imports]);
    assert.deepEqual(cli, [0, 0, 0], 'import-text');
    assert.deepEqual([...questions.keys()], ['303'], `question posts: ${JSON.stringify([...questions])}`);
    assert.deepEqual([...edits.keys()], ['303'], `editors' saves: ${JSON.stringify([...edits])}`);

    // Every acknowledged question is stored.
    const db = openSqlite(path.join(dataDir, 'xaphuong.sqlite'));
    try {
      const stored = await db.db
        .selectFrom('questions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // The demo ward carries one answered question of its own.
      assert.equal(Number(stored.n), questions.get('303')! + 1);
    } finally {
      await db.close();
    }
  });

  it('a write that cannot get the lock in time answers 503 database_busy with a retry hint, never 500, and goes through once the lock is free', async () => {
    const send = await questionSender(port);
    // Another process holding the write lock for longer than the portal's busy wait, as a long import might.
    const holder = new SQLite(path.join(dataDir, 'xaphuong.sqlite'));
    holder.pragma('busy_timeout = 30000');
    holder.exec('begin immediate');
    let json: Reply;
    let page: Reply;
    try {
      [json, page] = await Promise.all([send({ accept: 'application/json' }), send({ accept: 'text/html' })]);
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    assert.equal(json.status, 503, json.body);
    assert.equal(JSON.parse(json.body).error.code, 'database_busy');
    assert.ok(Number(json.headers['retry-after']) > 0, 'a retry hint');
    assert.equal(page.status, 503);
    assert.match(page.body, /<html lang="vi"/);
    assert.ok(Number(page.headers['retry-after']) > 0, 'a retry hint');
    assert.equal((await send()).status, 303);
  });
});
