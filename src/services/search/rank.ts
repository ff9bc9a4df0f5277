import type { Candidate } from '../../repositories/search-repository.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import { indexWords } from './index-text.ts';
import type { ParsedQuery, QueryPart, TermGroup } from './query.ts';
import { wordsGroup } from './query.ts';

/**
 * The search's own ranking of the best matches, strongest rule first:
 * 1. a document number, amount or date of the query, written out whole;
 * 2. the diacritics as typed ("nhà" before "nha khoa");
 * 3. every part in the title, whole words before a half-typed last word;
 * 4. the whole query as a phrase in the title;
 * 5. the query's words standing together in order, in title or body;
 * 6. how many parts the title holds, then the engine's relevance;
 * 7. the newest first.
 * An abbreviation counts as its long form and the other way round.
 */

/** Phrases, any one of which shows words of the query standing together; decisive for a number, amount or date. */
export interface TogetherCheck {
  phrases: TermGroup[];
  decisive: boolean;
}

/** The most checks a query makes: a long query's words are checked in their first pairs only. */
const MAX_CHECKS = 6;
/** The most phrases one check of a pair of parts tries (each form of one against each of the other). */
const MAX_PAIRS = 4;

const foldedWords = (group: TermGroup) => group.terms.map((t) => t.folded);

/** Each way a part may be written: as typed, and its alternatives. */
function forms(part: QueryPart): string[][] {
  return [part.groups.flatMap(foldedWords), ...part.alternatives.map(foldedWords)];
}

/**
 * What ranking asks the index about a query: whether each number, amount or
 * date stands whole, each abbreviation in either form, and each two parts
 * next to each other in order.
 */
export function togetherChecks(query: ParsedQuery): TogetherCheck[] {
  const checks: TogetherCheck[] = [];
  for (const part of query.parts) {
    if (part.kind !== 'words' && part.together.length) checks.push({ phrases: part.together, decisive: part.kind !== 'abbreviation' });
  }
  for (let i = 0; i + 1 < query.parts.length; i++) {
    const [left, right] = [query.parts[i]!, query.parts[i + 1]!];
    if (left.groups.some((g) => g.quoted) && right.groups.some((g) => g.quoted)) continue;
    const pairs = new Map<string, string[]>();
    for (const a of forms(left)) for (const b of forms(right)) pairs.set(`${a.at(-1)} ${b[0]}`, [a.at(-1)!, b[0]!]);
    checks.push({ phrases: [...pairs.values()].slice(0, MAX_PAIRS).map(wordsGroup), decisive: false });
  }
  return checks.slice(0, MAX_CHECKS);
}

const padded = (text: string) => ` ${indexWords(foldVietnamese(text))} `;

/** Whether a folded, space-padded text holds words in order; the last as a prefix if asked. */
function holds(text: string, words: string[], prefix = false): boolean {
  const joined = words.join(' ');
  return prefix ? text.includes(` ${joined}`) : text.includes(` ${joined} `);
}

/** How a title holds a part: 2 in whole words, 1 only with its last word half-typed, 0 not at all. */
function partInTitle(title: string, part: QueryPart): 0 | 1 | 2 {
  if (part.alternatives.some((g) => holds(title, foldedWords(g)))) return 2;
  const groups = part.groups.map((g) => (holds(title, foldedWords(g)) ? 2 : g.terms.at(-1)?.prefix && holds(title, foldedWords(g), true) ? 1 : 0));
  return Math.min(...groups) as 0 | 1 | 2;
}

/** Orders candidates by the rules above; `holding[k]` are the ids where check k holds in title or body. */
export function rankCandidates(
  query: ParsedQuery,
  candidates: Candidate[],
  exactIds: Set<number>,
  checks: TogetherCheck[],
  holding: Array<Set<number>>,
): Candidate[] {
  const maxRelevance = Math.max(...candidates.map((c) => c.relevance), 1e-9);
  const all = query.terms.map((t) => t.folded);
  const decisive = checks.filter((c) => c.decisive).length;
  const loose = checks.length - decisive;
  const scored = candidates.map((c) => {
    const title = padded(c.title);
    const inTitle = query.parts.map((p) => partInTitle(title, p));
    const whole = inTitle.filter((n) => n === 2).length;
    const inTitleHeld = checks.map((check) => check.phrases.some((g) => holds(title, foldedWords(g))));
    const held = checks.map((_, k) => inTitleHeld[k] || (holding[k]?.has(c.id) ?? false));
    let score = 0;
    if (decisive) score += Math.round((2000 * checks.filter((check, k) => check.decisive && held[k]).length) / decisive);
    if (query.hasAccents && exactIds.has(c.id)) score += 1000;
    if (whole === inTitle.length) score += 200;
    else if (inTitle.every((n) => n > 0)) score += 150;
    if (all.length > 1 && (holds(title, all) || (checks.length > 0 && whole === inTitle.length && inTitleHeld.every(Boolean)))) score += 100;
    if (loose) score += Math.round((60 * checks.filter((check, k) => !check.decisive && held[k]).length) / loose);
    // The engine's relevance counts coarsely, so near-equal matches fall to recency.
    score += whole * 10 + Math.round((c.relevance / maxRelevance) * 4);
    return { c, score };
  });
  scored.sort((a, b) => b.score - a.score || (a.c.published_at < b.c.published_at ? 1 : a.c.published_at > b.c.published_at ? -1 : 0));
  return scored.map((s) => s.c);
}
