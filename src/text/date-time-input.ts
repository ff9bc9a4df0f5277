import { z } from 'zod';
import { formatDateTime } from './format.ts';

/**
 * The one way the newsroom's forms take a date and time: typed as
 * dd/mm/yyyy HH:mm in Vietnam time (UTC+07:00, no daylight saving since
 * 1975), whatever the browser's language, instead of the native
 * datetime-local field that an English browser shows as mm/dd/yyyy AM/PM.
 */

/** What the field shows while empty. */
export const DATE_TIME_PLACEHOLDER = 'dd/mm/yyyy HH:mm';

/** The field's HTML pattern: the browser checks the shape, the server checks the date. */
export const DATE_TIME_PATTERN = String.raw`\s*\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}\s*`;

/** What a bad or impossible value is told. */
export const DATE_TIME_ERROR = 'ngày giờ phải viết dd/mm/yyyy HH:mm (giờ Việt Nam) và có thật, ví dụ 07/12/2026 08:30';

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * Reads "dd/mm/yyyy HH:mm" (also d/m/yyyy H:mm) as Vietnam time; also the
 * "yyyy-mm-ddTHH:mm" that forms sent before. Null for anything else or a
 * day that does not exist (31/02).
 */
export function parseVietnamDateTime(text: string): Date | null {
  const value = text.trim();
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(value);
  const parts = vn ? [vn[3], vn[2], vn[1], vn[4], vn[5]] : iso ? [iso[1], iso[2], iso[3], iso[4], iso[5]] : null;
  if (!parts) return null;
  const [year, month, day, hour, minute] = parts.map(Number) as [number, number, number, number, number];
  if (year < 1976 || year > 2200 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute) - VIETNAM_OFFSET_MS);
  const wall = new Date(date.getTime() + VIETNAM_OFFSET_MS);
  return wall.getUTCDate() === day && wall.getUTCMonth() === month - 1 ? date : null;
}

/** An instant as the field shows it, "dd/mm/yyyy HH:mm" in Vietnam time; '' for none. */
export function formatDateTimeInput(value: Date | string | null): string {
  if (value === null || value === '') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : formatDateTime(date);
}

/** Reads a field's text, or tells what is wrong with it. */
function readField(value: string, ctx: z.RefinementCtx): Date {
  const date = parseVietnamDateTime(value);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: value ? DATE_TIME_ERROR : 'không được để trống' });
    return z.NEVER;
  }
  return date;
}

/** An optional form field in dd/mm/yyyy HH:mm: a Date, null when left blank, or the Vietnamese error. */
export function dateTimeField() {
  return z
    .string()
    .trim()
    .default('')
    .transform((value, ctx): Date | null => (value ? readField(value, ctx) : null));
}

/** A required form field in dd/mm/yyyy HH:mm: a Date, or the Vietnamese error. */
export function requiredDateTimeField() {
  return z
    .string()
    .trim()
    .default('')
    .transform((value, ctx): Date => readField(value, ctx));
}
