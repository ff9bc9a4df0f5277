import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqlite } from '../../src/db/database.ts';
import { AppError } from '../../src/errors.ts';
import { SiteRepository } from '../../src/repositories/site-repository.ts';
import { backupData } from '../../src/services/backup-service.ts';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';

for (const dialect of DIALECTS) {
  describe(`backup [${dialect}]`, () => {
    let t: TestDatabase;
    let mediaDir: string;
    let work: string;
    before(async () => {
      t = await openTestDatabase(dialect);
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-backup-'));
      mediaDir = path.join(work, 'media');
      await seedDemo(t.db, mediaDir);
    });
    after(async () => {
      await t.close();
      fs.rmSync(work, { recursive: true, force: true });
    });

    it('copies the media, and on SQLite a database that opens with every site in it', async () => {
      const result = await backupData(t, mediaDir, path.join(work, 'sao-luu'));
      assert.deepEqual(fs.readdirSync(path.join(result.mediaDir, '1')).sort(), fs.readdirSync(path.join(mediaDir, '1')).sort());
      if (dialect === 'sqlite') {
        const copy = openSqlite(result.databaseFile!);
        assert.equal((await new SiteRepository(copy.db).list())[0]?.name, 'Phường 1');
        await copy.close();
      } else {
        assert.equal(result.databaseFile, null);
        assert.match(result.note!, /pg_dump/);
      }
    });

    it('refuses a folder that already holds files, and leaves it as it was', async () => {
      const busy = path.join(work, 'co-san');
      fs.mkdirSync(busy);
      fs.writeFileSync(path.join(busy, 'giu-nguyen.txt'), 'x');
      await assert.rejects(backupData(t, mediaDir, busy), (e) => e instanceof AppError && e.code === 'validation_failed');
      assert.deepEqual(fs.readdirSync(busy), ['giu-nguyen.txt']);
    });
  });
}
