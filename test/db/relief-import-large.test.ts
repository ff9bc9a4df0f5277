import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { uploadStatement } from '../../src/services/relief/statement-import.ts';
import { runImport } from '../../src/services/relief/statement-run.ts';
import { writeLargeCsv } from '../support/bank-statements.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';
import { buildCampaign, reliefStaff } from '../support/relief-factories.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Rows of the generated file: the 200,000-row import is timed in `npm run bench` (bench/relief), this checks its memory. */
const ROWS = 50_000;
/** Live heap the import may add: a fraction of the file's 5 MB of text, which held as strings alone would take 10 MB. */
const HEAP_BOUND = 8 * 1024 * 1024;

for (const dialect of DIALECTS) {
  describe(`a large bank statement (${dialect})`, () => {
    let t: TestDatabase;
    let dir: string;
    before(async () => {
      t = await openTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-large-'));
    });
    after(async () => {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('a long statement imports in bounded memory, with progress', async () => {
      const site = await buildSite(t.db);
      const staff = await reliefStaff(t.db, site);
      const { id } = await buildCampaign(t.db, staff);
      const file = path.join(dir, 'large.csv');
      await writeLargeCsv(file, ROWS);
      assert.ok(fs.statSync(file).size > 5_000_000, `${fs.statSync(file).size} B`);
      const job = await uploadStatement(t.db, { system: 'kiểm thử', siteId: site.id }, new LocalStorage(dir), {
        campaignId: id,
        accountId: null,
        fileName: 'large.csv',
        source: fs.createReadStream(file),
      });
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      const progress: number[] = [];
      const done = await runImport(t.db, { system: 'kiểm thử', siteId: site.id }, new LocalStorage(dir), job.id, (p) => {
        // What stays alive, not garbage waiting for the collector: collect, then measure, every fifth batch.
        if (progress.length % 5 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
        progress.push(p.bytes_read / p.byte_size);
      });
      assert.equal(done.status, 'done', done.error_message);
      assert.equal(done.inserted, ROWS);
      assert.ok(progress.length >= ROWS / 1000, 'progress is reported every batch');
      assert.ok(
        progress.every((p, i) => i === 0 || p >= progress[i - 1]!),
        'progress only grows',
      );
      assert.ok(peak - baseline < HEAP_BOUND, `heap grew by ${Math.round((peak - baseline) / 1048576)} MB`);
      const count = await t.db
        .selectFrom('relief_receipts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('campaign_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), ROWS);
    });
  });
}
