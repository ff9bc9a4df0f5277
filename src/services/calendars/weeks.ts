/**
 * ISO 8601 weeks, as Lịch công tác is published: a week runs Thứ Hai to Chủ
 * nhật and belongs to the year of its Thursday, so 29/12/2025 opens
 * 2026-W01 and a year has 52 or 53 weeks. Days are plain "yyyy-mm-dd"
 * calendar days; "today" is the day in Vietnam (UTC+7, no daylight saving).
 * Pure functions only: no clock is read here unless passed in.
 */

/** An ISO week: its week-numbering year and its number, 1–53. */
export interface IsoWeek {
  year: number;
  week: number;
}

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_NAMES = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A calendar day as a UTC midnight timestamp, for day arithmetic. */
function dayMs(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The day `n` days after (or before, when negative) a day. */
export function addDays(day: string, n: number): string {
  return dayOf(dayMs(day) + n * DAY_MS);
}

/** 1 for Monday … 7 for Sunday, as ISO counts. */
function isoWeekday(day: string): number {
  return new Date(dayMs(day)).getUTCDay() || 7;
}

/** The calendar day in Vietnam of an instant: 23:30 UTC on the 22nd is already the 23rd in Hà Nội. */
export function vietnamToday(now: Date): string {
  return dayOf(Math.floor((now.getTime() + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/** Whether "yyyy-mm-dd" names a day that exists (no 31/02). */
export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const year = Number(day.slice(0, 4));
  return year >= 1900 && year <= 2200 && dayOf(dayMs(day)) === day;
}

/** The ISO week a day belongs to. */
export function isoWeekOf(day: string): IsoWeek {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayMs(thursday) - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return { year, week };
}

/** 53 when the year has a week 53 (it starts on a Thursday, or on a Wednesday in a leap year), else 52. */
export function weeksInYear(year: number): number {
  return isoWeekOf(`${pad(year, 4)}-12-28`).week;
}

/** The Monday that opens an ISO week. */
export function weekStart({ year, week }: IsoWeek): string {
  const jan4 = `${pad(year, 4)}-01-04`;
  return addDays(addDays(jan4, 1 - isoWeekday(jan4)), (week - 1) * 7);
}

/** The seven days of a week, Thứ Hai first. */
export function weekDays(week: IsoWeek): string[] {
  const monday = weekStart(week);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The week `n` weeks after (or before) a week, across year ends. */
export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  return isoWeekOf(addDays(weekStart(week), n * 7));
}

/** The week as written in URLs: "2026-W48". */
export function weekKey({ year, week }: IsoWeek): string {
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** The result of reading a week from a URL. */
export type WeekParse = { ok: true; week: IsoWeek } | { ok: false; reason: 'format' | 'range' };

/**
 * Reads "2026-W48" (or "2026-w48"). A malformed key is a format problem; a
 * well-formed one that names no week (W00, or W53 of a 52-week year) is out of range.
 */
export function parseWeekKey(text: string): WeekParse {
  const match = /^(\d{4})-[Ww](\d{2})$/.exec(text.trim());
  if (!match) return { ok: false, reason: 'format' };
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < 1900 || year > 2200 || week < 1 || week > weeksInYear(year)) return { ok: false, reason: 'range' };
  return { ok: true, week: { year, week } };
}

/** The week of a day in Vietnam at the given instant. */
export function currentWeek(now: Date): IsoWeek {
  return isoWeekOf(vietnamToday(now));
}

/** "Thứ Hai" … "Chủ nhật" for a day. */
export function dayName(day: string): string {
  return DAY_NAMES[new Date(dayMs(day)).getUTCDay()]!;
}

/** "yyyy-mm-dd" → "dd/mm/yyyy". */
export function displayDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** "dd/mm/yyyy" (or d/m/yyyy, or yyyy-mm-dd) → "yyyy-mm-dd"; null when it is not a real day. */
export function parseDisplayDay(text: string): string | null {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return isValidDay(trimmed) ? trimmed : null;
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (!match) return null;
  const day = `${match[3]}-${pad(Number(match[2]))}-${pad(Number(match[1]))}`;
  return isValidDay(day) ? day : null;
}
