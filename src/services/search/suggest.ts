import type { SearchRepository } from '../../repositories/search-repository.ts';
import type { ParsedQuery } from './query.ts';

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * "Did you mean": replaces each word the site's titles never use with the
 * closest word they do use (one edit for short words, two for longer ones),
 * preferring common words. Null when nothing better is found.
 */
export async function suggestCorrection(repo: SearchRepository, siteId: number, query: ParsedQuery): Promise<string | null> {
  let changed = false;
  const words: string[] = [];
  for (const term of query.terms) {
    if (term.folded.length < 3 || /^\d+$/.test(term.folded) || (await repo.hasTerm(siteId, term.folded))) {
      words.push(term.folded);
      continue;
    }
    const allowed = term.folded.length <= 4 ? 1 : 2;
    let best: { term: string; docs: number; distance: number } | null = null;
    for (const candidate of await repo.termsStartingWith(siteId, term.folded[0]!)) {
      const distance = editDistance(term.folded, candidate.term, allowed);
      if (distance > allowed) continue;
      if (!best || distance < best.distance || (distance === best.distance && candidate.docs > best.docs)) best = { ...candidate, distance };
    }
    words.push(best?.term ?? term.folded);
    changed ||= best !== null;
  }
  return changed ? words.join(' ') : null;
}
