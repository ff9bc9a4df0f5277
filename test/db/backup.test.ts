import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import { openSqlite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { SiteRepository } from '../../src/repositories/site-repository.ts';
import { backupData } from '../../src/services/backup/backup-service.ts';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';
import { storeUpload, variantsOf } from '../../src/services/media-service.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';
import { startPortal } from '../support/portal-process.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

/** Each media row's files, relative to the media folder, read straight from a database. */
async function mediaFiles(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('media').select(['site_id', 'storage_key', 'variants']).execute();
  return rows.flatMap((row) => [row.storage_key, ...variantsOf(row).map((v) => v.key)].map((key) => path.join(String(row.site_id), key)));
}

for (const dialect of DIALECTS) {
  describe(`backup [${dialect}]`, () => {
    let t: TestDatabase;
    let mediaDir: string;
    let work: string;
    before(async () => {
      t = await openTestDatabase(dialect);
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-backup-'));
      mediaDir = path.join(work, 'media');
      await seedDemo(t.db, new LocalStorage(mediaDir));
    });
    after(async () => {
      await t.close();
      fs.rmSync(work, { recursive: true, force: true });
    });

    it('copies the media, and on SQLite a database that opens with every site in it', async () => {
      const result = await backupData(t, t.url ?? null, new LocalStorage(mediaDir), path.join(work, 'sao-luu'));
      assert.deepEqual(fs.readdirSync(path.join(result.mediaDir, '1')).sort(), fs.readdirSync(path.join(mediaDir, '1')).sort());
      if (dialect === 'sqlite') {
        const copy = openSqlite(result.databaseFile!);
        assert.equal((await new SiteRepository(copy.db).list())[0]?.name, 'Phường 1');
        await copy.close();
      } else {
        assert.ok(fs.statSync(result.databaseFile).size > 0, 'pg_dump wrote its archive');
      }
      assert.ok(fs.existsSync(path.join(path.dirname(result.databaseFile), 'manifest.json')), 'a complete backup has its manifest');
    });

    it('refuses a folder that already holds files, and leaves it as it was', async () => {
      const busy = path.join(work, 'co-san');
      fs.mkdirSync(busy);
      fs.writeFileSync(path.join(busy, 'giu-nguyen.txt'), 'x');
      await assert.rejects(backupData(t, t.url ?? null, new LocalStorage(mediaDir), busy), (e) => e instanceof AppError && e.code === 'validation_failed');
      assert.deepEqual(fs.readdirSync(busy), ['giu-nguyen.txt']);
    });

    it('names every file the database points to that the backup lacks', async () => {
      const site = await buildSite(t.db, { hosts: ['thieu-tep.test'] });
      const image = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#1b5e20' } })
        .png()
        .toBuffer();
      const media = await storeUpload(t.db, new LocalStorage(mediaDir), site.id, { bytes: image, originalName: 'cau.png', alt: 'Cây cầu' });
      const lost = `${site.id}/${variantsOf(media)[0]!.key}`;
      fs.rmSync(path.join(mediaDir, lost));
      const result = await backupData(t, t.url ?? null, new LocalStorage(mediaDir), path.join(work, 'thieu'));
      assert.deepEqual(result.missingFiles, [lost]);
      assert.ok(!fs.existsSync(path.join(work, 'thieu', 'manifest.json')), 'an incomplete backup gets no manifest, so restore refuses it');
      assert.ok(result.checkedFiles > 1);
    });

    it('backups taken by the command while uploads go on hold every file their database points to', async () => {
      const dataDir = path.join(work, 'dang-tai');
      const media = path.join(dataDir, 'media');
      // A database of its own, which the command opens by itself: a file for SQLite, a URL for PostgreSQL.
      const live: TestDatabase = dialect === 'sqlite' ? openSqlite(path.join(dataDir, 'xaphuong.sqlite')) : await openTestDatabase('postgres');
      if (dialect === 'sqlite') await migrateToLatest(live.db);
      const env = { XAPHUONG_DATA: dataDir, ...(live.url ? { DATABASE_URL: live.url } : {}) };
      const site = await buildSite(live.db, { hosts: ['dang-tai.test'] });
      const image = await sharp({ create: { width: 2000, height: 1200, channels: 3, background: '#a3161b' } })
        .png()
        .toBuffer();
      let uploading = true;
      let uploaded = 0;
      const uploads = Promise.all(
        [0, 1].map(async () => {
          while (uploading) {
            await storeUpload(live.db, new LocalStorage(media), site.id, { bytes: image, originalName: 'hop-dan.png', alt: 'Buổi họp dân' });
            uploaded += 1;
          }
        }),
      );
      try {
        for (let i = 0; i < 3; i++) {
          const dest = path.join(work, `trong-luc-tai-${i}`);
          // With PostgreSQL the rows the backup must cover are those committed before it starts (pg_dump runs first).
          const committed = dialect === 'postgres' ? await mediaFiles(live.db) : [];
          const backup = startPortal(['backup', dest], env);
          assert.equal(await backup.exited, 0, backup.stderr());
          assert.match(backup.stdout(), /Đã kiểm tra/);
          let expected = committed;
          if (dialect === 'sqlite') {
            const snapshot = openSqlite(path.join(dest, 'xaphuong.sqlite'), { readonly: true });
            expected = await mediaFiles(snapshot.db);
            await snapshot.close();
          }
          assert.deepEqual(
            expected.filter((file) => !fs.existsSync(path.join(dest, 'media', file))),
            [],
            `backup ${i}`,
          );
        }
      } finally {
        uploading = false;
        await uploads;
        await live.close();
      }
      assert.ok(uploaded > 0, 'uploads ran during the backups');
    });
  });
}
