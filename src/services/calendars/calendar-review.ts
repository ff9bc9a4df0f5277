import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CalendarEntryRow, ReceptionSlotRow } from '../../db/schema/calendars.ts';
import { CalendarRepository } from '../../repositories/calendar-repository.ts';
import { pagesChanged } from '../pages/page-changes.ts';
import type { Actor } from '../permissions.ts';
import { type ReviewKind, findReview, recordItemSave } from '../workflow/item-review.ts';
import { calendarTag } from './calendar-tags.ts';
import { type IsoWeek, displayDay, parseWeekKey, weekDays, weekKey } from './weeks.ts';

/** An entry of Lịch công tác as a revision keeps it and the public page shows it. */
export type CalendarEntrySnapshot = Pick<CalendarEntryRow, 'id' | 'day' | 'session' | 'start_time' | 'task' | 'presider' | 'participants' | 'location'>;
/** A row of Lịch tiếp công dân as a revision keeps it and the public page shows it. */
export type ReceptionSlotSnapshot = Pick<ReceptionSlotRow, 'id' | 'official_name' | 'position' | 'days' | 'hours' | 'place' | 'sort_order'>;

const entrySnapshot = (e: CalendarEntryRow): CalendarEntrySnapshot => ({
  id: e.id,
  day: e.day,
  session: e.session,
  start_time: e.start_time,
  task: e.task,
  presider: e.presider,
  participants: e.participants,
  location: e.location,
});
const slotSnapshot = (s: ReceptionSlotRow): ReceptionSlotSnapshot => ({
  id: s.id,
  official_name: s.official_name,
  position: s.position,
  days: s.days,
  hours: s.hours,
  place: s.place,
  sort_order: s.sort_order,
});

const WEEKDAY_FIELDS = ['thu-hai', 'thu-ba', 'thu-tu', 'thu-nam', 'thu-sau', 'thu-bay', 'chu-nhat'];
const line = (parts: string[]) => parts.filter(Boolean).join(' — ');

/** The entries of one week of a site, as they are now (the draft), oldest first within each time. */
async function weekEntries(db: Kysely<Database>, siteId: number, week: IsoWeek): Promise<CalendarEntrySnapshot[]> {
  const days = weekDays(week);
  return (await new CalendarRepository(db, siteId).entriesBetween(days[0]!, days[6]!)).map(entrySnapshot);
}

/** The reception schedule of a site as it is now (the draft), in its public order. */
async function receptionRows(db: Kysely<Database>, siteId: number): Promise<ReceptionSlotSnapshot[]> {
  return (await new CalendarRepository(db, siteId).receptionSlots()).map(slotSnapshot);
}

const weekOfKey = (key: string): IsoWeek | null => {
  const parsed = parseWeekKey(key);
  return parsed.ok ? parsed.week : null;
};

/** What lists and the audit log call a week: "Lịch công tác tuần 48/2026". */
export const weekLabel = (week: IsoWeek) => `Lịch công tác tuần ${week.week}/${week.year}`;

/**
 * Lịch công tác in the shared review workflow, one item per ISO week: staff
 * edits make a draft of the week, and the public week page keeps showing the
 * last published version until an approver who did not edit it publishes the new one.
 */
