import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { NewReceipt, ReceiptRow } from '../../db/schema/relief.ts';
import { AppError, validationError } from '../../errors.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { ReliefLedgerRepository } from '../../repositories/relief-ledger-repository.ts';
import { formatMoney } from '../../text/format.ts';
import { foldVietnamese, toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import type { Actor } from '../permissions.ts';
import { indexWords } from '../search/index-text.ts';
import { parseInput } from '../validation.ts';
import { normalizeRef, parseQuantity, unitKey } from './bank-values.ts';
import { loadCampaign, money, requireRelief, requiredDay, who } from './campaigns.ts';
import { correctedId, correctionReason, requireBalance, requireCorrectable, requireOtherPerson, requirePending } from './entries.ts';
import { ledgerChanged } from './relief-index.ts';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`).transform(toNfc).default('');

export const ReceiptFormSchema = z
  .object({
    kind: z.enum(['cash', 'goods'], { message: 'chọn tiền hoặc hiện vật' }),
    amount: z.string().trim().default(''),
    quantity: z.string().trim().default(''),
    unit: text(60),
    donor_name: text(200),
    anonymous: z
      .string()
      .optional()
      .transform((v) => v === '1'),
    received_on: requiredDay,
    channel: z.enum(['cash', 'transfer', 'in_kind'], { message: 'chọn hình thức nhận' }),
    bank_ref: text(80),
    account_id: z
      .string()
      .trim()
      .default('')
      .pipe(
        z.union([
          z.literal('').transform(() => null),
          z
            .string()
            .regex(/^[1-9]\d{0,9}$/, 'tài khoản không hợp lệ')
            .transform(Number),
        ]),
      ),
    note: text(1000),
  })
  .transform((form, ctx) => {
    const amount = form.amount === '' && form.kind === 'goods' ? 0 : money.safeParse(form.amount);
    const value = typeof amount === 'number' ? amount : amount.success ? amount.data : null;
    if (value === null) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'số tiền phải là số đồng, ví dụ 200.000' });
    else if (form.kind === 'cash' && value <= 0) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'phải lớn hơn 0' });
    let quantity = 0;
    if (form.kind === 'goods') {
      quantity = parseQuantity(form.quantity) ?? 0;
      if (!quantity) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'ghi số lượng, ví dụ 21.090 hoặc 12,5' });
      if (!form.unit) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'ghi đơn vị, ví dụ kg gạo' });
      if (form.channel !== 'in_kind') ctx.addIssue({ code: 'custom', path: ['channel'], message: 'hiện vật thì chọn "Hiện vật"' });
    } else if (form.channel === 'in_kind') {
      ctx.addIssue({ code: 'custom', path: ['channel'], message: 'tiền thì chọn tiền mặt hoặc chuyển khoản' });
    }
    if (!form.anonymous && !form.donor_name) ctx.addIssue({ code: 'custom', path: ['donor_name'], message: 'ghi tên người ủng hộ, hoặc đánh dấu ẩn danh' });
    return { ...form, amount: value ?? 0, quantity, bank_ref: normalizeRef(form.bank_ref) };
  });
export type ReceiptForm = z.output<typeof ReceiptFormSchema>;

export function parseReceiptForm(input: unknown): ReceiptForm {
  return parseInput(ReceiptFormSchema, input);
}

/** The folded text the newsroom's list searches: donor, note and reference. */
export function receiptSearchText(donor: string, note: string, ref: string): string {
  return foldVietnamese(`${donor} ${note} ${ref}`).replace(/\s+/g, ' ').trim();
}

/** The distinct statement words of a receipt: its donor's name and its note, folded; none for an anonymous donor. */
export function receiptWords(receipt: Pick<ReceiptRow, 'anonymous' | 'donor_name' | 'note'>): string[] {
  if (receipt.anonymous) return [];
  const words = indexWords(foldVietnamese(`${receipt.donor_name} ${receipt.note}`)).split(' ');
  return [...new Set(words.filter((w) => w.length > 0 && w.length <= 40))].slice(0, 60);
}

/** The statement's word rows of confirmed receipts. */
export function wordRows(receipts: ReceiptRow[]) {
  return receipts.flatMap((r) =>
    receiptWords(r).map((word) => ({ campaign_id: r.campaign_id, word, received_on: r.received_on, receipt_id: r.id, amount: r.amount })),
  );
}

async function rowValues(
  db: Kysely<Database>,
  actor: Actor,
  campaignId: number,
  form: ReceiptForm,
): Promise<Omit<NewReceipt, 'site_id' | 'status' | 'created_at'>> {
  if (form.account_id !== null) {
    const accounts = await new ReliefCampaignRepository(db, actor.siteId).campaignAccounts(campaignId);
    if (!accounts.some((a) => a.id === form.account_id)) throw validationError([{ field: 'account_id', message: 'chọn một tài khoản của cuộc vận động' }]);
  }
  const ref = form.kind === 'cash' && form.channel === 'transfer' ? form.bank_ref : '';
  return {
    campaign_id: campaignId,
    account_id: form.kind === 'cash' && form.channel === 'transfer' ? form.account_id : null,
    kind: form.kind,
    amount: form.amount,
    quantity: form.quantity,
    unit: form.kind === 'goods' ? form.unit : '',
    unit_key: form.kind === 'goods' ? unitKey(form.unit) : '',
    donor_name: form.donor_name,
    anonymous: form.anonymous ? 1 : 0,
    received_on: form.received_on,
    channel: form.channel,
    bank_ref: ref,
    ref_key: ref ? `a${form.account_id ?? 0}:${ref}` : null,
    note: form.note,
    search_text: receiptSearchText(form.donor_name, form.note, ref),
    reverses_id: null,
    replaces_id: null,
    import_id: null,
    created_by: actor.userId,
    confirmed_by: null,
    confirmed_at: null,
  };
}

/** Who gave what, in the audit log's words. */
export function receiptLabel(r: Pick<ReceiptRow, 'id' | 'kind' | 'amount' | 'quantity' | 'unit' | 'donor_name' | 'anonymous'>): string {
  const what = r.kind === 'cash' ? formatMoney(r.amount) : `${(r.quantity / 1000).toLocaleString('vi-VN')} ${r.unit}`;
  return `#${r.id} ${what} – ${r.anonymous ? 'Ẩn danh' : r.donor_name}`;
}

