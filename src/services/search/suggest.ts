import type { SearchRepository, Sites } from '../../repositories/search-repository.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import { type ParsedQuery, WORD } from './query.ts';
import { decodeTyping } from './typing.ts';

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

/** A folded word that is one Vietnamese syllable: vowels in one run, an ending Vietnamese allows. */
const SYLLABLE = /^[^aeiouy\d]*[aeiouy]{1,3}(c|ch|m|n|ng|nh|p|t)?$/;

interface Vocabulary {
  /** Whether the site's titles or texts use a folded word. */
  knows(word: string): Promise<boolean>;
  /** The closest title word, within one edit for short words and two for longer ones, preferring common words. */
  closest(word: string): Promise<string | null>;
  /** Two title words a word is when a space was missed ("nhatinh" → "nha tinh"). */
  split(word: string): Promise<string | null>;
}

function vocabularyOf(repo: SearchRepository, sites: Sites, known: Set<string>): Vocabulary {
  const byLetter = new Map<string, Promise<Array<{ term: string; docs: number }>>>();
  const terms = (letter: string) => byLetter.get(letter) ?? byLetter.set(letter, repo.termsStartingWith(sites, letter)).get(letter)!;
  return {
    knows: async (word) => known.has(word) || (await repo.hasTerm(sites, word)) || (await repo.hasWord(sites, word)),
    async closest(word) {
      const allowed = word.length <= 4 ? 1 : 2;
      let best: { term: string; docs: number; distance: number } | null = null;
      for (const candidate of await terms(word[0]!)) {
        const distance = editDistance(word, candidate.term, allowed);
        if (distance > allowed) continue;
        if (!best || distance < best.distance || (distance === best.distance && candidate.docs > best.docs)) best = { ...candidate, distance };
      }
      return best?.term ?? null;
    },
    async split(word) {
      const docs = new Map((await terms(word[0]!)).map((t) => [t.term, t.docs]));
      let best: { text: string; docs: number } | null = null;
      for (let i = 2; i <= word.length - 2; i++) {
        const [head, tail] = [word.slice(0, i), word.slice(i)];
        if (!docs.has(head) || !(await repo.hasTerm(sites, tail))) continue;
        if (!best || docs.get(head)! > best.docs) best = { text: `${head} ${tail}`, docs: docs.get(head)! };
      }
      return best?.text ?? null;
    },
  };
}

/** A word typed with the keyboard's Vietnamese mode off, decoded, when the site uses the word meant. */
async function decoded(chunk: string, vocabulary: Vocabulary): Promise<string | null> {
  const word = decodeTyping(chunk);
  if (word === null) return null;
  const folded = foldVietnamese(word);
  return SYLLABLE.test(folded) && (await vocabulary.knows(folded)) ? word : null;
}

/** One word as meant: as typed when the site uses it, else decoded, split in two or the closest title word. */
async function correctedWord(word: string, vocabulary: Vocabulary): Promise<string | null> {
  const folded = foldVietnamese(word);
  if (folded.length < 3 || /^\d+$/.test(folded) || (await vocabulary.knows(folded))) return null;
  // A short word has many neighbours one letter away ("vui", "voi", "với"): it is corrected only when decoded.
  return (
    (await decoded(word, vocabulary)) ??
    (folded.length >= 5 ? await vocabulary.split(folded) : null) ??
    (folded.length >= 4 ? await vocabulary.closest(folded) : null)
  );
}

/**
 * "Did you mean": the query with each word the site never uses replaced by
 * the word meant: keys of the Vietnamese keyboard left in ("nhaf", "nha2"),
 * a missed space ("nhatinh"), or a slip of the finger, a letter dropped,
 * doubled or swapped (the closest word of the site's titles). Quoted phrases
 * stay as typed. `found`: the query as typed matched something. Null when
 * nothing better is found.
 */
export async function suggestCorrection(repo: SearchRepository, sites: Sites, query: ParsedQuery, found: boolean): Promise<string | null> {
  // A query that found something holds its plain words (a half-typed one as a prefix): they need no look-up.
  const known = new Set(found ? query.parts.filter((p) => p.kind === 'words').flatMap((p) => p.groups.flatMap((g) => g.terms.map((t) => t.folded))) : []);
  const vocabulary = vocabularyOf(repo, sites, known);
  let changed = false;
  const pieces = query.text.replace(/[“”„]/g, '"').split('"');
  for (let p = 0; p < pieces.length; p += 2) {
    const chunks = pieces[p]!.split(' ');
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      // VNI's digits split a word in two for the index ("nha2" is nha and 2): the whole chunk is read first.
      const whole = /^\p{L}+\d[\p{L}\d]*$/u.test(chunk) ? await decoded(chunk, vocabulary) : null;
      if (whole !== null) {
        chunks[c] = whole;
        changed = true;
        continue;
      }
      const words = chunk.match(WORD) ?? [];
      let text = chunk;
      for (const word of words) {
        const better = await correctedWord(word, vocabulary);
        if (better !== null) text = text.replace(word, better);
      }
      changed ||= text !== chunk;
      chunks[c] = text;
    }
    pieces[p] = chunks.join(' ');
  }
  return changed ? pieces.join('"').replace(/\s+/g, ' ').trim() : null;
}
