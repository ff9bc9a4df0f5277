import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type DatabaseHandle, openSqlite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { type Transaction, vietcombankCsv } from '../support/bank-statements.ts';
import { DIALECTS, openTestDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';
import { STACK_LINE } from '../support/portal-process.ts';
import { buildCampaign, reliefStaff } from '../support/relief-factories.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/xaphuong.js');

const TRANSACTIONS: Transaction[] = [
  { day: '05/09/2024', ref: 'FT24249000001', credit: 200_000, donor: 'NGUYEN VAN AN', note: 'NGUYEN VAN AN CHUYEN TIEN UNG HO BAO LU' },
  { day: '05/09/2024', ref: 'FT24249000002', credit: 1_000_000, donor: 'TRAN THI BINH', note: 'TRAN THI BINH UNG HO DONG BAO MIEN BAC' },
  { day: '06/09/2024', ref: 'FT24250000003', debit: 50_000, note: 'PHI DICH VU SMS' },
  { day: '07/09/2024', ref: 'FT24251000004', credit: 50_000, donor: 'LE VAN CUONG', note: 'LE VAN CUONG UNG HO' },
];

for (const dialect of DIALECTS) {
  describe(`npx xaphuong import-statement [${dialect}]`, () => {
    let dataDir: string;
    let handle: DatabaseHandle;
    let env: NodeJS.ProcessEnv;
    let host: string;
    let campaign: { id: number; slug: string; accountNumber: string };

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-statement-cli-'));
      env = { ...process.env, XAPHUONG_DATA: dataDir, LOG_LEVEL: 'silent' };
      delete env.DATABASE_URL;
      if (dialect === 'postgres') {
        const pg = await openTestDatabase('postgres');
        env.DATABASE_URL = pg.url;
        handle = pg;
      } else {
        // The very file the command opens, so the test reads what the command wrote.
        handle = openSqlite(path.join(dataDir, 'xaphuong.sqlite'));
        await migrateToLatest(handle.db);
      }
      host = `sao-ke-${dialect}.test`;
      const site = await buildSite(handle.db, { hosts: [host] });
      const { id, accountId } = await buildCampaign(handle.db, await reliefStaff(handle.db, site));
      const row = await handle.db.selectFrom('relief_campaigns').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
      const account = await handle.db.selectFrom('relief_accounts').select('account_number').where('id', '=', accountId).executeTakeFirstOrThrow();
      campaign = { id, slug: row.slug, accountNumber: account.account_number };
    });
    after(async () => {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
    const write = (name: string, content: string) => {
      const file = path.join(dataDir, name);
      fs.writeFileSync(file, content);
      return file;
    };
    const receipts = () =>
      handle.db.selectFrom('relief_receipts').select(['status', 'bank_ref', 'amount']).where('campaign_id', '=', campaign.id).orderBy('bank_ref').execute();
    const imports = () => handle.db.selectFrom('relief_imports').select(['status']).where('campaign_id', '=', campaign.id).execute();

    it('a malformed row exits non-zero naming the row in Vietnamese, and nothing is imported', async () => {
      // The bad date is on row 9 of the file: five title rows and the header above two good rows.
      const bad = write('sai.csv', vietcombankCsv([...TRANSACTIONS.slice(0, 2), { day: '32/13/2024', ref: 'FT1', credit: 10_000, note: 'SAI NGAY' }]));
      const result = run('import-statement', bad, '--site', host, '--campaign', campaign.slug);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /Dòng 9:/);
      assert.doesNotMatch(result.stderr, STACK_LINE);
      assert.deepEqual(await receipts(), []);
      assert.deepEqual(
        (await imports()).map((i) => i.status),
        ['failed'],
      );
    });

    it('a mistyped option gets the Vietnamese usage message naming the right one, and nothing is read', async () => {
      const file = write('dung.csv', vietcombankCsv(TRANSACTIONS));
      const result = run('import-statement', file, '--site', host, '--campain', campaign.slug);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /--campaign\?/);
      assert.match(result.stderr, /npx xaphuong help/);
      const none = run('import-statement', file, '--site', host);
      assert.equal(none.status, 2, none.stderr);
      assert.match(none.stderr, /--campaign/);
      assert.equal((await imports()).length, 1, 'only the failed import of the malformed file');
    });

    it('an unknown campaign or account is refused and imports nothing', async () => {
      const file = write('dung.csv', vietcombankCsv(TRANSACTIONS));
      const campaignMissing = run('import-statement', file, '--site', host, '--campaign', 'khong-co');
      assert.equal(campaignMissing.status, 1, campaignMissing.stderr);
      const accountMissing = run('import-statement', file, '--site', host, '--campaign', campaign.slug, '--account', '999999');
      assert.equal(accountMissing.status, 1, accountMissing.stderr);
      assert.deepEqual(await receipts(), []);
    });

    it('a good statement imports with exit 0: its credits wait for confirmation, and a second run adds nothing twice', async () => {
      const file = write('vcb.csv', vietcombankCsv(TRANSACTIONS));
      const first = run('import-statement', file, '--site', host, '--campaign', campaign.slug, '--account', campaign.accountNumber);
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, new RegExp(`/quan-tri/van-dong/${campaign.id}/nhap-sao-ke/\\d+`));
      const rows = await receipts();
      assert.deepEqual(
        rows.map((r) => [r.bank_ref, Number(r.amount), r.status]),
        [
          ['FT24249000001', 200_000, 'pending'],
          ['FT24249000002', 1_000_000, 'pending'],
          ['FT24251000004', 50_000, 'pending'],
        ],
      );
      const second = run('import-statement', file, '--site', host, '--campaign', campaign.slug);
      assert.equal(second.status, 0, second.stderr);
      assert.equal((await receipts()).length, 3);
    });
  });
}
