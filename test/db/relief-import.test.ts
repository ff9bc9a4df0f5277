import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { ledgerSummary } from '../../src/services/relief/ledger-summary.ts';
import { jobMapping, previewImport, setImportMapping, uploadStatement } from '../../src/services/relief/statement-import.ts';
import { confirmImport, runImport } from '../../src/services/relief/statement-run.ts';
import { type Transaction, bidvCsv, vietcombankCsv, vietinbankXlsx } from '../support/bank-statements.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';
import { buildCampaign, reliefStaff } from '../support/relief-factories.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const TRANSACTIONS: Transaction[] = [
  { day: '05/09/2024', ref: 'FT24249000001', credit: 200_000, donor: 'NGUYEN VAN AN', note: 'NGUYEN VAN AN CHUYEN TIEN UNG HO BAO LU' },
  { day: '05/09/2024', ref: 'FT24249000002', credit: 1_000_000, donor: 'TRAN THI BINH', note: 'TRAN THI BINH UNG HO DONG BAO MIEN BAC' },
  { day: '06/09/2024', ref: 'FT24250000003', debit: 50_000, note: 'PHI DICH VU SMS' },
  { day: '07/09/2024', ref: 'FT24251000004', credit: 50_000, donor: 'LE VAN CUONG', note: 'LE VAN CUONG UNG HO' },
];

const code = (c: string) => (error: unknown) => error instanceof AppError && error.code === c;

