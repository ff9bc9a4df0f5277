/**
 * Working days, as Vietnamese offices count them: Monday to Friday, minus
 * public holidays. Days are plain "yyyy-mm-dd" strings (a calendar day in
 * Vietnam), so the arithmetic never meets a time zone.
 */

const DAY_MS = 86_400_000;

function toUtc(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whether a day is Saturday or Sunday. */
export function isWeekend(day: string): boolean {
  const weekday = new Date(toUtc(day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Whether offices work that day: not a weekend, not a holiday. */
export function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  return !isWeekend(day) && !holidays.has(day);
}

/**
 * The day that is `count` working days after `start`; the start day itself
 * is not counted (a question received on Monday with 1 working day is due
 * on Tuesday).
 */
export function addWorkingDays(start: string, count: number, holidays: ReadonlySet<string>): string {
  let ms = toUtc(start);
  let left = count;
  while (left > 0) {
    ms += DAY_MS;
    if (isWorkingDay(fromUtc(ms), holidays)) left -= 1;
  }
  return fromUtc(ms);
}

/** The calendar day (yyyy-mm-dd) of an instant in Vietnam (UTC+7, no daylight saving). */
export function vietnamDayOf(instant: Date): string {
  return fromUtc(instant.getTime() + 7 * 3_600_000);
}

/** "2026-03-13" → "13/03/2026". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
