import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type DatabaseHandle, openSqlite } from '../../src/db/database.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';
import { type PortalProcess, STACK_LINE, startPortal } from '../support/portal-process.ts';

/** How many nodes start at once on a fresh database. */
const NODES = 4;

for (const dialect of DIALECTS) {
  describe(`several nodes migrating a fresh database at once [${dialect}]`, () => {
    let dataDir: string;
    let pg: TestDatabase | undefined;
    let env: NodeJS.ProcessEnv;

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-migrate-'));
      env = { XAPHUONG_DATA: dataDir, XAPHUONG_DEMO: '1', LOG_LEVEL: 'warn' };
      if (dialect === 'postgres') {
        pg = await openEmptyDatabase('postgres');
        env.DATABASE_URL = pg.url;
      }
    });
    after(async () => {
      await pg?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('every one succeeds, and each migration is applied once', async () => {
      const runs: PortalProcess[] = Array.from({ length: NODES }, () => startPortal(['migrate'], env));
      const codes = await Promise.all(runs.map((run) => run.exited));
      for (const [i, run] of runs.entries()) {
        assert.equal(codes[i], 0, `migrator ${i}:\n${run.stderr()}`);
        assert.doesNotMatch(run.stderr(), STACK_LINE);
      }
      const handle: DatabaseHandle = pg ?? openSqlite(path.join(dataDir, 'xaphuong.sqlite'));
      const rows = await sql<{ name: string; n: number }>`select name, count(*) as n from kysely_migration group by name`.execute(handle.db);
      assert.deepEqual(rows.rows.map((r) => r.name).sort(), Object.keys(MIGRATIONS).sort());
      assert.ok(rows.rows.every((r) => Number(r.n) === 1));
      if (!pg) await handle.close();
    });
  });
}