for (const dialect of DIALECTS) {
  describe(`bank statement import (${dialect})`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let staff: { editor: Actor; approver: Actor };
    let dir: string;

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      staff = await reliefStaff(t.db, site);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-import-'));
    });
    after(async () => {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const upload = (campaignId: number, fileName: string, content: string | Buffer) =>
      uploadStatement(t.db, { actor: staff.editor }, new LocalStorage(dir), {
        campaignId,
        accountId: null,
        fileName,
        source: Readable.from([Buffer.from(content)]),
      });
    const receipts = (campaignId: number) =>
      t.db.selectFrom('relief_receipts').selectAll().where('campaign_id', '=', campaignId).orderBy('received_on').orderBy('bank_ref').execute();

    it('reads a Vietcombank CSV under its title rows: credits become pending receipts, money out and totals are passed over', async () => {
      const { id } = await buildCampaign(t.db, staff);
      const job = await upload(id, 'vcb.csv', vietcombankCsv(TRANSACTIONS));
      assert.equal(job.format, 'csv');
      assert.equal(jobMapping(job)?.headerRow, 6);
      const preview = await previewImport(t.db, site.id, new LocalStorage(dir), job);
      assert.deepEqual(
        preview.rows.map((r) => r.outcome.kind),
        ['receipt', 'receipt', 'skip', 'receipt', 'skip'],
      );
      const done = await runImport(t.db, { actor: staff.editor }, new LocalStorage(dir), job.id);
      assert.equal(done.status, 'done');
      assert.equal(done.inserted, 3);
      assert.equal(done.skipped, 2);
      const rows = await receipts(id);
      assert.deepEqual(
        rows.map((r) => [r.received_on, r.received_time, Number(r.amount), r.bank_ref, r.status, r.channel]),
        [
          ['2024-09-05', '09:15', 200_000, 'FT24249000001', 'pending', 'transfer'],
          ['2024-09-05', '09:15', 1_000_000, 'FT24249000002', 'pending', 'transfer'],
          ['2024-09-07', '09:15', 50_000, 'FT24251000004', 'pending', 'transfer'],
        ],
      );
      assert.equal((await ledgerSummary(t.db, site.id, { campaignId: id })).received.cash, 0, 'imported rows wait for confirmation');
    });

    it('reads a BIDV CSV with semicolons, a signed amount column written 50,000 and yyyy-mm-dd days', async () => {
      const { id } = await buildCampaign(t.db, staff);
      const job = await upload(id, 'bidv.csv', bidvCsv(TRANSACTIONS));
      const done = await runImport(t.db, { actor: staff.editor }, new LocalStorage(dir), job.id);
      assert.equal(done.inserted, 3);
      const rows = await receipts(id);
      assert.deepEqual(
        rows.map((r) => [Number(r.amount), r.donor_name]),
        [
          [200_000, 'NGUYEN VAN AN'],
          [1_000_000, 'TRAN THI BINH'],
          [50_000, 'LE VAN CUONG'],
        ],
      );
    });

    it('reads a VietinBank XLSX with date and number cells', async () => {
      const { id } = await buildCampaign(t.db, staff);
      const file = path.join(dir, 'vietinbank.xlsx');
      await vietinbankXlsx(file, TRANSACTIONS);
      const job = await upload(id, 'vietinbank.xlsx', fs.readFileSync(file));
      assert.equal(job.format, 'xlsx');
      const done = await runImport(t.db, { actor: staff.editor }, new LocalStorage(dir), job.id);
      assert.equal(done.status, 'done', done.error_message);
      const rows = await receipts(id);
      assert.deepEqual(
        rows.map((r) => [r.received_on, r.received_time, Number(r.amount), r.donor_name]),
        [
          ['2024-09-05', '08:30', 200_000, 'NGUYEN VAN AN'],
          ['2024-09-05', '08:30', 1_000_000, 'TRAN THI BINH'],
          ['2024-09-07', '08:30', 50_000, 'LE VAN CUONG'],
        ],
      );
    });

    it('counts a transaction already in the ledger, or twice in the file, as a duplicate and adds it once', async () => {
      const { id } = await buildCampaign(t.db, staff);
      await runImport(t.db, { actor: staff.editor }, new LocalStorage(dir), (await upload(id, 'a.csv', vietcombankCsv(TRANSACTIONS))).id);
      const twice = vietcombankCsv([
        ...TRANSACTIONS,
        { day: '08/09/2024', ref: 'FT24252000005', credit: 300_000, note: 'MOI' },
        { day: '08/09/2024', ref: 'FT24252000005', credit: 300_000, note: 'MOI' },
      ]);
      const second = await runImport(t.db, { actor: staff.editor }, new LocalStorage(dir), (await upload(id, 'b.csv', twice)).id);
      assert.equal(second.inserted, 1);
      assert.equal(second.duplicates, 4);
      assert.equal((await receipts(id)).length, 4);
    });

    it('a malformed row fails the import with its row number and nothing is imported', async () => {
      const { id } = await buildCampaign(t.db, staff);
      // Row 7 and 8 are good; the bad date is on row 9 of the file (six rows of titles and header above).
      const bad = vietcombankCsv([...TRANSACTIONS.slice(0, 2), { day: '32/13/2024', ref: 'FT1', credit: 10_000, note: 'SAI NGAY' }, ...TRANSACTIONS.slice(3)]);
      const job = await upload(id, 'bad.csv', bad);
      const failed = await runImport(t.db, { actor: staff.editor }, new LocalStorage(dir), job.id);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.error_code, 'import_failed');
      assert.equal(failed.error_row, 9);
      assert.equal((await receipts(id)).length, 0);
      const staged = await t.db.selectFrom('relief_import_rows').select('row_number').where('import_id', '=', job.id).execute();
      assert.equal(staged.length, 0);
      const amount = vietcombankCsv(TRANSACTIONS, ['99,05/09/2024 10:00:00,FT9,,12abc,,SAI SO TIEN']);
      const failedAmount = await runImport(t.db, { actor: staff.editor }, new LocalStorage(dir), (await upload(id, 'bad2.csv', amount)).id);
      assert.equal(failedAmount.error_row, 11);
      assert.equal((await receipts(id)).length, 0);
    });

    it('refuses a file that is not a statement, by its content', async () => {
      const { id } = await buildCampaign(t.db, staff);
      await assert.rejects(upload(id, 'sao-ke.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), code('import_failed'));
      const unmapped = await upload(id, 'ghi-chu.csv', 'Chỉ là một ghi chú\nkhông có bảng\n');
      assert.equal(jobMapping(unmapped), null);
      await assert.rejects(runImport(t.db, { actor: staff.editor }, new LocalStorage(dir), unmapped.id), code('import_failed'));
    });

    it('remembers the corrected columns for the account, so its next file maps itself', async () => {
      const { id } = await buildCampaign(t.db, staff);
      // Headers no bank name list knows: the editor picks the columns by hand.
      const odd = ['Tiêu đề', '', 'Thời điểm;Mã số;Tiền vào;Ghi chú', '05/09/2024;REF1;200.000;NGUYEN VAN AN'].join('\n');
      const job = await upload(id, 'odd.csv', odd);
      assert.equal(jobMapping(job), null);
      await setImportMapping(t.db, staff.editor, new LocalStorage(dir), job.id, {
        header_row: '3',
        col_date: '0',
        col_ref: '1',
        col_credit: '2',
        col_note: '3',
      });
      assert.equal((await runImport(t.db, { actor: staff.editor }, new LocalStorage(dir), job.id)).inserted, 1);
      const next = await upload(id, 'odd-2.csv', ['Tiêu đề', 'Thời điểm;Mã số;Tiền vào;Ghi chú', '06/09/2024;REF2;50,000;TRAN THI B'].join('\n'));
      assert.deepEqual(jobMapping(next)?.columns, { date: 0, ref: 1, credit: 2, note: 3 });
      assert.equal(jobMapping(next)?.headerRow, 2);
    });

    it('confirming an import puts its receipts in the totals, by someone other than who imported it', async () => {
      const { id } = await buildCampaign(t.db, staff);
      const job = await runImport(t.db, { actor: staff.editor }, new LocalStorage(dir), (await upload(id, 'c.csv', vietcombankCsv(TRANSACTIONS))).id);
      await assert.rejects(confirmImport(t.db, staff.editor, job.id), code('forbidden'));
      assert.equal(await confirmImport(t.db, staff.approver, job.id), 3);
      const s = await ledgerSummary(t.db, site.id, { campaignId: id });
      assert.equal(s.received.cash, 1_250_000);
      const words = await t.db.selectFrom('relief_receipt_words').select('word').where('campaign_id', '=', id).where('word', '=', 'binh').execute();
      assert.equal(words.length, 1);
    });
  });
}
