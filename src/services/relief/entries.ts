import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EntryStatus } from '../../db/schema/relief.ts';
import { AppError, validationError } from '../../errors.ts';
import { formatMoney, formatNumber } from '../../text/format.ts';
import type { Actor } from '../permissions.ts';
import { ledgerSummary } from './ledger-summary.ts';

/**
 * The rules receipts and spending share. A pending row may be changed or
 * deleted; a confirmed one never: a correction is a reversal (the row's
 * amounts negated) and, unless it only cancels, a replacement with the right
 * values, both pending until an approver who did not enter them confirms them.
 */

/** What both kinds of ledger row have. */
export interface EntryLike {
  id: number;
  status: EntryStatus;
  created_by: number | null;
  reverses_id: number | null;
  replaces_id: number | null;
}

/** Refuses to change a confirmed row. */
export function requirePending(entry: EntryLike): void {
  if (entry.status !== 'pending') throw new AppError('entry_confirmed');
}

/** Nobody confirms what they entered themselves: a second person checks every figure. */
export function requireOtherPerson(actor: Actor, entries: EntryLike[]): void {
  if (entries.some((e) => e.created_by !== null && e.created_by === actor.userId)) {
    throw new AppError('forbidden', 'Không tự xác nhận khoản do chính mình nhập: cần một người khác có quyền xác nhận.');
  }
}

/** The row a correction row corrects, or null for an ordinary row. */
export function correctedId(entry: Pick<EntryLike, 'reverses_id' | 'replaces_id'>): number | null {
  return entry.reverses_id ?? entry.replaces_id;
}

/** Refuses a correction of a row that is not confirmed, or already corrected. */
export function requireCorrectable(entry: EntryLike, corrections: EntryLike[]): void {
  if (entry.status !== 'confirmed') throw new AppError('invalid_transition', 'Khoản chưa xác nhận thì sửa trực tiếp, không cần bút toán điều chỉnh.');
  if (entry.reverses_id !== null) throw new AppError('invalid_transition', 'Không điều chỉnh một bút toán hủy; hãy điều chỉnh khoản thay thế.');
  if (corrections.some((c) => c.reverses_id === entry.id)) throw new AppError('conflict', 'Khoản này đã có bút toán điều chỉnh.');
}

/** A correction needs its reason. */
export function correctionReason(reason: string | undefined): string {
  const text = (reason ?? '').trim().normalize('NFC').slice(0, 500);
  if (!text) throw validationError([{ field: 'reason', message: 'hãy ghi lý do điều chỉnh' }]);
  return text;
}

/**
 * Checks, after a change inside its transaction, that the campaign has not
 * given out more than it received: cash, and each unit of goods.
 */
export async function requireBalance(db: Kysely<Database>, siteId: number, campaignId: number): Promise<void> {
  const summary = await ledgerSummary(db, siteId, { campaignId });
  if (summary.balance.cash < 0) {
    throw new AppError('balance_exceeded', `Khoản chi vượt quá số tiền còn lại của cuộc vận động (thiếu ${formatMoney(-summary.balance.cash)}).`);
  }
  const short = summary.balance.goods.find((g) => g.quantity < 0);
  const unknown = summary.spent.goods.find((s) => !summary.received.goods.some((r) => r.unitKey === s.unitKey) && s.quantity > 0);
  if (short || unknown) {
    const line = short ?? unknown!;
    const missing = short ? -short.quantity : unknown!.quantity;
    throw new AppError('balance_exceeded', `Số hàng cấp phát vượt quá số đã nhận: thiếu ${formatNumber(missing / 1000)} ${line.unit}.`);
  }
}
