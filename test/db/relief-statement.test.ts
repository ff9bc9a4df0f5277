import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReliefCampaignRow } from '../../src/db/schema/relief.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { confirmReceipts, correctReceipt } from '../../src/services/relief/receipts.ts';
import { type StatementQuery, searchStatement } from '../../src/services/relief/statement.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';
import { buildCampaign, confirmedReceipt, reliefStaff } from '../support/relief-factories.ts';

const query = (q: Partial<StatementQuery>): StatementQuery => ({ ten: '', tien: '', tu: '', den: '', ma: '', ...q });

for (const dialect of DIALECTS) {
  describe(`public statement search (${dialect})`, () => {
    let t: TestDatabase;
    let campaign: ReliefCampaignRow;
    let staff: { editor: Actor; approver: Actor };
    const ids: Record<string, number> = {};

    before(async () => {
      t = await openTestDatabase(dialect);
      const site = await buildSite(t.db);
      staff = await reliefStaff(t.db, site);
      const { id, accountId } = await buildCampaign(t.db, staff);
      const add = (key: string, fields: Record<string, string>) => confirmedReceipt(t.db, staff, id, fields).then((rid) => (ids[key] = rid));
      await add('an', { donor_name: 'Nguyễn Văn An', amount: '200.000', received_on: '05/09/2024' });
      await add('anh', { donor_name: 'Nguyễn Văn Anh', amount: '200.000', received_on: '06/09/2024' });
      await add('transfer', {
        donor_name: 'NGUYEN VAN AN',
        note: 'NGUYEN VAN AN CHUYEN TIEN UNG HO BAO LU',
        amount: '500.000',
        received_on: '07/09/2024',
        channel: 'transfer',
        bank_ref: 'ft24251 000777',
        account_id: String(accountId),
      });
      await add('anonymous', { donor_name: 'Đỗ Thị Kín', anonymous: '1', note: 'Đỗ Thị Kín gửi', amount: '1.000.000', received_on: '08/09/2024' });
      await add('đức', { donor_name: 'Trần Minh Đức', amount: '150.000', received_on: '01/10/2024' });
      for (let i = 0; i < 25; i++)
        await add(`many${i}`, { donor_name: `Lê Thị Hoa ${i}`, amount: `${10 + i}.000`, received_on: `${String((i % 28) + 1).padStart(2, '0')}/11/2024` });
      campaign = (await t.db.selectFrom('relief_campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as ReliefCampaignRow;
    });
    after(() => t.close());

    const found = async (q: Partial<StatementQuery>, page = 1) => (await searchStatement(t.db, campaign, query(q), page)).rows.map((r) => r.id);

    it('finds a donor by name with or without diacritics, whole words only', async () => {
      const expected = [ids.transfer, ids.an];
      assert.deepEqual(await found({ ten: 'nguyen van an' }), expected);
      assert.deepEqual(await found({ ten: 'Nguyễn Văn An' }), expected);
      assert.deepEqual(await found({ ten: 'NGUYỄN  văn   AN' }), expected);
      assert.deepEqual(await found({ ten: 'tran minh duc' }), [ids.đức]);
      assert.deepEqual(await found({ ten: 'nguyen van khong' }), []);
    });

    it('finds by amount, by a range of amounts, by dates and by bank reference', async () => {
      assert.deepEqual(await found({ tien: '200.000' }), [ids.anh, ids.an]);
      assert.deepEqual(await found({ tien: '200000' }), [ids.anh, ids.an]);
      assert.deepEqual(await found({ tien: '150.000 - 500.000' }), [ids.đức, ids.transfer, ids.anh, ids.an]);
      assert.deepEqual(await found({ tu: '06/09/2024', den: '30/09/2024' }), [ids.anonymous, ids.transfer, ids.anh]);
      assert.deepEqual(await found({ ma: 'FT24251000777' }), [ids.transfer]);
      assert.deepEqual(await found({ ten: 'nguyen van an', tien: '500.000' }), [ids.transfer]);
      assert.deepEqual(await found({ ten: 'nguyen van', tien: '100.000-600.000' }), [ids.transfer, ids.anh, ids.an], 'a name and a range, latest day first');
      const result = await searchStatement(t.db, campaign, query({ tien: 'hai trăm', tu: '32/13/2024' }), 1);
      assert.deepEqual(
        result.errors.map((e) => e.field),
        ['tien', 'tu'],
      );
    });

    it('never finds an anonymous donor by name, only by amount or date', async () => {
      assert.deepEqual(await found({ ten: 'do thi kin' }), []);
      assert.deepEqual(await found({ tien: '1.000.000' }), [ids.anonymous]);
    });

    it('pages twenty receipts at a time, latest day first', async () => {
      const first = await searchStatement(t.db, campaign, query({ ten: 'hoa' }), 1);
      assert.equal(first.pagination.total, 25);
      assert.equal(first.rows.length, 20);
      const second = await found({ ten: 'hoa' }, 2);
      assert.equal(second.length, 5);
      const days = [...first.rows.map((r) => r.received_on)];
      assert.deepEqual(days, [...days].sort().reverse());
    });

    it('marks a corrected receipt and shows its correction rows', async () => {
      const { reversalId } = await correctReceipt(t.db, staff.editor, ids.đức!, null, 'Trùng với khoản khác');
      await confirmReceipts(t.db, staff.approver, campaign.id, [reversalId]);
      const result = await searchStatement(t.db, campaign, query({ ten: 'tran minh duc' }), 1);
      assert.deepEqual(
        result.rows.map((r) => r.id),
        [reversalId, ids.đức],
      );
      assert.equal(result.correctedBy.get(ids.đức!), reversalId);
    });
  });
}
