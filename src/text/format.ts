/**
 * Vietnamese display formats: dates as dd/mm/yyyy in Asia/Ho_Chi_Minh time,
 * numbers with "." for thousands and "," for decimals, money as 1.151.800đ.
 */

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const VIETNAM_OFFSET = '+07:00';

const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VIETNAM_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VIETNAM_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const numberFormat = new Intl.NumberFormat('vi-VN');

function partsOf(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/**
 * Since 13/06/1975 (00:00 at UTC+08:00), Asia/Ho_Chi_Minh has been
 * UTC+07:00 with no daylight saving: instants from then on are read off a
 * shifted UTC date, without Intl's formatToParts, which a page with many
 * dates would otherwise pay for each of them. Earlier instants, and invalid
 * ones, go through Intl. format.test.ts checks that both agree, from 1960
 * to 2100 and at the switch itself.
 */
const FIXED_OFFSET_SINCE = Date.UTC(1975, 5, 12, 16);
const SEVEN_HOURS = 7 * 3_600_000;

/** Two digits: 7 → "07". */
const pad2 = (n: number) => String(n).padStart(2, '0');

/** The instant shifted into Vietnam's wall clock, when the fixed offset applies; else null. */
function vietnamWallClock(date: Date): Date | null {
  const ms = date.getTime();
  return ms >= FIXED_OFFSET_SINCE ? new Date(ms + SEVEN_HOURS) : null;
}

/** dd/mm/yyyy of a date shifted by vietnamWallClock. */
function wallDate(wall: Date): string {
  return `${pad2(wall.getUTCDate())}/${pad2(wall.getUTCMonth() + 1)}/${wall.getUTCFullYear()}`;
}

/** Formats an instant as dd/mm/yyyy in Vietnam time: 19/09/2024. */
export function formatDate(value: Date | string): string {
  const date = new Date(value);
  const wall = vietnamWallClock(date);
  if (wall) return wallDate(wall);
  const p = partsOf(dateFormat, date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** Formats an instant as "dd/mm/yyyy HH:mm" in Vietnam time: how the newsroom shows and takes every time. */
export function formatDateTime(value: Date | string): string {
  const date = new Date(value);
  const wall = vietnamWallClock(date);
  if (wall) return `${wallDate(wall)} ${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
  const t = partsOf(timeFormat, date);
  return `${formatDate(date)} ${t.hour}:${t.minute}`;
}

/** Formats a number the Vietnamese way: 21090 → "21.090", 527.8 → "527,8". */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** Formats an amount of đồng as written on the portals: 1151800 → "1.151.800đ". */
export function formatMoney(value: number): string {
  return `${numberFormat.format(value)}đ`;
}

/**
 * Builds the instant for a calendar day in Vietnam, at the given local hour.
 * Returns null when the day does not exist (31/02, month 13…).
 */
export function vietnamDay(day: number, month: number, year: number, hour = 8): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) return null;
  const date = new Date(`${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:00:00${VIETNAM_OFFSET}`);
  // Date rolls 31/02 over into March; a day that rolled over did not exist.
  const check = partsOf(dateFormat, date);
  if (Number(check.day) !== day || Number(check.month) !== month) return null;
  return date;
}

/** Parses "dd/mm/yyyy" (or d/m/yyyy) into the start of that Vietnam day; null when invalid. */
export function parseDisplayDate(text: string): Date | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  return vietnamDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * Finds the first date written in words, as reports open:
 * "Sáng ngày 13 tháng 01 năm 2020" → 13/01/2020. Null when there is none.
 */
export function findWrittenDate(text: string): Date | null {
  const pattern = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu;
  for (const match of text.normalize('NFC').matchAll(pattern)) {
    const date = vietnamDay(Number(match[1]), Number(match[2]), Number(match[3]));
    if (date) return date;
  }
  return null;
}

/** A file size as people read it: "820 KB", "1,2 MB". */
export function formatFileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${formatNumber(Math.round((bytes / 1048576) * 10) / 10)} MB` : `${formatNumber(Math.ceil(bytes / 1024))} KB`;
}
