import iconv from 'iconv-lite';

/**
 * Vietnamese text from before Unicode: TCVN3 (the ".VnTime" fonts, one byte
 * per letter) and VNI (a base letter followed by a mark byte). Either comes
 * to us as bytes (an old file or page) or already garbled, its bytes once
 * read as Latin-1 / Windows-1252 ("Héi nghÞ tæng kÕt"). Both are turned back
 * into Unicode NFC here; iconv-lite's "tcvn" table gives TCVN3's letters.
 */

export type LegacyEncoding = 'tcvn3' | 'vni';

/** Text that could be read neither as Unicode Vietnamese nor as TCVN3 or VNI; the message is Vietnamese. */
export class LegacyTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LegacyTextError';
  }
}

const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const PUNCTUATION_1252 = /[\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u2122\u02DC]/;

/** The byte a character had when its byte was read as Windows-1252 (or Latin-1); null when it had none. */
const BYTE_OF = new Map<string, number>();
for (let byte = 0x80; byte <= 0xff; byte++) {
  BYTE_OF.set(String.fromCharCode(byte), byte);
  BYTE_OF.set(iconv.decode(Buffer.from([byte]), 'windows-1252'), byte);
}

/**
 * TCVN3 above ASCII. .VnTime fonts keep Windows' quotes and dashes at
 * 0x80–0x9F, so those stay punctuation; the letters are iconv's table.
 */
const TCVN3_OF_BYTE: string[] = [];
for (let byte = 0x80; byte <= 0xff; byte++) {
  const windows = iconv.decode(Buffer.from([byte]), 'windows-1252');
  TCVN3_OF_BYTE[byte] = byte < 0xa0 && PUNCTUATION_1252.test(windows) ? windows : iconv.decode(Buffer.from([byte]), 'tcvn');
}

/** VNI: each vowel's letters as VNI writes them, then its five tones (sắc, huyền, hỏi, ngã, nặng). */
const VNI_VOWELS: Array<[unicode: string, vni: string, tones: string[]]> = [
  ['a', 'a', ['aù', 'aø', 'aû', 'aõ', 'aï']],
  ['â', 'aâ', ['aá', 'aà', 'aå', 'aã', 'aä']],
  ['ă', 'aê', ['aé', 'aè', 'aú', 'aü', 'aë']],
  ['e', 'e', ['eù', 'eø', 'eû', 'eõ', 'eï']],
  ['ê', 'eâ', ['eá', 'eà', 'eå', 'eã', 'eä']],
  ['o', 'o', ['où', 'oø', 'oû', 'oõ', 'oï']],
  ['ô', 'oâ', ['oá', 'oà', 'oå', 'oã', 'oä']],
  ['ơ', 'ô', ['ôù', 'ôø', 'ôû', 'ôõ', 'ôï']],
  ['u', 'u', ['uù', 'uø', 'uû', 'uõ', 'uï']],
  ['ư', 'ö', ['öù', 'öø', 'öû', 'öõ', 'öï']],
  ['i', 'i', ['í', 'ì', 'æ', 'ó', 'ò']],
  ['y', 'y', ['yù', 'yø', 'yû', 'yõ', 'î']],
];

/** VNI sequence → Unicode letter, lower and upper case. */
const VNI_TO_UNICODE = new Map<string, string>();
for (const [letter, vni, tones] of VNI_VOWELS) {
  const pairs: Array<[string, string]> = [[vni, letter], ...tones.map((seq, i): [string, string] => [seq, (letter + TONES[i]).normalize('NFC')])];
  for (const [seq, unicode] of pairs) {
    if (seq === unicode) continue;
    VNI_TO_UNICODE.set(seq, unicode);
    VNI_TO_UNICODE.set(seq.toUpperCase(), unicode.toUpperCase());
  }
}
VNI_TO_UNICODE.set('ñ', 'đ');
VNI_TO_UNICODE.set('Ñ', 'Đ');

/** Turns text whose TCVN3 bytes were read as Windows-1252 or Latin-1 back into Unicode NFC. */
export function tcvn3StringToUnicode(garbled: string): string {
  let out = '';
  for (const ch of garbled) {
    const byte = ch.charCodeAt(0) < 0x80 ? undefined : BYTE_OF.get(ch);
    out += byte === undefined ? ch : TCVN3_OF_BYTE[byte];
  }
  return out.normalize('NFC');
}

/** Turns text whose VNI bytes were read as Windows-1252 or Latin-1 back into Unicode NFC. */
export function vniStringToUnicode(garbled: string): string {
  // The C1 controls Latin-1 gives for 0x80–0x9F are the Windows-1252 characters VNI meant.
  const text = [...garbled].map((ch) => (ch >= '\u0080' && ch <= '\u009f' ? iconv.decode(Buffer.from([ch.charCodeAt(0)]), 'windows-1252') : ch)).join('');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const pair = VNI_TO_UNICODE.get(text.slice(i, i + 2));
    if (pair !== undefined) {
      out += pair;
      i++;
      continue;
    }
    out += VNI_TO_UNICODE.get(text[i]!) ?? text[i];
  }
  return out.normalize('NFC');
}

/** TCVN3 bytes (a .VnTime file) as Unicode NFC. */
export function tcvn3BytesToUnicode(bytes: Uint8Array): string {
  return tcvn3StringToUnicode(iconv.decode(Buffer.from(bytes), 'windows-1252'));
}

/** VNI bytes (a VNI-Times file) as Unicode NFC. */
export function vniBytesToUnicode(bytes: Uint8Array): string {
  return vniStringToUnicode(iconv.decode(Buffer.from(bytes), 'windows-1252'));
}

