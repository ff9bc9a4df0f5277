import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';
import { type PortalProcess, freePort, request, signIn, startPortal, stopPortal, waitForWorkers } from '../support/portal-process.ts';

for (const dialect of DIALECTS) {
  describe(`cluster mode: two workers on one port [${dialect}]`, () => {
    let server: PortalProcess;
    let port: number;
    let dataDir: string;
    let pg: TestDatabase | undefined;

    before(async () => {
      port = await freePort();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-cluster-'));
      const env: NodeJS.ProcessEnv = { PORT: String(port), HOST: '127.0.0.1', XAPHUONG_DATA: dataDir, XAPHUONG_WORKERS: '2', XAPHUONG_DEMO: '1' };
      if (dialect === 'postgres') {
        pg = await openEmptyDatabase('postgres');
        env.DATABASE_URL = pg.url;
      }
      server = startPortal(['serve'], env);
      // Ready when both workers answer.
      await waitForWorkers(port, server, 2);
    });

    after(async () => {
      await stopPortal(server);
      await pg?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('requests are spread over two worker processes', async () => {
      const pids = new Set<number>();
      for (let i = 0; i < 30; i++) pids.add(JSON.parse((await request(port, '/healthz')).body).pid);
      assert.equal(pids.size, 2);
      assert.ok(![...pids].includes(server.child.pid!), 'the primary does not serve');
    });

    it('a session opened on one worker works on the other, and an article published there shows on every worker', async () => {
      for (let i = 0; i < 6; i++) assert.equal((await request(port, '/')).status, 200); // warm both caches
      const reporter = await signIn(port, 'phongvien@phuong1.demo');
      const categoryId = /<option value="(\d+)"[^>]*>Tin tức<\/option>/.exec(
        (await request(port, '/quan-tri/bai-viet/moi', { headers: { cookie: reporter.cookie } })).body,
      )![1]!;
      const form = (fields: Record<string, string>, csrf: string) => new URLSearchParams({ _csrf: csrf, ...fields }).toString();
      const created = await request(port, '/quan-tri/bai-viet', {
        method: 'POST',
        headers: { cookie: reporter.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ title: 'Thông báo khẩn về bão số 9', body_html: '<p>Người dân chằng chống nhà cửa.</p>', category_id: categoryId }, reporter.csrf),
      });
      assert.equal(created.status, 303);
      const id = /\/quan-tri\/bai-viet\/(\d+)/.exec(String(created.headers.location))![1]!;
      const act = (who: { cookie: string; csrf: string }, action: string) =>
        request(port, `/quan-tri/bai-viet/${id}/thao-tac`, {
          method: 'POST',
          headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: form({ action }, who.csrf),
        });
      assert.equal((await act(reporter, 'submit')).status, 303);
      const leader = await signIn(port, 'lanhdao@phuong1.demo');
      assert.equal((await act(leader, 'publish')).status, 303);

      // Every worker drops its cached home page within its polling interval.
      const deadline = Date.now() + 5_000;
      for (;;) {
        const pages = await Promise.all(Array.from({ length: 6 }, () => request(port, '/')));
        if (pages.every((p) => p.body.includes('Thông báo khẩn về bão số 9'))) break;
        assert.ok(Date.now() < deadline, 'a worker kept a stale home page');
        await new Promise((r) => setTimeout(r, 200));
      }
    });

    it('many writes at once from both workers all succeed', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          signIn(port, 'bientap@phuong1.demo').then(
            () => 'ok',
            (e: Error) => e.message,
          ),
        ),
      );
      assert.deepEqual(results, Array(12).fill('ok'));
    });
  });
}
