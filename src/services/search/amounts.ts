/**
 * Amounts of money as Vietnamese texts write them: "438.000.000đ",
 * "1.500.000.000 đồng", "438 triệu", "1,5 tỷ", "1 tỷ 500 triệu". A query's
 * amount is searched in every one of these forms, as the index's words
 * (digits split at the dots, units folded).
 */

/** Unit words, folded, and what they multiply by. */
const UNITS: Record<string, number> = { nghin: 1e3, ngan: 1e3, trieu: 1e6, tr: 1e6, ty: 1e9, ti: 1e9 };
/** How each unit is written out, folded, largest first: "tỷ" and "tỉ" fold apart, "nghìn" and "ngàn" are both in use. */
const UNIT_WORDS: Array<[number, string[]]> = [
  [1e9, ['ty', 'ti']],
  [1e6, ['trieu']],
  [1e3, ['nghin', 'ngan']],
];
/** Below this, a bare number is a count or a year, not an amount. */
const SMALLEST_BARE_AMOUNT = 1e6;

/**
 * The amount a chunk of a query stands for, in đồng, with the unit word that
 * follows it (folded) if any: "1,5" + "ty" → 1.500.000.000; "438.000.000đ" →
 * 438.000.000. Null when it is no amount: a plain count, a year, a decimal
 * without a unit.
 */
export function readAmount(raw: string, unit: string | undefined): number | null {
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,3})|\.(\d{1,2}))?(đ|đồng|d|dong|vnđ|vnd)?$/iu.exec(raw.normalize('NFC'));
  if (!m) return null;
  const whole = Number(m[1]!.replaceAll('.', ''));
  const fraction = m[2] ?? m[3];
  const number = fraction ? Number(`${whole}.${fraction}`) : whole;
  const multiplier = unit !== undefined ? UNITS[unit] : undefined;
  if (multiplier !== undefined) {
    const value = Math.round(number * multiplier);
    return Number.isSafeInteger(value) ? value : null;
  }
  if (fraction) return null;
  const hasDots = m[1]!.includes('.');
  return whole >= SMALLEST_BARE_AMOUNT && (hasDots || m[4] !== undefined) && Number.isSafeInteger(whole) ? whole : null;
}

/** Digits grouped by thousands, as the index splits "1.500.000.000": ["1", "500", "000", "000"]. */
function digitWords(value: number): string[] {
  const digits = String(value);
  const head = digits.length % 3 || 3;
  const words = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) words.push(digits.slice(i, i + 3));
  return words;
}

/** Every way of writing an amount, as index words: digits, and in the largest unit ("1,5 tỷ", "1 tỷ 500 triệu"). */
export function amountForms(value: number): string[][] {
  const forms: string[][] = [digitWords(value)];
  const index = UNIT_WORDS.findIndex(([unit]) => value >= unit);
  if (index < 0) return forms;
  const [unit, words] = UNIT_WORDS[index]!;
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  for (const word of words) {
    if (rest === 0) {
      forms.push([String(whole), word]);
      continue;
    }
    const fraction = String(rest / unit).slice(2);
    if (fraction.length <= 3) forms.push([String(whole), fraction, word]);
    const next = UNIT_WORDS[index + 1];
    if (next && rest % next[0] === 0) forms.push([String(whole), word, String(rest / next[0]), next[1][0]!]);
  }
  return forms;
}
