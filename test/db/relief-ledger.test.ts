import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { ledgerSummary } from '../../src/services/relief/ledger-summary.ts';
import { confirmReceipts, correctReceipt, deleteReceipt, parseReceiptForm, recordReceipt, updateReceipt } from '../../src/services/relief/receipts.ts';
import { confirmSpending, correctSpending, parseSpendingForm, recordSpending } from '../../src/services/relief/spending.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { buildCampaign, confirmedReceipt, confirmedSpending, reliefStaff } from '../support/relief-factories.ts';

const code = (c: string) => (error: unknown) => error instanceof AppError && error.code === c;

for (const dialect of DIALECTS) {
  describe(`relief ledger (${dialect})`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let staff: { editor: Actor; approver: Actor };

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      staff = await reliefStaff(t.db, site);
    });
    after(() => t.close());

    it('totals of a campaign equal independent sums of its confirmed rows, and each total is the sum of its parts', async () => {
      const { id } = await buildCampaign(t.db, staff);
      for (let i = 1; i <= 12; i++) await confirmedReceipt(t.db, staff, id, { amount: `${i * 50}.000`, donor_name: `Người ủng hộ ${i}` });
      await confirmedReceipt(t.db, staff, id, { kind: 'goods', quantity: '21.090', unit: 'kg gạo', amount: '316.350.000' });
      await confirmedReceipt(t.db, staff, id, { kind: 'goods', quantity: '40', unit: 'Thùng mì', amount: '4.000.000' });
      // Pending rows never count.
      await recordReceipt(
        t.db,
        staff.editor,
        id,
        parseReceiptForm({ kind: 'cash', amount: '9.999.000', donor_name: 'Chưa xác nhận', received_on: '06/09/2024', channel: 'cash' }),
      );
      await confirmedSpending(t.db, staff, id, { amount: '1.200.000', category: 'ho-ngheo', beneficiary_count: '3' });
      await confirmedSpending(t.db, staff, id, {
        kind: 'goods',
        amount: '',
        quantity: '1.000',
        unit: 'KG GẠO',
        category: 'ho-can-ngheo',
        beneficiary_count: '100',
      });

      const s = await ledgerSummary(t.db, site.id, { campaignId: id });
      const receipts = await sql<{ kind: string; amount: string | number; quantity: string | number }>`
        select kind, sum(amount) as amount, sum(quantity) as quantity from relief_receipts where campaign_id = ${id} and status = 'confirmed' group by kind`.execute(
        t.db,
      );
      const cash = Number(receipts.rows.find((r) => r.kind === 'cash')!.amount);
      const goods = Number(receipts.rows.find((r) => r.kind === 'goods')!.amount);
      assert.equal(s.received.cash, cash);
      assert.equal(s.received.cash, 3_900_000);
      assert.equal(s.received.goodsValue, goods);
      assert.equal(s.received.total, cash + goods);
      assert.ok(s.received.total >= s.received.cash && s.received.total >= s.received.goodsValue);
      const rice = s.received.goods.find((g) => g.unitKey === 'kg gao')!;
      assert.equal(rice.quantity, 21_090_000, 'quantities are kept in thousandths of the unit');
      // "KG GẠO" given out is the same unit as "kg gạo" received, valued at the average received value.
      const riceOut = s.spent.goods.find((g) => g.unitKey === 'kg gao')!;
      assert.equal(riceOut.value, 15_000_000);
      assert.equal(s.balance.goods.find((g) => g.unitKey === 'kg gao')!.quantity, 20_090_000);
      assert.equal(s.spent.total, s.spent.cash + s.spent.goodsValue);
      assert.equal(s.spent.beneficiaries, 103);
      assert.equal(s.balance.cash, 3_900_000 - 1_200_000);
      assert.equal(s.received.entries, 14);
    });

    it('a confirmed receipt is never edited or deleted in place; a pending one is', async () => {
      const { id } = await buildCampaign(t.db, staff);
      const form = parseReceiptForm({ kind: 'cash', amount: '100.000', donor_name: 'Trần Thị Bé', received_on: '07/09/2024', channel: 'cash' });
      const pending = await recordReceipt(t.db, staff.editor, id, form);
      await updateReceipt(t.db, staff.editor, pending.id, { ...form, amount: 150_000 });
      const confirmed = await confirmedReceipt(t.db, staff, id);
      await assert.rejects(updateReceipt(t.db, staff.editor, confirmed, form), code('entry_confirmed'));
      await assert.rejects(deleteReceipt(t.db, staff.editor, confirmed), code('entry_confirmed'));
      await deleteReceipt(t.db, staff.editor, pending.id);
      const left = await t.db.selectFrom('relief_receipts').select('id').where('campaign_id', '=', id).execute();
      assert.deepEqual(
        left.map((r) => r.id),
        [confirmed],
      );
    });

    it('nobody confirms what they entered, and confirming needs the approver role', async () => {
      const { id } = await buildCampaign(t.db, staff);
      const { actor: contributor } = await buildUser(t.db, site, 'contributor');
      const form = parseReceiptForm({ kind: 'cash', amount: '50,000', donor_name: 'Lê Văn C', received_on: '08/09/2024', channel: 'cash' });
      await assert.rejects(recordReceipt(t.db, contributor, id, form), code('forbidden'));
      const own = await recordReceipt(t.db, staff.approver, id, form);
      await assert.rejects(confirmReceipts(t.db, staff.approver, id, [own.id]), code('forbidden'));
      const other = await recordReceipt(t.db, staff.editor, id, form);
      await assert.rejects(confirmReceipts(t.db, staff.editor, id, [other.id]), code('forbidden'));
      assert.equal(await confirmReceipts(t.db, staff.approver, id, [other.id]), 1);
      const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', other.id).where('target_type', '=', 'relief_receipt').execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['relief.receipt_created', 'relief.receipts_confirmed']);
    });

    it('a correction is a reversal and a replacement that reference the receipt, and totals follow once both are confirmed', async () => {
      const { id } = await buildCampaign(t.db, staff);
      const original = await confirmedReceipt(t.db, staff, id, { amount: '200.000', donor_name: 'Phạm Văn Sai' });
      const fixed = parseReceiptForm({ kind: 'cash', amount: '2.000.000', donor_name: 'Phạm Văn Sai', received_on: '05/09/2024', channel: 'cash' });
      await assert.rejects(correctReceipt(t.db, staff.editor, original, fixed, ''), code('validation_failed'));
      const { reversalId, replacementId } = await correctReceipt(t.db, staff.editor, original, fixed, 'Nhập thiếu một số 0');
      assert.equal((await ledgerSummary(t.db, site.id, { campaignId: id })).received.cash, 200_000, 'a pending correction changes nothing yet');
      await assert.rejects(correctReceipt(t.db, staff.editor, original, null, 'lần hai'), code('conflict'));
      // Confirming one row of the correction confirms both.
      assert.equal(await confirmReceipts(t.db, staff.approver, id, [replacementId!]), 2);
      const rows = await t.db.selectFrom('relief_receipts').selectAll().where('campaign_id', '=', id).orderBy('id').execute();
      assert.deepEqual(
        rows.map((r) => [r.id, Number(r.amount), r.reverses_id, r.replaces_id, r.status]),
        [
          [original, 200_000, null, null, 'confirmed'],
          [reversalId, -200_000, original, null, 'confirmed'],
          [replacementId, 2_000_000, null, original, 'confirmed'],
        ],
      );
      const s = await ledgerSummary(t.db, site.id, { campaignId: id });
      assert.equal(s.received.cash, 2_000_000);
      assert.equal(s.received.entries, 1);
      const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', original).where('target_type', '=', 'relief_receipt').execute();
      assert.ok(audit.some((a) => a.action === 'relief.receipt_corrected'));
    });

    it('spending beyond what the campaign holds is refused and stays pending', async () => {
      const { id } = await buildCampaign(t.db, staff);
      await confirmedReceipt(t.db, staff, id, { amount: '500.000' });
      const big = await recordSpending(
        t.db,
        staff.editor,
        id,
        parseSpendingForm({ kind: 'cash', amount: '600.000', category: 'ho-ngheo', description: 'Quá số dư', spent_on: '10/09/2024' }),
      );
      await assert.rejects(confirmSpending(t.db, staff.approver, id, [big.id]), code('balance_exceeded'));
      const row = await t.db.selectFrom('relief_spending').select('status').where('id', '=', big.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      const rice = await recordSpending(
        t.db,
        staff.editor,
        id,
        parseSpendingForm({ kind: 'goods', quantity: '10', unit: 'kg gạo', category: 'ho-ngheo', description: 'Gạo chưa có', spent_on: '10/09/2024' }),
      );
      await assert.rejects(confirmSpending(t.db, staff.approver, id, [rice.id]), code('balance_exceeded'));
    });

    it('houses are counted and valued from their spending rows, and a cancelled house leaves the count', async () => {
      const { id } = await buildCampaign(t.db, staff);
      await confirmedReceipt(t.db, staff, id, { amount: '500.000.000' });
      const house = {
        amount: '40.000.000',
        category: 'ho-ngheo',
        programme: 'nha-tinh-thuong',
        house_work: 'built',
        description: 'Nhà tình thương',
        beneficiary_count: '1',
        handover_on: '20/12/2024',
      };
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(await confirmedSpending(t.db, staff, id, house));
      await confirmedSpending(t.db, staff, id, { ...house, amount: '15.000.000', house_work: 'repaired' });
      const { reversalId } = await correctSpending(t.db, staff.editor, ids[0]!, null, 'Hộ đã nhận nhà từ nguồn khác');
      await confirmSpending(t.db, staff.approver, id, [reversalId]);
      const s = await ledgerSummary(t.db, site.id, { campaignId: id });
      assert.equal(s.spent.housesBuilt, 2);
      assert.equal(s.spent.housesRepaired, 1);
      assert.equal(s.spent.housesValue, 95_000_000);
      assert.ok(s.spent.total >= s.spent.housesValue);
    });

    it('a figure as of an instant ignores rows confirmed after it', async () => {
      const { id } = await buildCampaign(t.db, staff);
      await confirmedReceipt(t.db, staff, id, { amount: '300.000' });
      const then = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await confirmedReceipt(t.db, staff, id, { amount: '700.000' });
      assert.equal((await ledgerSummary(t.db, site.id, { campaignId: id, asOf: then })).received.cash, 300_000);
      assert.equal((await ledgerSummary(t.db, site.id, { campaignId: id })).received.cash, 1_000_000);
    });
  });
}
