import { escapeHtml } from '../../views/html.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import type { TermGroup } from './query.ts';

/**
 * Highlighting in the original text. Matches are found in the folded text,
 * whose characters line up one for one with the original, so the marks land
 * on the words as written, diacritics and all.
 */

export type Range = [start: number, end: number];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern for a group where the index finds it: a word as a whole run of
 * letters or of digits (as the index splits them), and a phrase's words in
 * order with nothing but spacing or punctuation between, so that a quoted
 * "ủy ban" is marked as one, and not wherever "ủy" or "ban" stands alone.
 */
function groupPattern(group: TermGroup): RegExp {
  const words = group.terms.map((term) => {
    const cls = /^\p{N}+$/u.test(term.folded) ? '\\p{N}' : '\\p{L}';
    return `(?<!${cls})${escapeRegExp(term.folded)}${term.prefix ? `${cls}*` : `(?!${cls})`}`;
  });
  return new RegExp(words.join('[^\\p{L}\\p{N}]*'), 'gu');
}

/** Where the query's groups occur in a folded text, as merged [start, end) ranges: the same offsets in the original. */
function matchRanges(folded: string, groups: TermGroup[]): Range[] {
  const ranges: Range[] = [];
  for (const group of groups) {
    for (const m of folded.matchAll(groupPattern(group))) ranges.push([m.index, m.index + m[0].length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Escaped HTML of text[from, to) with <mark> around the given ranges. */
function markUp(text: string, ranges: Range[], from = 0, to = text.length): string {
  let out = '';
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    out += escapeHtml(text.slice(at, s)) + `<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** A whole short text (a title) with its matches marked, as HTML. */
export function highlight(text: string, groups: TermGroup[]): string {
  return markUp(text, matchRanges(foldVietnamese(text), groups));
}

/**
 * The passage of a long text that holds the most matches, about `length`
 * characters, cut at word boundaries, with its matches marked, as HTML.
 */
export function snippet(text: string, groups: TermGroup[], length = 240): string {
  const folded = foldVietnamese(text);
  const ranges = matchRanges(folded, groups);
  let from = bestPassageStart(
    ranges.map(([s, e]) => folded.slice(s, e)),
    ranges,
    length,
  );
  let to = Math.min(text.length, from + length);
  // Cut at spaces so no word is broken.
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (to < text.length) to = text.lastIndexOf(' ', to) > from ? text.lastIndexOf(' ', to) : to;
  return `${from > 0 ? '… ' : ''}${markUp(text, ranges, from, to)}${to < text.length ? ' …' : ''}`;
}

/**
 * Where the best passage starts. Each match proposes a window from 40
 * characters before it; the best holds the most different words of the
 * query, the rare ones (in this text) counting more: "nhà tình thương"
 * beats the tenth "phường 1". A window's score is 100 / (the word's matches
 * in the text) for each different word inside, plus one for each match
 * inside; the first best wins.
 *
 * The windows only move right, so they slide over the matches, adding those
 * that come in and dropping those that go out: one pass, as looking at
 * every match for every window was most of what a result's passage cost.
 */
export function bestPassageStart(words: readonly string[], ranges: readonly Range[], length: number): number {
  const total = new Map<string, number>();
  for (const w of words) total.set(w, (total.get(w) ?? 0) + 1);
  const inside = new Map<string, number>();
  let first = 0;
  let end = 0;
  let bestStart = 0;
  let bestScore = -1;
  for (const [start] of ranges) {
    const windowStart = Math.max(0, start - 40);
    for (; end < ranges.length && ranges[end]![0] < windowStart + length; end++) inside.set(words[end]!, (inside.get(words[end]!) ?? 0) + 1);
    for (; first < end && ranges[first]![0] < windowStart; first++) {
      const left = inside.get(words[first]!)! - 1;
      if (left === 0) inside.delete(words[first]!);
      else inside.set(words[first]!, left);
    }
    // Summed in the text's order of words, so equal sets of words score alike.
    let score = end - first;
    for (const [w, n] of total) if (inside.has(w)) score += 100 / n;
    if (score > bestScore) [bestScore, bestStart] = [score, windowStart];
  }
  return bestStart;
}
