/**
 * Words typed with the Vietnamese keyboard switched off: the keys of the two
 * common input methods left in the text. Telex: "nhaf" for nhà, "thuongw"
 * for thương, "ddaf" for đà. VNI: "nha2" for nhà, "thu7o7ng" for thương,
 * "d9a2" for đà. Decoded into the word meant, with its diacritics.
 */

/** Tone marks (combining), by name. */
const TONES = { sac: '\u0301', huyen: '\u0300', hoi: '\u0309', nga: '\u0303', nang: '\u0323' } as const;
type Tone = keyof typeof TONES;
const TELEX_TONES: Record<string, Tone> = { s: 'sac', f: 'huyen', r: 'hoi', x: 'nga', j: 'nang' };
const VNI_TONES: Record<string, Tone> = { '1': 'sac', '2': 'huyen', '3': 'hoi', '4': 'nga', '5': 'nang' };

const VOWELS = 'aăâeêioôơuưy';
/** Vowels with a mark of their own, which take the tone first. */
const MARKED = 'ăâêôơư';

/** Where the tone of a syllable goes: the marked vowel, else the last vowel before a final consonant, else the first of two vowels (old style: hòa, thủy) or the middle of three. */
function toneIndex(letters: string): number {
  let start = 0;
  // "qu" and "gi" before a vowel: u and i are part of the consonant.
  if (/^qu/.test(letters) || (/^gi/.test(letters) && VOWELS.includes(letters[2] ?? ''))) start = 2;
  const vowels: number[] = [];
  for (let i = start; i < letters.length; i++) if (VOWELS.includes(letters[i]!)) vowels.push(i);
  if (vowels.length === 0) return -1;
  // ươ takes the tone on ơ.
  const marked = vowels.filter((i) => MARKED.includes(letters[i]!));
  if (marked.length) return marked.at(-1)!;
  const last = vowels.at(-1)!;
  if (last < letters.length - 1 || vowels.length === 1) return last;
  return vowels.length === 3 ? vowels[1]! : vowels[0]!;
}

/** Puts a tone on a syllable written without one. */
function withTone(letters: string, tone: Tone | null): string {
  if (!tone) return letters;
  const i = toneIndex(letters);
  if (i < 0) return letters;
  return (letters.slice(0, i + 1) + TONES[tone] + letters.slice(i + 1)).normalize('NFC');
}

/** Telex: tone key last, doubled letters for â ê ô đ, w for ă ơ ư. Null when the word shows no Telex key. */
export function decodeTelex(word: string): string | null {
  let letters = word.toLowerCase();
  if (!/^[a-z]+$/.test(letters)) return null;
  let tone: Tone | null = null;
  const last = letters.at(-1)!;
  // A Vietnamese syllable never ends in s, f, r, x or j: there they are tone keys.
  if (letters.length > 1 && TELEX_TONES[last] && /[aeiouy]/.test(letters.slice(0, -1))) {
    tone = TELEX_TONES[last]!;
    letters = letters.slice(0, -1);
  }
  let marked = letters.replace(/^dd/, 'đ').replace(/aa/, 'â').replace(/ee/, 'ê').replace(/oo/, 'ô');
  if (marked.includes('w')) {
    const bare = marked.replace(/w/g, '');
    marked = /uo/.test(bare)
      ? bare.replace('uo', 'ươ')
      : /[uoa]/.test(bare)
        ? bare.replace(/u(?!.*u)|o(?!.*o)|a(?!.*a)/, (v) => ({ u: 'ư', o: 'ơ', a: 'ă' })[v as 'u' | 'o' | 'a'])
        : bare;
  }
  if (marked === letters && !tone) return null;
  // f, j, w and z are no Vietnamese letters: a word still holding one was not Telex.
  if (/[fjwz]/.test(marked)) return null;
  return withTone(marked, tone);
}

/** VNI: digits after the letters they mark, 1-5 the tones, 6 â ê ô, 7 ơ ư, 8 ă, 9 đ. Null when the word holds no such digit. */
export function decodeVni(word: string): string | null {
  const lower = word.toLowerCase();
  if (!/^[a-z][a-z1-9]*$/.test(lower) || !/[1-9]/.test(lower) || !/[a-z]/.test(lower)) return null;
  let letters = '';
  let tone: Tone | null = null;
  for (const ch of lower) {
    if (/[a-z]/.test(ch)) {
      letters += ch;
      continue;
    }
    if (VNI_TONES[ch]) {
      tone = VNI_TONES[ch]!;
      continue;
    }
    const marks: Record<string, Record<string, string>> = { '6': { a: 'â', e: 'ê', o: 'ô' }, '7': { o: 'ơ', u: 'ư' }, '8': { a: 'ă' }, '9': { d: 'đ' } };
    const table = marks[ch]!;
    // The mark goes to the nearest letter before it that takes it; "uo7" marks both, as keyboards do.
    const at = [...letters].findLastIndex((l) => table[l] !== undefined);
    if (at < 0) return null;
    letters = letters.slice(0, at) + table[letters[at]!]! + letters.slice(at + 1);
    if (ch === '7' && letters[at] === 'ơ' && letters[at - 1] === 'u') letters = `${letters.slice(0, at - 1)}ư${letters.slice(at)}`;
  }
  return withTone(letters, tone);
}

/** The word meant by a word typed without the Vietnamese keyboard, by either input method, or null. */
export function decodeTyping(word: string): string | null {
  return decodeVni(word) ?? decodeTelex(word);
}
