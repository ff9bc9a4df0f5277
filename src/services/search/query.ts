import { accentKey, foldVietnamese, hasDiacritics, toNfc } from '../../text/vietnamese.ts';

/**
 * A resident's query, parsed once: words folded for matching, the accented
 * form kept where they typed diacritics, quoted phrases, and the last word
 * as a prefix while they are still typing. Any input is safe: only letters
 * and digits survive, so nothing reaches a full-text engine as syntax.
 */

/** The longest query considered; the rest is ignored, never an error. */
export const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 10;
const MAX_TERM_CHARS = 40;

export interface SearchTerm {
  /** Folded: no tones, đ → d, lower case. */
  folded: string;
  /** The accented form (canonical tones, lower case) when typed with diacritics; else null. */
  accented: string | null;
  /** Matches words starting with it (the word being typed). */
  prefix: boolean;
}

/** Words that must appear together, in order (a quoted phrase or a word like "covid-19"), or one word. */
export interface TermGroup {
  phrase: boolean;
  terms: SearchTerm[];
}

export interface ParsedQuery {
  /** The query as it will be shown back: NFC, trimmed, at most MAX_QUERY_CHARS. */
  text: string;
  groups: TermGroup[];
  terms: SearchTerm[];
  hasAccents: boolean;
}

/** A word is a run of letters or a run of digits: "800đ" is 800 and đ, "km3" is km and 3. The index splits the same way. */
export const WORD = /\p{L}+|\p{N}+/gu;

function termsOf(chunk: string): string[] {
  return (accentKey(chunk).match(WORD) ?? []).map((w) => w.slice(0, MAX_TERM_CHARS));
}

function term(word: string): SearchTerm {
  return { folded: foldVietnamese(word), accented: hasDiacritics(word) ? word : null, prefix: false };
}

/** Parses raw query text. An empty result (no groups) means there is nothing to search for. */
export function parseQuery(raw: string): ParsedQuery {
  const text = toNfc(raw).replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_CHARS);
  const groups: TermGroup[] = [];
  // Odd pieces between double quotes are phrases; an unclosed quote runs to the end.
  const pieces = text.replace(/[“”„]/g, '"').split('"');
  pieces.forEach((piece, index) => {
    if (index % 2 === 1) {
      const words = termsOf(piece);
      if (words.length) groups.push({ phrase: words.length > 1, terms: words.map(term) });
      return;
    }
    for (const chunk of piece.split(' ')) {
      const words = termsOf(chunk);
      if (words.length) groups.push({ phrase: words.length > 1, terms: words.map(term) });
    }
  });

  // Keep the first MAX_TERMS words.
  let budget = MAX_TERMS;
  const kept: TermGroup[] = [];
  for (const group of groups) {
    if (budget <= 0) break;
    kept.push({ ...group, terms: group.terms.slice(0, budget) });
    budget -= group.terms.length;
  }

  // The last word is still being typed unless the query ends with a space or a quote.
  const last = kept.at(-1)?.terms.at(-1);
  const stillTyping = raw.length > 0 && !/[\s"”]$/.test(raw) && kept.length > 0 && pieces.length % 2 === 1;
  if (last && stillTyping && last.folded.length >= 2 && !kept.at(-1)!.phrase) last.prefix = true;

  const terms = kept.flatMap((g) => g.terms);
  return { text, groups: kept, terms, hasAccents: terms.some((t) => t.accented !== null) };
}
