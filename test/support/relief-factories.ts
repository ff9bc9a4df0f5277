import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../src/db/schema.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { parseAccountForm, parseCampaignForm, saveAccount, saveCampaign, setCampaignStatus } from '../../src/services/relief/campaigns.ts';
import { confirmReceipts, parseReceiptForm, recordReceipt } from '../../src/services/relief/receipts.ts';
import { confirmSpending, parseSpendingForm, recordSpending } from '../../src/services/relief/spending.ts';
import { buildUser } from './factories.ts';

let counter = 0;

/** An editor who enters and an approver who confirms, on a site: the four eyes every ledger row needs. */
export async function reliefStaff(db: Kysely<Database>, site: SiteRow): Promise<{ editor: Actor; approver: Actor }> {
  const { actor: editor } = await buildUser(db, site, 'editor');
  const { actor: approver } = await buildUser(db, site, 'approver');
  return { editor, approver };
}

/** A public (open) campaign with one bank account; override any form field. */
export async function buildCampaign(db: Kysely<Database>, staff: { editor: Actor; approver: Actor }, overrides: Record<string, string> = {}) {
  counter += 1;
  const account = await saveAccount(
    db,
    staff.editor,
    null,
    parseAccountForm({ bank_name: 'Vietcombank', account_number: `0011000${counter}`, account_name: 'Ủy ban MTTQ Việt Nam' }),
  );
  const { id } = await saveCampaign(
    db,
    staff.editor,
    null,
    parseCampaignForm({
      title: `Cứu trợ bão lũ ${counter}`,
      purpose: 'Hỗ trợ người dân bị thiệt hại do bão lũ.',
      starts_on: '01/09/2024',
      account_ids: String(account.id),
      ...overrides,
    }),
  );
  await setCampaignStatus(db, staff.approver, id, 'open');
  return { id, accountId: account.id };
}

/** A confirmed receipt: cash unless `kind: 'goods'` is given; any form field may be overridden. */
export async function confirmedReceipt(
  db: Kysely<Database>,
  staff: { editor: Actor; approver: Actor },
  campaignId: number,
  fields: Record<string, string> = {},
) {
  const id = await pendingReceipt(db, staff.editor, campaignId, fields);
  await confirmReceipts(db, staff.approver, campaignId, [id]);
  return id;
}

/** A receipt entered by `editor`, waiting for confirmation: cash unless `kind: 'goods'` is given; any form field may be overridden. */
export async function pendingReceipt(db: Kysely<Database>, editor: Actor, campaignId: number, fields: Record<string, string> = {}) {
  const goods = fields.kind === 'goods';
  const form = parseReceiptForm({
    kind: 'cash',
    amount: '200.000',
    donor_name: 'Nguyễn Văn An',
    received_on: '05/09/2024',
    channel: goods ? 'in_kind' : 'cash',
    ...(goods ? { quantity: '100', unit: 'kg gạo', amount: '1.500.000' } : {}),
    ...fields,
  });
  const { id } = await recordReceipt(db, editor, campaignId, form);
  return id;
}

/** A confirmed spending row; any form field may be overridden. */
export async function confirmedSpending(
  db: Kysely<Database>,
  staff: { editor: Actor; approver: Actor },
  campaignId: number,
  fields: Record<string, string> = {},
) {
  const id = await pendingSpending(db, staff.editor, campaignId, fields);
  await confirmSpending(db, staff.approver, campaignId, [id]);
  return id;
}

/** A spending row entered by `editor`, waiting for confirmation; any form field may be overridden. */
export async function pendingSpending(db: Kysely<Database>, editor: Actor, campaignId: number, fields: Record<string, string> = {}) {
  const form = parseSpendingForm({
    kind: 'cash',
    amount: '1.000.000',
    category: 'ho-ngheo',
    description: 'Hỗ trợ hộ nghèo',
    beneficiary_count: '2',
    spent_on: '10/09/2024',
    ...fields,
  });
  const { id } = await recordSpending(db, editor, campaignId, form);
  return id;
}
