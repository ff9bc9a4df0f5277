import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/services/demo/demo-content.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/xaphuong.js');

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection, so the kernel may hand it to any worker. */
function request(port: number, pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', agent: false, headers: { host: 'localhost', ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('quá thời gian chờ')));
    req.end(options.body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Signs in through the real form; returns the session cookie and its CSRF token. */
async function signIn(port: number, email: string) {
  const form = await request(port, '/quan-tri/dang-nhap');
  const loginCookie = String(form.headers['set-cookie']).split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const res = await request(port, '/quan-tri/dang-nhap', {
    method: 'POST',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: DEMO_PASSWORD }).toString(),
  });
  assert.equal(res.status, 303, `sign-in of ${email}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const account = await request(port, '/quan-tri/tai-khoan', { headers: { cookie } });
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(account.body)![1]! };
}

for (const dialect of DIALECTS) {
  describe(`cluster mode: two workers on one port [${dialect}]`, () => {
    let server: ChildProcess;
    let port: number;
    let dataDir: string;
    let pg: TestDatabase | undefined;

    before(async () => {
      port = await freePort();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-cluster-'));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        XAPHUONG_DATA: dataDir,
        XAPHUONG_WORKERS: '2',
        XAPHUONG_DEMO: '1',
        LOG_LEVEL: 'warn',
      };
      delete env.DATABASE_URL;
      if (dialect === 'postgres') {
        pg = await openEmptyDatabase('postgres');
        env.DATABASE_URL = pg.url;
      }
      server = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      const deadline = Date.now() + 90_000;
      const pids = new Set<number>();
      // Ready when both workers answer.
      while (pids.size < 2) {
        assert.ok(Date.now() < deadline, 'the cluster did not start in 90 s');
        try {
          const res = await request(port, '/healthz');
          if (res.status === 200) pids.add(JSON.parse(res.body).pid);
        } catch {
          await new Promise((r) => setTimeout(r, 300));
        }
      }
    });

    after(async () => {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      await pg?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('requests are spread over two worker processes', async () => {
      const pids = new Set<number>();
      for (let i = 0; i < 30; i++) pids.add(JSON.parse((await request(port, '/healthz')).body).pid);
      assert.equal(pids.size, 2);
      assert.ok(![...pids].includes(server.pid!), 'the primary does not serve');
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
