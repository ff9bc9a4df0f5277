import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CalendarEntryRow, ReceptionSlotRow } from '../../db/schema/calendars.ts';
import { CalendarRepository } from '../../repositories/calendar-repository.ts';
import { pagesChanged } from '../pages/page-changes.ts';
import { itemStore, moduleRules } from '../review/item-store.ts';
import type { ReviewKind } from '../review/kind.ts';
import { calendarTag } from './calendar-tags.ts';
import { type IsoWeek, displayDay, parseWeekKey, weekDays } from './weeks.ts';

/** An entry of Lịch công tác as a revision keeps it and the public page shows it. */
export type CalendarEntrySnapshot = Pick<CalendarEntryRow, 'id' | 'day' | 'session' | 'start_time' | 'task' | 'presider' | 'participants' | 'location'>;
/** A row of Lịch tiếp công dân as a revision keeps it and the public page shows it. */
export type ReceptionSlotSnapshot = Pick<ReceptionSlotRow, 'id' | 'official_name' | 'position' | 'days' | 'hours' | 'place' | 'sort_order'>;

/** What an entry says, apart from its day: what copying a week carries over. */
export const entryContent = (e: CalendarEntryRow) => ({
  session: e.session,
  start_time: e.start_time,
  task: e.task,
  presider: e.presider,
  participants: e.participants,
  location: e.location,
});
const entrySnapshot = (e: CalendarEntryRow): CalendarEntrySnapshot => ({ id: e.id, day: e.day, ...entryContent(e) });
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
async function weekEntries(db: Kysely<Database>, siteId: number, week: IsoWeek | null): Promise<CalendarEntrySnapshot[]> {
  if (!week) return [];
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

/** Every review step of a calendar drops its cached public pages. */
async function calendarPagesChanged(db: Kysely<Database>, siteId: number): Promise<void> {
  await pagesChanged(db, [calendarTag(siteId)]);
}

/** Calendars: calendar.edit makes drafts and submits, calendar.publish reviews; edits of a published version wait for review. */
const CALENDAR_RULES = moduleRules('calendar.edit', 'calendar.publish');

/**
 * Lịch công tác in the review engine, one item per ISO week: staff
 * edits make a draft of the week, and the public week page keeps showing the
 * last published version until an approver who did not edit it publishes the new one.
 */
export const workWeekReview: ReviewKind = {
  type: 'work_week',
  noun: 'lịch công tác tuần',
  targetType: 'calendar_week',
  ...CALENDAR_RULES,
  audit: { submit: 'calendar.week_submitted', return: 'calendar.week_returned', publish: 'calendar.week_published', unpublish: 'calendar.week_unpublished' },
  adminPath: (key) => `/quan-tri/lich-cong-tac?tuan=${key}`,
  store: itemStore('work_week', {
    snapshot: (db, siteId, key) => weekEntries(db, siteId, weekOfKey(key)),
    async legacy(db, siteId, key) {
      const week = weekOfKey(key);
      if (!week) return null;
      const entries = await weekEntries(db, siteId, week);
      // A week with entries from before the workflow was public as it stands.
      if (entries.length === 0) return null;
      return { title: weekLabel(week), status: 'published', createdBy: null, updatedBy: null, snapshot: entries };
    },
  }),
  diff: {
    fields: WEEKDAY_FIELDS.map((field, i) => ({ field, label: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'][i]! })),
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
  },
  changed: calendarPagesChanged,
};

/** The one item of Lịch tiếp công dân per site. */
export const RECEPTION_KEY = 'lich';

/** The reception schedule's title, in lists and the audit log. */
export const RECEPTION_TITLE = 'Lịch tiếp công dân';

/** Lịch tiếp công dân in the review engine: the whole schedule is one item, reviewed as a whole. */
export const receptionReview: ReviewKind = {
  type: 'reception',
  noun: 'lịch tiếp công dân',
  targetType: 'reception_schedule',
  ...CALENDAR_RULES,
  audit: {
    submit: 'calendar.reception_submitted',
    return: 'calendar.reception_returned',
    publish: 'calendar.reception_published',
    unpublish: 'calendar.reception_unpublished',
  },
  adminPath: () => '/quan-tri/lich-tiep-cong-dan',
  store: itemStore('reception', {
    snapshot: (db, siteId) => receptionRows(db, siteId),
    async legacy(db, siteId, key) {
      if (key !== RECEPTION_KEY) return null;
      const rows = await receptionRows(db, siteId);
      if (rows.length === 0) return null;
      return { title: RECEPTION_TITLE, status: 'published', createdBy: null, updatedBy: null, snapshot: rows };
    },
  }),
  diff: {
    fields: [{ field: 'rows', label: 'Lịch tiếp công dân' }],
    asText(snapshot) {
      const rows = snapshot as ReceptionSlotSnapshot[];
      return { rows: rows.map((s) => line([s.official_name, s.position, s.days, s.hours, s.place])).join('\n') };
    },
  },
  changed: calendarPagesChanged,
};
