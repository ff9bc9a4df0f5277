import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type PortalProcess, freePort, outcome, request, serveEnv, startPortal, stopPortal, waitForWorkers } from '../support/portal-process.ts';

/** Waits (bounded) until the portal serves from `workers` processes none of which is in `gone`; returns their pids. */
async function workersOtherThan(port: number, portal: PortalProcess, gone: Set<number>, workers = 2): Promise<number[]> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const pids = [...(await waitForWorkers(port, portal, workers))];
    if (pids.every((pid) => !gone.has(pid))) return pids;
    assert.ok(Date.now() < deadline, `no new worker replaced ${[...gone]}:\n${portal.stderr()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * A form post whose body arrives in two parts, `pauseMs` apart, on a raw
 * connection: a request in flight for as long as the test wants. Resolves
 * with the status line's code, or the connection's fate.
 */
function slowPost(port: number, body: string, headers: Record<string, string>, sendRest: Promise<void>): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (reply += chunk));
    socket.on('close', () => resolve(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? `closed: ${reply.slice(0, 40)}`));
    socket.on('error', () => undefined);
    socket.setTimeout(60_000, () => socket.destroy());
    const head = Object.entries({ host: 'localhost', connection: 'close', 'content-length': String(Buffer.byteLength(body)), ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    const half = Math.floor(body.length / 2);
    socket.write(`POST /hoi-dap/gui HTTP/1.1\r\n${head}\r\n${body.slice(0, half)}`);
    void sendRest.then(() => socket.write(body.slice(half)));
  });
}

describe('workers that die or are stopped', () => {
  let dataDir: string;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-restarts-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const env = (port: number, workers: number) => serveEnv(port, dataDir, workers, { XAPHUONG_DEMO: '1', XAPHUONG_CACHE_MB: '0', TRUST_PROXY: '1' });

  it('a request in flight when its worker is killed is answered or closed, never left hanging, and the primary starts a new worker', async () => {
    const port = await freePort();
    const portal = startPortal(['serve'], env(port, 2));
    try {
      let pids = [...(await waitForWorkers(port, portal, 2))];
      const killed = new Set<number>();
      for (let round = 0; round < 3; round++) {
        // Searches keep both workers busy, so connections wait in the primary's hand-off when the kill comes.
        const inFlight = Array.from({ length: 40 }, (_, i) => outcome(request(port, `/tim-kiem?q=hoi+nghi+${round}+${i}`, { timeoutMs: 60_000 })));
        await new Promise((r) => setTimeout(r, 100));
        process.kill(pids[0]!, 'SIGKILL');
        killed.add(pids[0]!);
        const outcomes = await Promise.all(inFlight);
        assert.deepEqual(
          outcomes.filter((o) => o === 'timeout'),
          [],
          `round ${round}: ${outcomes.join(' ')}`,
        );
        pids = await workersOtherThan(port, portal, killed);
      }
      assert.match(portal.stderr(), /Tiến trình \d+ dừng \(SIGKILL\); khởi động lại/);
    } finally {
      await stopPortal(portal);
    }
  });

  it('a worker that keeps dying young is restarted after longer and longer pauses', async () => {
    const port = await freePort();
    const portal = startPortal(['serve'], env(port, 2));
    try {
      let pids = [...(await waitForWorkers(port, portal, 2))];
      const killed = new Set<number>();
      // Each time, the worker that replaced the last one killed: the same place, dying young.
      let target = pids[0]!;
      for (let i = 0; i < 3; i++) {
        process.kill(target, 'SIGKILL');
        killed.add(target);
        const before = new Set(pids);
        pids = await workersOtherThan(port, portal, killed);
        target = pids.find((pid) => !before.has(pid))!;
      }
      const pauses = [...portal.stderr().matchAll(/dừng \(SIGKILL\); khởi động lại (ngay|sau (\d+) giây)/g)].map((m) => (m[2] ? Number(m[2]) : 0));
      assert.deepEqual(pauses, [0, 1, 2]);
    } finally {
      await stopPortal(portal);
    }
  });

  for (const workers of [1, 2]) {
    it(`with ${workers} process(es), SIGTERM lets a request in flight finish before the portal exits 0`, async () => {
      const port = await freePort();
      const portal = startPortal(['serve'], env(port, workers));
      try {
        await waitForWorkers(port, portal, workers);
        const page = await request(port, '/hoi-dap/gui');
        const token = /name="form_token" value="([^"]+)"/.exec(page.body)![1]!;
        await new Promise((r) => setTimeout(r, 3_100));
        const body = new URLSearchParams({
          form_token: token,
          name: 'Lê Thị Chậm',
          address: 'Khóm 5, Phường 1',
          phone: '0912 000 111',
          title: 'Câu hỏi gửi lúc cổng đang dừng',
          content: 'Nội dung đến sau tín hiệu dừng.',
        }).toString();
        let release = () => {};
        const rest = new Promise<void>((resolve) => (release = resolve));
        const reply = slowPost(port, body, { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.9.9.9' }, rest);
        // The request is with a worker, its body half sent, when the portal is told to stop.
        await new Promise((r) => setTimeout(r, 1_000));
        portal.child.kill('SIGTERM');
        await new Promise((r) => setTimeout(r, 1_000));
        release();
        assert.equal(await reply, '303');
        const timer = setTimeout(() => portal.child.kill('SIGKILL'), 60_000);
        assert.equal(await portal.exited, 0, portal.stderr());
        clearTimeout(timer);
      } finally {
        await stopPortal(portal);
      }
    });
  }
});
