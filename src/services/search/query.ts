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
  /** Typed between quotes: taken exactly, never read as an abbreviation, amount or date. */
  quoted?: boolean;
  /** The chunk as typed, punctuation and all ("1,5", "438.000.000đ"), for reading amounts. */
  raw?: string;
}

/** What a part of the query is, when it is more than words: it decides how items that carry it rank. */
export type PartKind = 'words' | 'abbreviation' | 'number' | 'amount' | 'date';

/**
 * One thing the query asks for: the words as typed (every group required),
 * or any other way of writing the same thing ("UBND" for "ủy ban nhân dân",
 * "438 000 000" for "438 triệu"). `together` are the phrases that show the
 * part written out whole, for ranking: for a document number, the number as
 * documents write it.
 */
export interface QueryPart {
  kind: PartKind;
  groups: TermGroup[];
  alternatives: TermGroup[];
  together: TermGroup[];
}

export interface ParsedQuery {
  /** The query as it will be shown back: NFC, trimmed, at most MAX_QUERY_CHARS. */
  text: string;
  groups: TermGroup[];
  /** The groups in order, each in a part of its own unless read as an abbreviation, number, amount or date (see expand.ts). */
  parts: QueryPart[];
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
      if (words.length) groups.push({ phrase: words.length > 1, terms: words.map(term), quoted: true });
      return;
    }
    for (const chunk of piece.split(' ')) {
      const words = termsOf(chunk);
      if (words.length) groups.push({ phrase: words.length > 1, terms: words.map(term), raw: chunk });
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
  return { text, groups: kept, parts: kept.map(plainPart), terms, hasAccents: terms.some((t) => t.accented !== null) };
}

/** A group as a part of its own: its words, or the phrase it is. */
export function plainPart(group: TermGroup): QueryPart {
  return { kind: 'words', groups: [group], alternatives: [], together: group.phrase ? [group] : [] };
}

/** A group of folded words, as expansions write them: a phrase when more than one. */
export function wordsGroup(folded: string[]): TermGroup {
  return { phrase: folded.length > 1, terms: folded.map((w) => ({ folded: w, accented: null, prefix: false })) };
}
