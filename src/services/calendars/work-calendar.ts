import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { CalendarEntryRow, CalendarSession } from '../../db/schema/calendars.ts';
import { AppError } from '../../errors.ts';
import { CalendarRepository } from '../../repositories/calendar-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import { type Actor, can } from '../permissions.ts';
import { publishedSnapshot } from '../review/item-store.ts';
import { type ReviewState, reviewState } from '../review/state.ts';
import { saveWithRevision } from '../review/saves.ts';
import { parseInput } from '../validation.ts';
import { type CalendarEntrySnapshot, entryContent, weekLabel, workWeekReview } from './calendar-review.ts';
import { type IsoWeek, addDays, addWeeks, dayName, displayDay, isoWeekOf, parseDisplayDay, weekDays, weekKey } from './weeks.ts';

/** The names of the two halves of a working day. */
export const SESSION_NAMES: Record<CalendarSession, string> = { sang: 'Sáng', chieu: 'Chiều' };

const text = (max: number) => z.string({ message: 'không hợp lệ' }).trim().max(max, `tối đa ${max} ký tự`).transform(toNfc).default('');
const required = (max: number) => text(max).pipe(z.string().min(1, 'không được để trống'));

/** "7:30", "07:30", "7h30" → "07:30"; null when it is not a time of day. */
export function normalizeTime(value: string): string | null {
  const match = /^([01]?\d|2[0-3])\s*[:hH]\s*([0-5]\d)$/.exec(value.trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : null;
}

/** Before noon is Sáng, from noon on is Chiều. */
export function sessionOfTime(time: string): CalendarSession {
  return time < '12:00' ? 'sang' : 'chieu';
}

/** The Lịch công tác entry form as posted; field names are the form's, so errors land beside their inputs. */
export const CalendarEntrySchema = z
  .object({
    day: z
      .string({ message: 'không được để trống' })
      .trim()
      .min(1, 'không được để trống')
      .transform((v, ctx) => parseDisplayDay(v) ?? (ctx.addIssue({ code: 'custom', message: 'ngày phải viết dd/mm/yyyy và có thật' }), z.NEVER)),
    start_time: z
      .string({ message: 'không được để trống' })
      .trim()
      .min(1, 'không được để trống')
      .transform((v, ctx) => normalizeTime(v) ?? (ctx.addIssue({ code: 'custom', message: 'giờ phải viết HH:mm, ví dụ 07:30' }), z.NEVER)),
    // Blank means "from the time": before 12:00 is Sáng.
    session: z.enum(['', 'sang', 'chieu'], { message: 'chọn Sáng, Chiều hoặc theo giờ' }).default(''),
    task: required(1000),
    presider: text(200),
    participants: text(1000),
    location: text(300),
  })
  .transform((form) => ({ ...form, session: (form.session || sessionOfTime(form.start_time)) as CalendarSession }));
export type CalendarEntryForm = z.output<typeof CalendarEntrySchema>;

/** Parses a posted entry form; throws validation_failed with `field: message` errors. */
export function parseCalendarEntry(input: unknown): CalendarEntryForm {
  return parseInput(CalendarEntrySchema, input);
}

/** The weeks a change touched, each as the revision of its week records it. */
const weeksSaved = (weeks: IsoWeek[]) => weeks.map((week) => ({ key: weekKey(week), title: weekLabel(week) }));

const who = (actor: Actor) => ({ userId: actor.userId, email: actor.email, siteId: actor.siteId, ip: actor.ip });
const summaryOf = (e: Pick<CalendarEntryRow, 'day' | 'start_time' | 'task'>) => `${e.start_time} ${displayDay(e.day)}: ${e.task.slice(0, 120)}`;

function requireEditor(actor: Actor): void {
  if (!can(actor, 'calendar.edit')) throw new AppError('forbidden');
}

/** An entry of the actor's site, or not_found; never another site's. */
export async function loadCalendarEntry(db: Kysely<Database>, actor: Actor, id: number): Promise<CalendarEntryRow> {
  const entry = await new CalendarRepository(db, actor.siteId).findEntry(id);
  if (!entry) throw new AppError('not_found', 'Không tìm thấy mục lịch công tác.');
  return entry;
}

/**
 * Adds (id null) or changes an entry, audited, in one transaction. The week
 * (both weeks, when an entry moves) becomes a draft revision; the public keeps
 * seeing the last published week until an approver publishes it.
 */
export async function saveCalendarEntry(
  db: Kysely<Database>,
  actor: Actor,
  id: number | null,
  form: CalendarEntryForm,
): Promise<{ id: number; week: IsoWeek }> {
  requireEditor(actor);
  return inTransaction(db, async (trx) => {
    const entries = new CalendarRepository(trx, actor.siteId);
    const existing = id === null ? null : await loadCalendarEntry(trx, actor, id);
    const weeks = existing ? [isoWeekOf(existing.day), isoWeekOf(form.day)] : [isoWeekOf(form.day)];
    const { result: entryId } = await saveWithRevision(trx, actor, workWeekReview, weeks.map(weekKey), async () => {
      const now = nowIso();
      const values = { ...form, updated_by: actor.userId, updated_at: now };
      if (existing) await entries.updateEntry(existing.id, values);
      const saved = existing?.id ?? (await entries.insertEntry({ ...values, created_by: actor.userId, created_at: now }));
      return { result: saved, saved: weeksSaved(weeks) };
    });
    await recordAudit(trx, who(actor), {
      action: existing ? 'calendar.entry_updated' : 'calendar.entry_created',
      targetType: 'calendar_entry',
      targetId: entryId,
      summary: summaryOf(form),
    });
    return { id: entryId, week: isoWeekOf(form.day) };
  });
}

/** Deletes an entry of the actor's site, audited, as a new draft of its week; returns the week it was in. */
export async function deleteCalendarEntry(db: Kysely<Database>, actor: Actor, id: number): Promise<IsoWeek> {
  requireEditor(actor);
  return inTransaction(db, async (trx) => {
    const entry = await loadCalendarEntry(trx, actor, id);
    const week = isoWeekOf(entry.day);
    await saveWithRevision(trx, actor, workWeekReview, [weekKey(week)], async () => {
      await new CalendarRepository(trx, actor.siteId).deleteEntry(id);
      return { result: null, saved: weeksSaved([week]) };
    });
    await recordAudit(trx, who(actor), { action: 'calendar.entry_deleted', targetType: 'calendar_entry', targetId: id, summary: summaryOf(entry) });
    return week;
  });
}

/**
 * Copies last week's entries into a week, each to the same weekday and time,
 * for the meetings that recur (giao ban, tiếp công dân). An entry the week
 * already has (same day, time and task) is not copied twice. Returns how many were added.
 */
export async function copyPreviousWeek(db: Kysely<Database>, actor: Actor, week: IsoWeek): Promise<number> {
  requireEditor(actor);
  return inTransaction(db, async (trx) => {
    const entries = new CalendarRepository(trx, actor.siteId);
    const previous = weekDays(addWeeks(week, -1));
    const target = weekDays(week);
    const source = await entries.entriesBetween(previous[0]!, previous[6]!);
    const existing = new Set((await entries.entriesBetween(target[0]!, target[6]!)).map((e) => `${e.day} ${e.start_time} ${e.task}`));
    const { result: added } = await saveWithRevision(trx, actor, workWeekReview, [weekKey(week)], async () => {
      const now = nowIso();
      let count = 0;
      for (const e of source) {
        const day = addDays(e.day, 7);
        if (existing.has(`${day} ${e.start_time} ${e.task}`)) continue;
        await entries.insertEntry({
          ...entryContent(e),
          day,
          created_by: actor.userId,
          updated_by: actor.userId,
          created_at: now,
          updated_at: now,
        });
        count += 1;
      }
      return { result: count, saved: count > 0 ? weeksSaved([week]) : [] };
    });
    if (added > 0) {
      await recordAudit(trx, who(actor), {
        action: 'calendar.week_copied',
        targetType: 'calendar_week',
        summary: `${added} mục từ tuần ${addWeeks(week, -1).week} sang tuần ${week.week}/${week.year}`,
      });
    }
    return added;
  });
}

/** One day of a week as the calendar shows it: its entries split into Sáng and Chiều. */
export interface CalendarDay {
  day: string;
  name: string;
  display: string;
  sang: CalendarEntrySnapshot[];
  chieu: CalendarEntrySnapshot[];
}

/** A week of Lịch công tác: its seven days, Thứ Hai first, and its neighbours. */
export interface CalendarWeek {
  week: IsoWeek;
  days: CalendarDay[];
  previous: IsoWeek;
  next: IsoWeek;
}

/**
 * Reads one week of a site's calendar as the public sees it: the last
 * published version (a week never edited since the review workflow began is
 * public as it stands), entries ordered by time within each half-day.
 */
export async function readCalendarWeek(db: Kysely<Database>, siteId: number, week: IsoWeek): Promise<CalendarWeek> {
  const days = weekDays(week);
  const published = await publishedSnapshot(db, siteId, workWeekReview.type, weekKey(week));
  const rows =
    published === undefined ? await new CalendarRepository(db, siteId).entriesBetween(days[0]!, days[6]!) : ((published ?? []) as CalendarEntrySnapshot[]);
  return {
    week,
    days: days.map((day) => {
      const ofDay = rows.filter((r) => r.day === day);
      return {
        day,
        name: dayName(day),
        display: displayDay(day),
        sang: ofDay.filter((r) => r.session === 'sang'),
        chieu: ofDay.filter((r) => r.session === 'chieu'),
      };
    }),
    previous: addWeeks(week, -1),
    next: addWeeks(week, 1),
  };
}

/** One week as the newsroom edits it: its entries as they now stand (the draft), and its review for this person. */
export async function staffWeek(db: Kysely<Database>, actor: Actor, week: IsoWeek): Promise<{ entries: CalendarEntryRow[]; review: ReviewState }> {
  const days = weekDays(week);
  const entries = await new CalendarRepository(db, actor.siteId).entriesBetween(days[0]!, days[6]!);
  return { entries, review: await reviewState(db, actor, workWeekReview, weekKey(week)) };
}