const TONED = new RegExp(`[${TONES.join('')}]`, 'g');
/** Letters, marks and everything a legacy byte above 0x7F can show as. */
const WORD = /[\p{L}\p{M}\u00A1-\u00FF]+/gu;

/** The vowel groups of Vietnamese syllables, tones aside ("ươ" in "người", "uyê" in "khuyên"). */
const VOWEL_GROUPS = new Set(
  (
    'a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê ' +
    'iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu'
  ).split(' '),
);
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?([aăâeêioôơuưy]+)(ch|ng|nh|[cmnpt])?$/u;

/** A word that Vietnamese could write: one syllable of its letters, one case pattern, at most one tone. */
function isVietnameseWord(word: string): boolean {
  const rest = word.slice(1);
  if (!(word === word.toLowerCase() || word === word.toUpperCase() || rest === rest.toLowerCase())) return false;
  const decomposed = word.toLowerCase().normalize('NFD');
  if ((decomposed.match(TONED)?.length ?? 0) > 1) return false;
  const parts = SYLLABLE.exec(decomposed.replace(TONED, '').normalize('NFC'));
  return parts !== null && VOWEL_GROUPS.has(parts[2]!);
}

/** Words already judged: a text repeats its words, and a long import meets the same ones again. */
const judged = new Map<string, boolean>();
/** Enough words to tell garbled text from Vietnamese; past them a long text is not read on. */
const SCORE_SAMPLE = 2000;

/** How many of a text's non-ASCII words read as Vietnamese, and how many do not (of its first SCORE_SAMPLE such words). */
export function vietnameseScore(text: string): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  for (const [word] of text.normalize('NFC').matchAll(WORD)) {
    if (/^[\x00-\x7f]*$/.test(word)) continue;
    let ok = judged.get(word);
    if (ok === undefined) {
      ok = isVietnameseWord(word);
      if (judged.size > 50_000) judged.clear();
      judged.set(word, ok);
    }
    if (ok) good++;
    else bad++;
    if (good + bad >= SCORE_SAMPLE) break;
  }
  return { good, bad };
}

/** Whether a score says garbled: several words no Vietnamese writes, and a good share of them. */
function looksGarbled(score: { good: number; bad: number }): boolean {
  return score.bad >= 2 && score.bad >= 0.25 * (score.good + score.bad);
}

/** Whether a score says Vietnamese: almost every non-ASCII word reads as Vietnamese. */
function readsAsVietnamese(score: { good: number; bad: number }): boolean {
  return score.good > 0 && score.bad <= 0.1 * (score.good + score.bad);
}

const CONVERTERS: Record<LegacyEncoding, (text: string) => string> = { tcvn3: tcvn3StringToUnicode, vni: vniStringToUnicode };

/** The legacy reading of a garbled text that reads best as Vietnamese, if any does. */
function bestReading(garbled: string): { text: string; encoding: LegacyEncoding } | null {
  let best: { text: string; encoding: LegacyEncoding; good: number } | null = null;
  for (const encoding of ['tcvn3', 'vni'] as const) {
    const text = CONVERTERS[encoding](garbled);
    const score = vietnameseScore(text);
    if (readsAsVietnamese(score) && (!best || score.good - score.bad > best.good)) best = { text, encoding, good: score.good - score.bad };
  }
  return best && { text: best.text, encoding: best.encoding };
}

/** What repairing a text found: the text to keep, and the legacy encoding it was in (null: it was fine). */
export interface RepairedText {
  text: string;
  encoding: LegacyEncoding | null;
}

/**
 * Checks text already decoded (UTF-8 or Latin-1) for TCVN3 or VNI read the
 * wrong way, and converts it back. Text that is garbled but reads as neither
 * is refused: it must never be published as it is.
 */
export function repairVietnamese(text: string): RepairedText {
  const nfc = text.normalize('NFC');
  const before = vietnameseScore(nfc);
  if (!looksGarbled(before)) return { text: nfc, encoding: null };
  const reading = bestReading(nfc);
  if (!reading) {
    throw new LegacyTextError(
      'văn bản có nhiều chữ bị lỗi phông (như "Héi nghÞ tæng kÕt") mà không chuyển được từ TCVN3 hay VNI sang Unicode; hãy chuyển mã bằng Unikey rồi nhập lại',
    );
  }
  return reading;
}

/** Text decoded from a file's bytes, and which legacy encoding it was in. */
export interface DecodedText {
  text: string;
  encoding: LegacyEncoding | 'utf-8';
}

/**
 * Reads a file's bytes as Vietnamese: UTF-8 when they are valid UTF-8
 * (garbled text in it repaired), else TCVN3 or VNI, whichever reads as
 * Vietnamese. Throws LegacyTextError when none does.
 */
export function decodeVietnameseBytes(bytes: Uint8Array): DecodedText {
  if (bytes.includes(0)) throw new LegacyTextError('tệp không phải văn bản (có byte 0, có thể là tệp nhị phân)');
  let utf8: string | null = null;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    utf8 = null;
  }
  if (utf8 !== null) {
    const repaired = repairVietnamese(utf8);
    return { text: repaired.text, encoding: repaired.encoding ?? 'utf-8' };
  }
  const reading = bestReading(iconv.decode(Buffer.from(bytes), 'windows-1252'));
  if (!reading) throw new LegacyTextError('tệp không phải UTF-8, TCVN3 (.VnTime) hay VNI: không đọc được chữ Việt trong tệp');
  return reading;
}

/** The Vietnamese name of an encoding, for reports. */
export function encodingLabel(encoding: LegacyEncoding | 'utf-8'): string {
  return { tcvn3: 'TCVN3 (.VnTime)', vni: 'VNI', 'utf-8': 'UTF-8' }[encoding];
}
