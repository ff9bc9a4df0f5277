import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { NewSpending, SpendingRow } from '../../db/schema/relief.ts';
import { AppError } from '../../errors.ts';
import { ReliefLedgerRepository } from '../../repositories/relief-ledger-repository.ts';
import { formatMoney } from '../../text/format.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import type { Actor } from '../permissions.ts';
import { parseInput } from '../validation.ts';
import { parseQuantity, unitKey } from './bank-values.ts';
import { loadCampaign, money, optionalDay, requireRelief, requiredDay, who } from './campaigns.ts';
import { correctedId, correctionReason, requireBalance, requireCorrectable, requireOtherPerson, requirePending } from './entries.ts';
import { ledgerSummary } from './ledger-summary.ts';
import { BENEFICIARY_CATEGORIES, PROGRAMMES } from './relief-labels.ts';
import { ledgerChanged } from './relief-index.ts';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`).transform(toNfc).default('');

export const SpendingFormSchema = z
  .object({
    kind: z.enum(['cash', 'goods'], { message: 'chọn tiền hoặc hiện vật' }),
    amount: z.string().trim().default(''),
    quantity: z.string().trim().default(''),
    unit: text(60),
    category: z.enum(BENEFICIARY_CATEGORIES.map((c) => c.key) as [string, ...string[]], { message: 'chọn đối tượng được hỗ trợ' }),
    programme: z.enum(['', ...PROGRAMMES.map((p) => p.key)] as [string, ...string[]]).default(''),
    house_work: z.enum(['', 'built', 'repaired']).default(''),
    description: text(1000).pipe(z.string().min(1, 'ghi nội dung chi, ví dụ "Hỗ trợ 50 hộ nghèo, mỗi hộ 10 kg gạo"')),
    beneficiary_count: z
      .string()
      .trim()
      .default('0')
      .pipe(
        z
          .string()
          .regex(/^\d{1,7}$/, 'ghi số người hoặc số hộ, ví dụ 50')
          .transform(Number),
      ),
    spent_on: requiredDay,
    handover_on: optionalDay,
  })
  .transform((form, ctx) => {
    const parsed = form.amount === '' && form.kind === 'goods' ? null : money.safeParse(form.amount);
    const amount = parsed === null ? null : parsed.success ? parsed.data : NaN;
    if (Number.isNaN(amount) || (form.kind === 'cash' && !amount)) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'ghi số tiền, ví dụ 5.000.000' });
    let quantity = 0;
    if (form.kind === 'goods') {
      quantity = parseQuantity(form.quantity) ?? 0;
      if (!quantity) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'ghi số lượng, ví dụ 500 hoặc 12,5' });
      if (!form.unit) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'ghi đơn vị, đúng như khi nhận, ví dụ kg gạo' });
    }
    if (form.programme && (!form.house_work || form.kind !== 'cash'))
      ctx.addIssue({ code: 'custom', path: ['house_work'], message: 'nhà thì chọn xây mới hoặc sửa chữa, chi bằng tiền' });
    if (!form.programme && form.house_work) ctx.addIssue({ code: 'custom', path: ['programme'], message: 'chọn chương trình nhà' });
    return { ...form, amount, quantity };
  });
export type SpendingForm = z.output<typeof SpendingFormSchema>;

export function parseSpendingForm(input: unknown): SpendingForm {
  return parseInput(SpendingFormSchema, input);
}

/** What was given, in the audit log's words. */
export function spendingLabel(
  s: Pick<SpendingRow, 'id' | 'kind' | 'amount' | 'description'> & { quantity?: number | undefined; unit?: string | undefined },
): string {
  const what = s.kind === 'cash' ? formatMoney(s.amount) : `${((s.quantity ?? 0) / 1000).toLocaleString('vi-VN')} ${s.unit ?? ''}`;
  return `#${s.id} ${what} – ${s.description}`;
}

/** The row values of a form; goods without a value are valued at the campaign's average value of that unit received. */
async function rowValues(
  db: Kysely<Database>,
  siteId: number,
  campaignId: number,
  actor: Actor,
  form: SpendingForm,
): Promise<Omit<NewSpending, 'site_id' | 'status' | 'created_at'>> {
  const key = form.kind === 'goods' ? unitKey(form.unit) : '';
  let amount = form.amount ?? 0;
  if (form.kind === 'goods' && form.amount === null) {
    const received = (await ledgerSummary(db, siteId, { campaignId })).received.goods.find((g) => g.unitKey === key);
    amount = received && received.quantity > 0 ? Math.round((received.value * form.quantity) / received.quantity) : 0;
  }
  return {
    campaign_id: campaignId,
    kind: form.kind,
    amount,
    quantity: form.quantity,
    unit: form.kind === 'goods' ? form.unit : '',
    unit_key: key,
    category: form.category,
    programme: form.programme,
    house_work: form.programme ? form.house_work : '',
    house_count: form.programme ? 1 : 0,
    description: form.description,
    beneficiary_count: form.beneficiary_count,
    spent_on: form.spent_on,
    handover_on: form.handover_on,
    reverses_id: null,
    replaces_id: null,
    created_by: actor.userId,
    confirmed_by: null,
    confirmed_at: null,
  };
}

/** A spending row of the site, or not_found. */
export async function loadSpending(db: Kysely<Database>, siteId: number, id: number): Promise<SpendingRow> {
  const row = await new ReliefLedgerRepository(db, siteId).findSpending(id);
  if (!row) throw new AppError('not_found', 'Không tìm thấy khoản chi.');
  return row;
}