async function refTaken(error: unknown): Promise<never> {
  if (/unique|duplicate/i.test(String((error as Error).message)))
    throw validationError([{ field: 'bank_ref', message: 'số tham chiếu này đã có trong sổ của tài khoản' }]);
  throw error;
}

/** Records a receipt of a campaign, pending until an approver confirms it. */
export async function recordReceipt(db: Kysely<Database>, actor: Actor, campaignId: number, form: ReceiptForm): Promise<{ id: number }> {
  requireRelief(actor, 'relief.edit');
  return inTransaction(db, async (trx) => {
    await loadCampaign(trx, actor.siteId, campaignId);
    const ledger = new ReliefLedgerRepository(trx, actor.siteId);
    const id = await ledger.insertReceipt({ ...(await rowValues(trx, actor, campaignId, form)), status: 'pending', created_at: nowIso() }).catch(refTaken);
    await recordAudit(trx, who(actor), {
      action: 'relief.receipt_created',
      targetType: 'relief_receipt',
      targetId: id,
      summary: receiptLabel({ ...form, id, anonymous: form.anonymous ? 1 : 0 }),
    });
    return { id };
  });
}

/** A receipt of the site, or not_found. */
export async function loadReceipt(db: Kysely<Database>, siteId: number, id: number): Promise<ReceiptRow> {
  const receipt = await new ReliefLedgerRepository(db, siteId).findReceipt(id);
  if (!receipt) throw new AppError('not_found', 'Không tìm thấy khoản thu.');
  return receipt;
}

/** Changes a pending receipt; a confirmed one is refused (entry_confirmed). */
export async function updateReceipt(db: Kysely<Database>, actor: Actor, id: number, form: ReceiptForm): Promise<void> {
  requireRelief(actor, 'relief.edit');
  await inTransaction(db, async (trx) => {
    const receipt = await loadReceipt(trx, actor.siteId, id);
    requirePending(receipt);
    if (correctedId(receipt) !== null) throw new AppError('invalid_transition', 'Bút toán điều chỉnh không sửa được; hãy xóa và lập lại.');
    const { created_by: _by, ...values } = await rowValues(trx, actor, receipt.campaign_id, form);
    if (!(await new ReliefLedgerRepository(trx, actor.siteId).updatePendingReceipt(id, values).catch(refTaken))) throw new AppError('entry_confirmed');
    await recordAudit(trx, who(actor), {
      action: 'relief.receipt_updated',
      targetType: 'relief_receipt',
      targetId: id,
      summary: receiptLabel({ ...form, id, anonymous: form.anonymous ? 1 : 0 }),
    });
  });
}

