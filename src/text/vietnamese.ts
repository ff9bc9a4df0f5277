/**
 * Vietnamese text rules shared by storage, slugs and (later) search.
 *
 * Folding keeps every character of the NFC input as exactly one character of
 * the output, so an offset found in folded text is the same offset in the
 * original text. That is what lets search highlight the original diacritics.
 */

const COMBINING_MARK = /\p{M}/gu;
const foldCache = new Map<string, string>();

/** Normalises text to NFC, the form every stored string uses. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

function foldChar(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let out: string;
  if (ch === 'đ' || ch === 'Đ') {
    // NFD does not decompose đ: it is a letter of its own, not d plus a mark.
    out = 'd';
  } else {
    const stripped = ch.normalize('NFD').replace(COMBINING_MARK, '').toLowerCase();
    // Keep the one-to-one length: anything that would grow or vanish stays as it was.
    out = stripped.length === ch.length ? stripped : ch;
  }
  foldCache.set(ch, out);
  return out;
}

/**
 * Folds Vietnamese text for matching: NFC, tone and vowel marks removed,
 * đ/Đ mapped to d, lower case. The result has the same length as the NFC input.
 */
export function foldVietnamese(text: string): string {
  const nfc = toNfc(text);
  let out = '';
  for (let i = 0; i < nfc.length; i++) {
    const code = nfc.charCodeAt(i);
    // ASCII fast path: only upper-case letters change.
    if (code < 128) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : nfc[i];
    } else {
      out += foldChar(nfc[i] as string);
    }
  }
  return out;
}

/** Upper-cases with Vietnamese rules, as the legacy portals show titles and unit names. */
export function toVietnameseUpperCase(text: string): string {
  return toNfc(text).toLocaleUpperCase('vi-VN');
}

const SLUG_MAX_LENGTH = 80;

/**
 * Derives a URL slug from a Vietnamese title with the same fold search uses:
 * "Đường làng" → "duong-lang". Long titles are cut at a word boundary.
 */
export function slugify(title: string, maxLength = SLUG_MAX_LENGTH): string {
  const words = foldVietnamese(title)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) break;
    slug = next;
  }
  // A first word longer than the limit still gives a usable slug.
  if (!slug && words.length > 0) slug = (words[0] as string).slice(0, maxLength);
  return slug;
}

/**
 * Shortens a title the way the "Thông tin khác" list of the legacy portals
 * does: at most 20 words and about 100 characters, cut at a word boundary
 * and marked with "...". Titles that fit are returned unchanged.
 */
export function truncateTitle(title: string, maxWords = 20, maxChars = 100): string {
  const words = toNfc(title).trim().split(/\s+/);
  let kept: string[] = words.slice(0, maxWords);
  while (kept.length > 1 && kept.join(' ').length > maxChars) kept = kept.slice(0, -1);
  const text = kept.join(' ');
  return kept.length < words.length || text.length > maxChars ? `${text.slice(0, maxChars).replace(/[\s,.;:–-]+$/u, '')}...` : text;
}

const TONE = '[\u0300\u0301\u0303\u0309\u0323]';
// "oa", "oe" and "uy" ending a syllable: the new style puts the tone on the
// second vowel (hoà, khoẻ, thuỷ), the old style on the first (hòa, khỏe, thủy).
// "qu" is a consonant, so the tone of "quý" stays where it is.
const NEW_STYLE_OA_OE = new RegExp(`([oO])([aAeE])(${TONE})(?![\\p{L}\\p{M}])`, 'gu');
const NEW_STYLE_UY = new RegExp(`(?<![qQ])([uU])([yY])(${TONE})(?![\\p{L}\\p{M}])`, 'gu');

/**
 * Puts tone marks in one place, the old style most government texts use:
 * "hoà" → "hòa", "thuỷ" → "thủy", "uỷ ban" → "ủy ban". The length in NFC is
 * unchanged, so offsets still map onto the original text.
 */
export function canonicalTones(text: string): string {
  return text.normalize('NFD').replace(NEW_STYLE_OA_OE, '$1$3$2').replace(NEW_STYLE_UY, '$1$3$2').normalize('NFC');
}

/**
 * The accented matching form: NFC, canonical tone placement, lower case. Used
 * to rank a match with the diacritics as typed above a folded-only match.
 */
export function accentKey(text: string): string {
  return canonicalTones(text).toLocaleLowerCase('vi-VN');
}

/** Whether text carries any Vietnamese diacritic or đ. */
export function hasDiacritics(text: string): boolean {
  return foldVietnamese(text) !== toNfc(text).toLowerCase();
}
