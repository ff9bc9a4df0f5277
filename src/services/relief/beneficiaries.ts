import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { ReliefBeneficiaryRepository } from '../../repositories/relief-beneficiary-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import type { Actor } from '../permissions.ts';
import { parseInput } from '../validation.ts';
import { requireRelief, who } from './campaigns.ts';
import { loadSpending } from './spending.ts';

/**
 * The people a spending reached: private records, kept for the ward's own
 * checks. Public pages show how many were helped, and a name only when that
 * person agreed. Unlike ledger rows they can be corrected in place (a name
 * misspelt, a consent withdrawn), and every change is audited.
 */

export const BeneficiaryFormSchema = z.object({
  full_name: z.string().trim().min(1, 'không được để trống').max(200, 'tối đa 200 ký tự').transform(toNfc),
  address: z.string().trim().max(300, 'tối đa 300 ký tự').transform(toNfc).default(''),
  note: z.string().trim().max(500, 'tối đa 500 ký tự').transform(toNfc).default(''),
  consent_public: z
    .string()
    .optional()
    .transform((v) => (v === '1' ? 1 : 0)),
});
export type BeneficiaryForm = z.output<typeof BeneficiaryFormSchema>;

export function parseBeneficiaryForm(input: unknown): BeneficiaryForm {
  return parseInput(BeneficiaryFormSchema, input);
}

/** Adds (id null) or corrects a person of a spending row. */
export async function saveBeneficiary(db: Kysely<Database>, actor: Actor, spendingId: number, id: number | null, form: BeneficiaryForm): Promise<void> {
  requireRelief(actor, 'relief.edit');
  await inTransaction(db, async (trx) => {
    const spending = await loadSpending(trx, actor.siteId, spendingId);
    const repo = new ReliefBeneficiaryRepository(trx, actor.siteId);
    const now = nowIso();
    let targetId: number;
    if (id === null) {
      targetId = await repo.insert({ ...form, spending_id: spending.id, created_by: actor.userId, created_at: now });
    } else {
      const existing = await repo.find(id);
      if (!existing || existing.spending_id !== spending.id) throw new AppError('not_found', 'Không tìm thấy người nhận hỗ trợ.');
      targetId = existing.id;
      await repo.update(id, { ...form, updated_at: now });
    }
    // The audit log names the spending row, never the person: the log is read by more people than the list.
    await recordAudit(trx, who(actor), {
      action: id === null ? 'relief.beneficiary_added' : 'relief.beneficiary_updated',
      targetType: 'relief_beneficiary',
      targetId,
      summary: `Khoản chi số ${spending.id}${form.consent_public ? ' (đồng ý công khai tên)' : ''}`,
    });
  });
}

/** Removes a person from a spending row's private list. */
export async function removeBeneficiary(db: Kysely<Database>, actor: Actor, spendingId: number, id: number): Promise<void> {
  requireRelief(actor, 'relief.edit');
  await inTransaction(db, async (trx) => {
    const repo = new ReliefBeneficiaryRepository(trx, actor.siteId);
    const existing = await repo.find(id);
    if (!existing || existing.spending_id !== spendingId) throw new AppError('not_found', 'Không tìm thấy người nhận hỗ trợ.');
    await repo.remove(id);
    await recordAudit(trx, who(actor), {
      action: 'relief.beneficiary_removed',
      targetType: 'relief_beneficiary',
      targetId: id,
      summary: `Khoản chi số ${spendingId}`,
    });
  });
}
