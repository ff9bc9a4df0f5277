import { accentKey, foldVietnamese } from '../../text/vietnamese.ts';
import { WORD } from './query.ts';

/**
 * Text as the index stores it. Both databases receive words we split
 * ourselves (letters and digits), so their tokenizers see exactly the same
 * words ("21.090" is 21 and 090 on both), and every word carries its site's
 * scope: each site's words have short lists of their own inside the shared
 * index, so a search reads one site's postings, never the whole province's.
 */

/** Our own words of a text, joined by spaces. */
export function indexWords(text: string): string {
  return (text.match(WORD) ?? []).join(' ');
}

const SCOPE_LETTERS = 4;
/** The most sites a scope can name: 26⁴. */
export const MAX_SCOPED_SITE_ID = 26 ** SCOPE_LETTERS - 1;

/**
 * Four letters naming a site ("aaab" for site 1). Letters only, so a scoped
 * word stays one token for FTS5 and for PostgreSQL's parser whether the word
 * is letters or digits; fixed width, so no site's words are a prefix of another's.
 */
export function siteScope(siteId: number): string {
  if (!Number.isInteger(siteId) || siteId < 0 || siteId > MAX_SCOPED_SITE_ID) throw new RangeError(`Mã trang ${siteId} nằm ngoài phạm vi chỉ mục tìm kiếm.`);
  let scope = '';
  for (let n = siteId, i = 0; i < SCOPE_LETTERS; i++, n = Math.floor(n / 26)) scope = String.fromCharCode(97 + (n % 26)) + scope;
  return scope;
}

/** Space-separated words with a scope in front of each. */
export function scopedWords(scope: string, words: string): string {
  return words === '' ? '' : scope + words.replaceAll(' ', ` ${scope}`);
}

/** The longest word start that PostgreSQL's index holds as a word of its own (see wordStarts). */
const INDEXED_START_CHARS = 8;

/** A word start as PostgreSQL's index holds it: a digit in front, which no scope begins with, then the scoped start. */
const startLexeme = (scopedStart: string) => `0${scopedStart}`;

/** The index entry of words beginning with a scoped start, if the index holds starts that long (see wordStarts). */
export function startEntry(scopedStart: string): string | null {
  return scopedStart.length <= SCOPE_LETTERS + INDEXED_START_CHARS ? startLexeme(scopedStart) : null;
}

/**
 * The starts of an item's scoped words (two to INDEXED_START_CHARS letters,
 * shorter than the word), each once, as PostgreSQL's index holds them: a
 * half-typed word is then looked up as one entry, like a whole word, instead
 * of the index gathering every word it begins before the query's other words
 * can narrow the search.
 */
export function wordStarts(scopedTexts: string[]): string[] {
  const starts = new Set<string>();
  for (const text of scopedTexts) {
    for (const word of text.split(' ')) {
      const end = Math.min(word.length - 1, SCOPE_LETTERS + INDEXED_START_CHARS);
      for (let k = SCOPE_LETTERS + 2; k <= end; k++) starts.add(startLexeme(word.slice(0, k)));
    }
  }
  return [...starts];
}

/** The four texts an item is indexed by: title and body, folded and accented, scoped to its site. */
export interface IndexTexts {
  foldedTitle: string;
  foldedBody: string;
  accentedTitle: string;
  accentedBody: string;
}

export function indexTexts(siteId: number, title: string, body: string): IndexTexts {
  const scope = siteScope(siteId);
  return {
    foldedTitle: scopedWords(scope, indexWords(foldVietnamese(title))),
    foldedBody: scopedWords(scope, indexWords(foldVietnamese(body))),
    accentedTitle: scopedWords(scope, indexWords(accentKey(title))),
    accentedBody: scopedWords(scope, indexWords(accentKey(body))),
  };
}

/** The distinct folded words of a title, for the "did you mean" vocabulary. */
export function titleTerms(title: string): string[] {
  return [
    ...new Set(
      indexWords(foldVietnamese(title))
        .split(' ')
        .filter((w) => w.length >= 2 && w.length <= 40),
    ),
  ];
}