/** Records a spending or support of a campaign, pending until an approver confirms it. */
export async function recordSpending(db: Kysely<Database>, actor: Actor, campaignId: number, form: SpendingForm): Promise<{ id: number }> {
  requireRelief(actor, 'relief.edit');
  return inTransaction(db, async (trx) => {
    await loadCampaign(trx, actor.siteId, campaignId);
    const values = await rowValues(trx, actor.siteId, campaignId, actor, form);
    const id = await new ReliefLedgerRepository(trx, actor.siteId).insertSpending({ ...values, status: 'pending', created_at: nowIso() });
    await recordAudit(trx, who(actor), {
      action: 'relief.spending_created',
      targetType: 'relief_spending',
      targetId: id,
      summary: spendingLabel({ ...values, id }),
    });
    return { id };
  });
}

/** Changes a pending spending row; a confirmed one is refused (entry_confirmed). */
export async function updateSpending(db: Kysely<Database>, actor: Actor, id: number, form: SpendingForm): Promise<void> {
  requireRelief(actor, 'relief.edit');
  await inTransaction(db, async (trx) => {
    const row = await loadSpending(trx, actor.siteId, id);
    requirePending(row);
    if (correctedId(row) !== null) throw new AppError('invalid_transition', 'Bút toán điều chỉnh không sửa được; hãy xóa và lập lại.');
    const { created_by: _by, ...values } = await rowValues(trx, actor.siteId, row.campaign_id, actor, form);
    if (!(await new ReliefLedgerRepository(trx, actor.siteId).updatePendingSpending(id, values))) throw new AppError('entry_confirmed');
    await recordAudit(trx, who(actor), {
      action: 'relief.spending_updated',
      targetType: 'relief_spending',
      targetId: id,
      summary: spendingLabel({ ...values, id }),
    });
  });
}

/** Deletes a pending spending row (a correction's rows go together). */
export async function deleteSpending(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  requireRelief(actor, 'relief.edit');
  await inTransaction(db, async (trx) => {
    const ledger = new ReliefLedgerRepository(trx, actor.siteId);
    const row = await loadSpending(trx, actor.siteId, id);
    requirePending(row);
    const target = correctedId(row);
    const group = target === null ? [row] : (await ledger.spendingCorrections(target)).filter((r) => r.status === 'pending');
    for (const r of group) await ledger.deletePendingSpending(r.id);
    await recordAudit(trx, who(actor), { action: 'relief.spending_deleted', targetType: 'relief_spending', targetId: id, summary: spendingLabel(row) });
  });
}

/** Confirms pending spending rows; the campaign must still hold what they give out. Needs an approver who entered none of them. */
export async function confirmSpending(db: Kysely<Database>, actor: Actor, campaignId: number, ids: number[]): Promise<number> {
  requireRelief(actor, 'relief.confirm');
  return inTransaction(db, async (trx) => {
    const ledger = new ReliefLedgerRepository(trx, actor.siteId);
    const rows = new Map<number, SpendingRow>();
    for (const id of ids) {
      const row = await ledger.findSpending(id);
      if (!row || row.campaign_id !== campaignId || row.status !== 'pending') continue;
      rows.set(row.id, row);
      const target = correctedId(row);
      if (target !== null) for (const c of await ledger.spendingCorrections(target)) if (c.status === 'pending') rows.set(c.id, c);
    }
    const all = [...rows.values()];
    if (all.length === 0) return 0;
    requireOtherPerson(actor, all);
    await ledger.confirmSpending([...rows.keys()], actor.userId, nowIso());
    await requireBalance(trx, actor.siteId, campaignId);
    await recordAudit(trx, who(actor), {
      action: 'relief.spending_confirmed',
      targetType: 'relief_spending',
      targetId: all.length === 1 ? all[0]!.id : null,
      summary: `${all.length} khoản: ${all.map(spendingLabel).join('; ')}`,
    });
    await ledgerChanged(trx, actor.siteId);
    return all.length;
  });
}

/** Corrects a confirmed spending row with a reversal and, unless it is only cancelled (form null), a replacement. */
export async function correctSpending(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  form: SpendingForm | null,
  reason: string | undefined,
): Promise<{ reversalId: number; replacementId: number | null }> {
  requireRelief(actor, 'relief.edit');
  const why = correctionReason(reason);
  return inTransaction(db, async (trx) => {
    const ledger = new ReliefLedgerRepository(trx, actor.siteId);
    const original = await loadSpending(trx, actor.siteId, id);
    requireCorrectable(original, await ledger.spendingCorrections(id));
    const now = nowIso();
    const { id: _id, site_id: _site, ...copy } = original;
    const reversalId = await ledger.insertSpending({
      ...copy,
      amount: -original.amount,
      quantity: -original.quantity,
      house_count: -original.house_count,
      beneficiary_count: -original.beneficiary_count,
      description: `Hủy khoản chi số ${original.id}: ${why}`,
      status: 'pending',
      reverses_id: original.id,
      replaces_id: null,
      correction_reason: why,
      created_by: actor.userId,
      created_at: now,
      confirmed_by: null,
      confirmed_at: null,
    });
    let replacementId: number | null = null;
    if (form) {
      const values = await rowValues(trx, actor.siteId, original.campaign_id, actor, form);
      replacementId = await ledger.insertSpending({ ...values, replaces_id: original.id, correction_reason: why, status: 'pending', created_at: now });
    }
    await recordAudit(trx, who(actor), {
      action: 'relief.spending_corrected',
      targetType: 'relief_spending',
      targetId: original.id,
      summary: `${spendingLabel(original)} → ${form ? `thay bằng khoản số ${replacementId}` : 'hủy'}; lý do: ${why}`,
    });
    return { reversalId, replacementId };
  });
}