/** Deletes a pending receipt (a correction's rows go together); a confirmed one stays for good. */
export async function deleteReceipt(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  requireRelief(actor, 'relief.edit');
  await inTransaction(db, async (trx) => {
    const ledger = new ReliefLedgerRepository(trx, actor.siteId);
    const receipt = await loadReceipt(trx, actor.siteId, id);
    requirePending(receipt);
    const target = correctedId(receipt);
    const group = target === null ? [receipt] : (await ledger.receiptCorrections(target)).filter((r) => r.status === 'pending');
    for (const row of group) await ledger.deletePendingReceipt(row.id);
    await recordAudit(trx, who(actor), { action: 'relief.receipt_deleted', targetType: 'relief_receipt', targetId: id, summary: receiptLabel(receipt) });
  });
}

/**
 * Confirms pending receipts (a correction's reversal and replacement go
 * together): they join the public statement and its totals, and are never
 * changed again. Needs an approver who entered none of them.
 */
export async function confirmReceipts(db: Kysely<Database>, actor: Actor, campaignId: number, ids: number[]): Promise<number> {
  requireRelief(actor, 'relief.confirm');
  return inTransaction(db, async (trx) => {
    const ledger = new ReliefLedgerRepository(trx, actor.siteId);
    const chosen = (await ledger.findReceipts(ids)).filter((r) => r.campaign_id === campaignId && r.status === 'pending');
    const rows = new Map(chosen.map((r) => [r.id, r]));
    for (const r of chosen) {
      const target = correctedId(r);
      if (target !== null) for (const c of await ledger.receiptCorrections(target)) if (c.status === 'pending') rows.set(c.id, c);
    }
    const all = [...rows.values()];
    if (all.length === 0) return 0;
    requireOtherPerson(actor, all);
    const at = nowIso();
    await ledger.confirmReceipts([...rows.keys()], actor.userId, at);
    await ledger.insertWords(wordRows(all));
    await requireBalance(trx, actor.siteId, campaignId);
    await recordAudit(trx, who(actor), {
      action: 'relief.receipts_confirmed',
      targetType: 'relief_receipt',
      targetId: all.length === 1 ? all[0]!.id : null,
      summary: `${all.length} khoản: ${all.slice(0, 20).map(receiptLabel).join('; ')}${all.length > 20 ? '…' : ''}`,
    });
    await ledgerChanged(trx, actor.siteId);
    return all.length;
  });
}

/**
 * Corrects a confirmed receipt with new entries that reference it: a
 * reversal and, unless the receipt is only cancelled (form null), a
 * replacement with the right values. Both wait for confirmation.
 */
export async function correctReceipt(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  form: ReceiptForm | null,
  reason: string | undefined,
): Promise<{ reversalId: number; replacementId: number | null }> {
  requireRelief(actor, 'relief.edit');
  const why = correctionReason(reason);
  return inTransaction(db, async (trx) => {
    const ledger = new ReliefLedgerRepository(trx, actor.siteId);
    const original = await loadReceipt(trx, actor.siteId, id);
    requireCorrectable(original, await ledger.receiptCorrections(id));
    const now = nowIso();
    const { id: _id, site_id: _site, ...copy } = original;
    const reversalId = await ledger.insertReceipt({
      ...copy,
      amount: -original.amount,
      quantity: -original.quantity,
      ref_key: null,
      note: `Hủy khoản số ${original.id}: ${why}`,
      status: 'pending',
      reverses_id: original.id,
      replaces_id: null,
      correction_reason: why,
      import_id: null,
      created_by: actor.userId,
      created_at: now,
      confirmed_by: null,
      confirmed_at: null,
    });
    let replacementId: number | null = null;
    if (form) {
      const values = await rowValues(trx, actor, original.campaign_id, form);
      replacementId = await ledger.insertReceipt({
        ...values,
        ref_key: null,
        replaces_id: original.id,
        correction_reason: why,
        status: 'pending',
        created_at: now,
      });
    }
    await recordAudit(trx, who(actor), {
      action: 'relief.receipt_corrected',
      targetType: 'relief_receipt',
      targetId: original.id,
      summary: `${receiptLabel(original)} → ${form ? `thay bằng khoản số ${replacementId}` : 'hủy'}; lý do: ${why}`,
    });
    return { reversalId, replacementId };
  });
}
