import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { STACK_LINE, freePort, serveEnv, startPortal, stopPortal } from '../support/portal-process.ts';

describe('a port already in use', () => {
  let dataDir: string;
  let port: number;
  let taken: net.Server;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-port-'));
    port = await freePort();
    taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
  });
  after(() => {
    taken.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  for (const workers of [1, 2]) {
    it(`with ${workers} process(es): one message naming the port and the fix, exit 1, and no restarts`, async () => {
      const portal = startPortal(['serve'], serveEnv(port, dataDir, workers));
      const timer = setTimeout(() => void stopPortal(portal), 120_000);
      const code = await portal.exited;
      clearTimeout(timer);
      const stderr = portal.stderr();
      assert.equal(code, 1, stderr);
      assert.equal(stderr.match(/EADDRINUSE/g)?.length, 1, stderr);
      assert.match(stderr, new RegExp(`cổng ${port}`));
      assert.doesNotMatch(stderr, STACK_LINE);
      assert.doesNotMatch(stderr, /khởi động lại/, 'no worker restarted');
      assert.doesNotMatch(portal.stdout(), /đang chạy/, 'never said it was running');
    });
  }
});
