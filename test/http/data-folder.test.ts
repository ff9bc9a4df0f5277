import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DialectName } from '../../src/db/database.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { BIN, STACK_LINE, freePort, request, serveEnv, startPortal, stopPortal, waitForWorkers } from '../support/portal-process.ts';

/**
 * Runs the portal as a process that file permissions apply to. As root
 * (here and on CI), the portal keeps its user but loses the capabilities
 * that let root write anywhere (setpriv drops them from its bounding set),
 * so a folder it does not own, or one with no write bit, refuses it as it
 * would refuse another user. As anyone else, the mode bits do that alone.
 */
const AS_PLAIN_USER = process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search,-fowner', '--'] : [];

/** Sets the mode of a folder and of everything below it, as a restore by another user may leave them. */
function chmodTree(dir: string, dirMode: number, fileMode: number): void {
  fs.chmodSync(dir, dirMode);
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    fs.chmodSync(path.join(entry.parentPath ?? entry.path, entry.name), entry.isDirectory() ? dirMode : fileMode);
  }
}

describe('a data folder the portal cannot write', () => {
  let work: string;
  let dataDir: string;
  // On PostgreSQL the data folder holds the media only; the database is elsewhere.
  let postgres: TestDatabase;
  const databaseEnv = (dialect: DialectName) => (dialect === 'postgres' ? { DATABASE_URL: postgres.url! } : {});
  before(async () => {
    postgres = await openTestDatabase('postgres');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-data-folder-'));
    dataDir = path.join(work, 'data');
    // A database with the demo's media, as a backup restores it.
    const env: NodeJS.ProcessEnv = { ...process.env, XAPHUONG_DATA: dataDir };
    delete env.DATABASE_URL;
    const seeded = spawnSync(process.execPath, [BIN, 'migrate'], { env, encoding: 'utf8' });
    assert.equal(seeded.status, 0, seeded.stderr);
    fs.mkdirSync(path.join(dataDir, 'media', '1'), { recursive: true });
  });
  after(async () => {
    await postgres.close();
    chmodTree(work, 0o755, 0o644);
    fs.rmSync(work, { recursive: true, force: true });
  });

  for (const [dialect, workers] of [
    ['sqlite', 1],
    ['sqlite', 2],
    ['postgres', 2],
  ] as const) {
    it(`stops the start with ${workers} process(es) on ${dialect}, naming the folder and the fix, when it was restored read-only`, async () => {
      chmodTree(dataDir, 0o555, 0o444);
      try {
        const portal = startPortal(['serve'], serveEnv(await freePort(), dataDir, workers, databaseEnv(dialect)), AS_PLAIN_USER);
        const timer = setTimeout(() => void stopPortal(portal), 120_000);
        const code = await portal.exited;
        clearTimeout(timer);
        assert.equal(code, 1, portal.stderr());
        assert.ok(portal.stderr().includes(dataDir), portal.stderr());
        assert.match(portal.stderr(), /chown -R/);
        assert.doesNotMatch(portal.stderr(), STACK_LINE);
        assert.doesNotMatch(portal.stdout(), /đang chạy/);
      } finally {
        chmodTree(dataDir, 0o755, 0o644);
      }
    });
  }

  for (const dialect of DIALECTS) {
    it(`/healthz on ${dialect} answers 503 storage_unavailable while the media folder cannot be written, and 200 once it can again`, async () => {
      const port = await freePort();
      const portal = startPortal(['serve'], serveEnv(port, dataDir, 1, { XAPHUONG_DEMO: '0', ...databaseEnv(dialect) }), AS_PLAIN_USER);
      const media = path.join(dataDir, 'media');
      try {
        await waitForWorkers(port, portal);
        fs.chmodSync(media, 0o555);
        const refused = await request(port, '/healthz');
        assert.equal(refused.status, 503);
        assert.equal(JSON.parse(refused.body).error.code, 'storage_unavailable');
        fs.chmodSync(media, 0o755);
        assert.equal((await request(port, '/healthz')).status, 200);
      } finally {
        fs.chmodSync(media, 0o755);
        await stopPortal(portal);
      }
    });
  }
});