export const workWeekReview: ReviewKind = {
  type: 'work_week',
  noun: 'lịch công tác tuần',
  targetType: 'calendar_week',
  edit: 'calendar.edit',
  publish: 'calendar.publish',
  publishedEdits: 'draft',
  audit: { submit: 'calendar.week_submitted', return: 'calendar.week_returned', publish: 'calendar.week_published', unpublish: 'calendar.week_unpublished' },
  adminPath: (key) => `/quan-tri/lich-cong-tac?tuan=${key}`,
  diffFields: WEEKDAY_FIELDS.map((field, i) => ({ field, label: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'][i]! })),
  asText(snapshot) {
    const entries = snapshot as CalendarEntrySnapshot[];
    const byDay: Record<string, string[]> = {};
    for (const e of entries) {
      // Monday is 0: the ISO weekday of the calendar day.
      const index = (new Date(`${e.day}T00:00:00Z`).getUTCDay() + 6) % 7;
      (byDay[WEEKDAY_FIELDS[index]!] ??= []).push(
        line([
          `${e.start_time} ${displayDay(e.day)}`,
          e.task,
          e.presider && `Chủ trì: ${e.presider}`,
          e.participants && `Thành phần: ${e.participants}`,
          e.location && `Địa điểm: ${e.location}`,
        ]),
      );
    }
    return Object.fromEntries(WEEKDAY_FIELDS.map((f) => [f, (byDay[f] ?? []).join('\n')]));
  },
  async legacy(db, siteId, key) {
    const week = weekOfKey(key);
    if (!week) return null;
    const entries = await weekEntries(db, siteId, week);
    // A week with entries from before the workflow was public as it stands.
    if (entries.length === 0) return null;
    return { title: weekLabel(week), status: 'published', createdBy: null, updatedBy: null, snapshot: entries };
  },
  async statusChanged(db, siteId) {
    await pagesChanged(db, [calendarTag(siteId)]);
  },
};

/** The one item of Lịch tiếp công dân per site. */
export const RECEPTION_KEY = 'lich';

/** Lịch tiếp công dân in the shared review workflow: the whole schedule is one item, reviewed as a whole. */
export const receptionReview: ReviewKind = {
  type: 'reception',
  noun: 'lịch tiếp công dân',
  targetType: 'reception_schedule',
  edit: 'calendar.edit',
  publish: 'calendar.publish',
  publishedEdits: 'draft',
  audit: {
    submit: 'calendar.reception_submitted',
    return: 'calendar.reception_returned',
    publish: 'calendar.reception_published',
    unpublish: 'calendar.reception_unpublished',
  },
  adminPath: () => '/quan-tri/lich-tiep-cong-dan',
  diffFields: [{ field: 'rows', label: 'Lịch tiếp công dân' }],
  asText(snapshot) {
    const rows = snapshot as ReceptionSlotSnapshot[];
    return { rows: rows.map((s) => line([s.official_name, s.position, s.days, s.hours, s.place])).join('\n') };
  },
  async legacy(db, siteId, key) {
    if (key !== RECEPTION_KEY) return null;
    const rows = await receptionRows(db, siteId);
    if (rows.length === 0) return null;
    return { title: 'Lịch tiếp công dân', status: 'published', createdBy: null, updatedBy: null, snapshot: rows };
  },
  async statusChanged(db, siteId) {
    await pagesChanged(db, [calendarTag(siteId)]);
  },
};

/** Which weeks already had a review state before a change: the others are new items. */
export type WeeksBefore = Map<string, boolean>;

/**
 * Before a command changes entries of these weeks: makes sure a week edited
 * for the first time since the workflow keeps what the public saw as its
 * published version. Call it before changing anything, in the same transaction.
 */
export async function beforeWeekChange(trx: Kysely<Database>, actor: Actor, weeks: IsoWeek[]): Promise<WeeksBefore> {
  const before: WeeksBefore = new Map();
  for (const week of weeks) before.set(weekKey(week), Boolean(await findReview(trx, actor.siteId, workWeekReview, weekKey(week))));
  return before;
}

/** After a command changed entries of these weeks: each becomes a new draft revision (refused while it waits for review, unless one may publish). */
export async function afterWeekChange(trx: Kysely<Database>, actor: Actor, weeks: IsoWeek[], before: WeeksBefore): Promise<void> {
  const unique = [...new Map(weeks.map((w) => [weekKey(w), w])).values()];
  for (const week of unique) {
    const key = weekKey(week);
    await recordItemSave(trx, actor, workWeekReview, key, weekLabel(week), await weekEntries(trx, actor.siteId, week), { created: !before.get(key) });
  }
}

/** The reception counterpart of beforeWeekChange: whether the schedule already had a review state. */
export async function beforeReceptionChange(trx: Kysely<Database>, actor: Actor): Promise<boolean> {
  return Boolean(await findReview(trx, actor.siteId, receptionReview, RECEPTION_KEY));
}

/** The reception counterpart of afterWeekChange. */
export async function afterReceptionChange(trx: Kysely<Database>, actor: Actor, existed: boolean): Promise<void> {
  await recordItemSave(trx, actor, receptionReview, RECEPTION_KEY, 'Lịch tiếp công dân', await receptionRows(trx, actor.siteId), { created: !existed });
}
