import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { type PostgresServer, startPostgres } from '../../scripts/postgres-server.mjs';
import { freePort, outcome, questionPoster, request, runLoad, serveEnv, startPortal, stopPortal, waitForWorkers } from '../support/portal-process.ts';

/** How long PostgreSQL stays stopped. */
const AWAY_MS = 3_000;

/** A new empty database on the private server, and its URL. */
async function createDatabase(server: PostgresServer): Promise<string> {
  const name = `xr_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Polls until `check` holds, for at most `ms`. */
async function eventually(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, what);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('PostgreSQL stopped and started again under load', () => {
  // A server of its own, which this test stops and starts: the run's shared one stays up for the other tests.
  let server: PostgresServer;
  before(async () => {
    server = await startPostgres();
  });
  after(() => server.remove());

  for (const workers of [1, 2]) {
    it(`with ${workers} process(es): requests get 503 while it is away, /healthz says so, and the portal comes back by itself`, async () => {
      const port = await freePort();
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-pg-restart-'));
      const portal = startPortal(
        ['serve'],
        serveEnv(port, dataDir, workers, { XAPHUONG_DEMO: '1', XAPHUONG_CACHE_MB: '0', TRUST_PROXY: '1', DATABASE_URL: await createDatabase(server) }),
      );
      let exited = false;
      void portal.exited.then(() => (exited = true));
      let stop = false;
      let away = false;
      try {
        await waitForWorkers(port, portal, workers);
        const post = await questionPoster(port);
        const load = Promise.all([
          runLoad(2, post, () => stop),
          runLoad(
            2,
            () => outcome(request(port, '/hoi-dap', { timeoutMs: 60_000 })),
            () => stop,
          ),
          runLoad(
            1,
            () => outcome(request(port, '/api/v1/articles', { timeoutMs: 60_000 })),
            () => stop,
          ),
        ]);
        await new Promise((r) => setTimeout(r, 1_500));

        server.stop();
        away = true;
        const awayUntil = Date.now() + AWAY_MS;
        const health = await request(port, '/healthz');
        assert.equal(health.status, 503);
        assert.equal(JSON.parse(health.body).error.code, 'database_unavailable');
        const api = await request(port, '/api/v1/articles');
        assert.equal(api.status, 503);
        assert.equal(JSON.parse(api.body).error.code, 'database_unavailable');
        assert.ok(Number(api.headers['retry-after']) > 0, 'a retry hint');
        const page = await request(port, '/hoi-dap', { headers: { accept: 'text/html' } });
        assert.equal(page.status, 503);
        assert.match(String(page.headers['content-type']), /^text\/html/);
        assert.match(page.body, /<html lang="vi"/);
        await new Promise((r) => setTimeout(r, Math.max(0, awayUntil - Date.now())));

        server.start();
        away = false;
        await eventually('the portal did not come back after PostgreSQL did', 60_000, async () => (await outcome(request(port, '/healthz'))) === '200');
        await eventually('a question could not be posted after PostgreSQL came back', 60_000, async () => (await post()) === '303');
        stop = true;
        const [posts, pages, apis] = await load;

        assert.equal(exited, false, `the portal exited:\n${portal.stderr()}`);
        assert.doesNotMatch(portal.stderr(), /Tiến trình \d+ dừng/, 'no worker died');
        // Only answers: served, or 503 while the database was away; never a 500, a reset or a hang.
        assert.deepEqual(
          [...posts.keys()].filter((k) => k !== '303' && k !== '503'),
          [],
          JSON.stringify([...posts]),
        );
        assert.deepEqual(
          [...pages.keys()].filter((k) => k !== '200' && k !== '503'),
          [],
          JSON.stringify([...pages]),
        );
        assert.deepEqual(
          [...apis.keys()].filter((k) => k !== '200' && k !== '503'),
          [],
          JSON.stringify([...apis]),
        );
        assert.ok((posts.get('503') ?? 0) + (pages.get('503') ?? 0) > 0, 'the load ran while the database was away');
      } finally {
        stop = true;
        if (away) server.start();
        await stopPortal(portal);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});
