import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ReceptionSlotRow } from '../../db/schema/calendars.ts';
import { AppError } from '../../errors.ts';
import { CalendarRepository } from '../../repositories/calendar-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import { type Actor, can } from '../permissions.ts';
import { publishedSnapshot } from '../review/item-store.ts';
import { type ReviewState, reviewState } from '../review/state.ts';
import { saveWithRevision } from '../review/saves.ts';
import { parseInput } from '../validation.ts';
import { RECEPTION_KEY, RECEPTION_TITLE, type ReceptionSlotSnapshot, receptionReview } from './calendar-review.ts';

const text = (max: number) => z.string({ message: 'không hợp lệ' }).trim().max(max, `tối đa ${max} ký tự`).transform(toNfc).default('');
const required = (max: number) => text(max).pipe(z.string().min(1, 'không được để trống'));

/** A Lịch tiếp công dân row as posted: who receives citizens, on which days, at what hours and where. */
export const ReceptionSlotSchema = z.object({
  official_name: required(120),
  position: text(200),
  days: required(300),
  hours: text(120),
  place: text(300),
  sort_order: z
    .string({ message: 'phải là số' })
    .trim()
    .default('')
    .transform((v, ctx) => {
      if (v === '') return 0;
      if (!/^\d{1,4}$/.test(v)) return (ctx.addIssue({ code: 'custom', message: 'phải là số từ 0 đến 9999' }), z.NEVER);
      return Number(v);
    }),
});
export type ReceptionSlotForm = z.output<typeof ReceptionSlotSchema>;

/** Parses a posted reception row; throws validation_failed with `field: message` errors. */
export function parseReceptionSlot(input: unknown): ReceptionSlotForm {
  return parseInput(ReceptionSlotSchema, input);
}

/** A change of any row is a new revision of the whole schedule. */
const SCHEDULE_SAVED = [{ key: RECEPTION_KEY, title: RECEPTION_TITLE }];

const who = (actor: Actor) => ({ userId: actor.userId, email: actor.email, siteId: actor.siteId, ip: actor.ip });
const summaryOf = (s: Pick<ReceptionSlotRow, 'official_name' | 'days'>) => `${s.official_name}: ${s.days}`.slice(0, 200);

function requireEditor(actor: Actor): void {
  if (!can(actor, 'calendar.edit')) throw new AppError('forbidden');
}

/** A reception row of the actor's site, or not_found; never another site's. */
export async function loadReceptionSlot(db: Kysely<Database>, actor: Actor, id: number): Promise<ReceptionSlotRow> {
  const slot = await new CalendarRepository(db, actor.siteId).findReceptionSlot(id);
  if (!slot) throw new AppError('not_found', 'Không tìm thấy dòng lịch tiếp công dân.');
  return slot;
}

/** Adds (id null) or changes a reception row, audited, in one transaction: a new draft of the schedule, public once approved. */
export async function saveReceptionSlot(db: Kysely<Database>, actor: Actor, id: number | null, form: ReceptionSlotForm): Promise<{ id: number }> {
  requireEditor(actor);
  return inTransaction(db, async (trx) => {
    const slots = new CalendarRepository(trx, actor.siteId);
    const existing = id === null ? null : await loadReceptionSlot(trx, actor, id);
    const { result: slotId } = await saveWithRevision(trx, actor, receptionReview, [RECEPTION_KEY], async () => {
      const now = nowIso();
      const values = { ...form, updated_by: actor.userId, updated_at: now };
      if (existing) await slots.updateReceptionSlot(existing.id, values);
      const saved = existing?.id ?? (await slots.insertReceptionSlot({ ...values, created_by: actor.userId, created_at: now }));
      return { result: saved, saved: SCHEDULE_SAVED };
    });
    await recordAudit(trx, who(actor), {
      action: existing ? 'calendar.reception_updated' : 'calendar.reception_created',
      targetType: 'reception_slot',
      targetId: slotId,
      summary: summaryOf(form),
    });
    return { id: slotId };
  });
}

/** Deletes a reception row of the actor's site, audited, as a new draft of the schedule. */
export async function deleteReceptionSlot(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  requireEditor(actor);
  await inTransaction(db, async (trx) => {
    const slot = await loadReceptionSlot(trx, actor, id);
    await saveWithRevision(trx, actor, receptionReview, [RECEPTION_KEY], async () => {
      await new CalendarRepository(trx, actor.siteId).deleteReceptionSlot(id);
      return { result: null, saved: SCHEDULE_SAVED };
    });
    await recordAudit(trx, who(actor), { action: 'calendar.reception_deleted', targetType: 'reception_slot', targetId: id, summary: summaryOf(slot) });
  });
}

/** The site's reception schedule as the public sees it: the last published version, in its public order. */
export async function readReceptionSchedule(db: Kysely<Database>, siteId: number): Promise<ReceptionSlotSnapshot[]> {
  const published = await publishedSnapshot(db, siteId, receptionReview.type, RECEPTION_KEY);
  // A schedule never edited since the review workflow began is public as it stands.
  if (published === undefined) return new CalendarRepository(db, siteId).receptionSlots();
  return (published ?? []) as ReceptionSlotSnapshot[];
}

/** The reception schedule as the newsroom edits it: its rows as they now stand (the draft), and its review for this person. */
export async function staffReception(db: Kysely<Database>, actor: Actor): Promise<{ slots: ReceptionSlotRow[]; review: ReviewState }> {
  const slots = await new CalendarRepository(db, actor.siteId).receptionSlots();
  return { slots, review: await reviewState(db, actor, receptionReview, RECEPTION_KEY) };
}
