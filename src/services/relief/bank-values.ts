import { vietnamDay } from '../../text/format.ts';
import { foldVietnamese, toNfc } from '../../text/vietnamese.ts';

/**
 * Values as Vietnamese banks write them in statements: amounts with dots or
 * commas for thousands (1.000.000, 50,000, 50000, 200.000,00), dates
 * dd/mm/yyyy with or without a time, references in any case.
 */

/** Reads an amount of đồng; null when it is not a whole number of đồng. Negative amounts (-, or parentheses) stay negative. */
export function parseAmount(input: string | number): number | null {
  if (typeof input === 'number') return Number.isSafeInteger(input) ? input : null;
  let text = input.replace(/[\s\u00a0]/g, '').replace(/(vnd|vnđ|đồng|đ|d)$/i, '');
  let sign = 1;
  if (/^\(.*\)$/.test(text)) {
    sign = -1;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-')) {
    sign = -sign;
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return null;
  const value = readDigits(text);
  return value === null ? null : sign * value;
}

/** Digits with separators: the last separator is a decimal point only when 1–2 digits follow it, and then they must be zeros. */
function readDigits(text: string): number | null {
  const lastSep = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
  if (lastSep === -1) return safe(Number(text));
  const tail = text.slice(lastSep + 1);
  let whole = text;
  if (/^\d{1,2}$/.test(tail)) {
    // 200.000,00 or 50000.00: VND has no fraction, so only zeros may follow.
    if (Number(tail) !== 0) return null;
    whole = text.slice(0, lastSep);
  }
  if (whole === '') return null;
  const groups = whole.split(/[.,]/);
  if (groups.length === 1) return safe(Number(groups[0]));
  const separators = new Set(whole.replace(/\d/g, ''));
  // Thousands are grouped by one separator, three digits a group after the first.
  if (separators.size !== 1 || !/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
  return safe(Number(groups.join('')));
}

const safe = (n: number) => (Number.isSafeInteger(n) ? n : null);

/** A day and, when the bank gave one, a time: yyyy-mm-dd and HH:mm (or ''). */
export interface StatementDay {
  day: string;
  time: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Reads a statement date: dd/mm/yyyy (also with - or .), d/m/yy, or yyyy-mm-dd, each optionally followed by HH:mm[:ss]. */
export function parseStatementDate(input: string | Date): StatementDay | null {
  if (input instanceof Date) {
    // Spreadsheet dates carry the wall-clock day and time as UTC.
    if (Number.isNaN(input.getTime())) return null;
    const time = input.getUTCHours() || input.getUTCMinutes() ? `${pad2(input.getUTCHours())}:${pad2(input.getUTCMinutes())}` : '';
    return { day: `${input.getUTCFullYear()}-${pad2(input.getUTCMonth() + 1)}-${pad2(input.getUTCDate())}`, time };
  }
  const text = input.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(text);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(text);
  let day: number;
  let month: number;
  let year: number;
  let hour: string | undefined;
  let minute: string | undefined;
  if (dmy) {
    [day, month, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    if (dmy[3]!.length === 2) year += 2000;
    [hour, minute] = [dmy[4], dmy[5]];
  } else if (ymd) {
    [year, month, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    [hour, minute] = [ymd[4], ymd[5]];
  } else {
    return null;
  }
  if (!vietnamDay(day, month, year)) return null;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59)) return null;
  return { day: `${year}-${pad2(month)}-${pad2(day)}`, time: hour === undefined ? '' : `${pad2(Number(hour))}:${minute}` };
}

/** A bank reference as stored and searched: NFC, upper case, without spaces. */
export function normalizeRef(input: string): string {
  return toNfc(input)
    .replace(/[\s\u00a0]/g, '')
    .toUpperCase()
    .slice(0, 80);
}

/** Reads a quantity of goods typed the Vietnamese way (21.090 or 12,5) into thousandths of the unit; null when it is not one. */
export function parseQuantity(input: string): number | null {
  const text = input.replace(/[\s\u00a0]/g, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,3}))?$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]!.replace(/\./g, ''));
  const fraction = Number((match[2] ?? '').padEnd(3, '0'));
  const value = whole * 1000 + fraction;
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** The folded key of a unit, what sums by unit group on: "Kg gạo" and "kg  gao" are one unit. */
export function unitKey(unit: string): string {
  return foldVietnamese(unit).replace(/\s+/g, ' ').trim();
}
