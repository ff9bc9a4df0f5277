import { indexWords } from '../src/services/search/index-text.ts';
import { foldVietnamese, hasDiacritics } from '../src/text/vietnamese.ts';
import { Rng, hashSeed } from './prng.ts';
import { MAIN } from './vocabulary.ts';
import { RARE } from './vocabulary-rare.ts';

/**
 * The query mix, drawn from the corpus vocabulary with a seeded generator.
 * Queries are written as a resident submits them (no trailing space), so the
 * product treats the last word as a prefix, exactly as on the site.
 */

export const QUERY_CLASSES = ['accented', 'unaccented', 'phrase', 'prefix', 'common', 'rare', 'two-word', 'typo'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

/** What each class is, with example queries exactly as typed. */
export const CLASS_NOTES: Record<QueryClass, string> = {
  accented: 'a phrase with diacritics, e.g. nhà tình thương',
  unaccented: 'a phrase without diacritics, e.g. nha tinh thuong',
  phrase: 'a phrase in double quotes, e.g. "ủy ban nhân dân"',
  prefix: 'still typing, last word cut short, e.g. nha tinh thuo',
  common: 'one very frequent word, e.g. phường, có',
  rare: 'one rare word, e.g. sò huyết, cloramin',
  'two-word': 'two unrelated words, e.g. đường phường',
  typo: 'a misspelt word, usually no match so "did you mean" runs, e.g. tinh nguen',
};

export interface BenchQuery {
  cls: QueryClass;
  q: string;
  /** 0-based index of the site searched. */
  site: number;
  /** The baseline's folded LIKE words: each word, or a quoted phrase as one piece. */
  likeWords: string[];
}

const syllables = (entry: string) => entry.split(' ').length;
/** Multi-word phrases of ward news (2–4 words), beyond the function words at the top. */
const PHRASES = MAIN.slice(20).filter((e) => syllables(e) >= 2 && syllables(e) <= 4);
const ACCENTED_PHRASES = PHRASES.filter(hasDiacritics);
/** Phrases whose last word is long enough to be caught half-typed. */
const PREFIX_PHRASES = PHRASES.filter((p) => p.split(' ').at(-1)!.length >= 3);
/** The single words at the top of the frequency list. */
const COMMON_WORDS = MAIN.slice(0, 120).filter((e) => syllables(e) === 1);
/** Single words past the top, for two-word queries. */
const MID_WORDS = [...new Set(MAIN.slice(20, 400).flatMap((e) => e.split(' ')))];
/** Rare words, past the few merely uncommon ones at the head of the rare list. */
const RARE_WORDS = RARE.slice(20);

/** The folded LIKE words of a query, as a naive search would take them. */
export function likeWordsOf(q: string): string[] {
  const words: string[] = [];
  q.split('"').forEach((piece, i) => {
    if (i % 2 === 1) {
      const phrase = indexWords(foldVietnamese(piece));
      if (phrase) words.push(phrase);
    } else {
      for (const chunk of piece.split(/\s+/)) words.push(...indexWords(foldVietnamese(chunk)).split(' ').filter(Boolean));
    }
  });
  return words;
}

function typo(rng: Rng, word: string): string {
  const i = rng.int(1, word.length - 2);
  // Swap two neighbours, or drop a letter.
  return rng.chance(0.5) ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i) + word.slice(i + 1);
}

function queryText(rng: Rng, cls: QueryClass): string {
  const maybeFold = (text: string) => (rng.chance(0.5) ? foldVietnamese(text) : text);
  switch (cls) {
    case 'accented':
      return rng.pick(ACCENTED_PHRASES);
    case 'unaccented':
      return foldVietnamese(rng.pick(PHRASES));
    case 'phrase':
      return `"${maybeFold(rng.pick(PHRASES))}"`;
    case 'prefix': {
      // Typing: the last word cut short, at least two letters left.
      const words = maybeFold(rng.pick(PREFIX_PHRASES)).split(' ');
      const last = words.at(-1)!;
      return [...words.slice(0, -1), last.slice(0, Math.max(2, last.length - rng.int(1, 2)))].join(' ');
    }
    case 'common':
      return maybeFold(rng.pick(COMMON_WORDS));
    case 'rare':
      return maybeFold(rng.pick(RARE_WORDS));
    case 'two-word': {
      const a = rng.pick(MID_WORDS);
      let b = rng.pick(MID_WORDS);
      while (b === a) b = rng.pick(MID_WORDS);
      return maybeFold(`${a} ${b}`);
    }
    case 'typo': {
      const words = foldVietnamese(rng.pick(PHRASES)).split(' ');
      const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5);
      const [word, at] = long.length ? rng.pick(long) : [words.at(-1)!, words.length - 1];
      words[at] = word.length >= 4 ? typo(rng, word) : `${word}x`;
      return words.join(' ');
    }
  }
}

/** `perClass` queries of every class, shuffled, each against a random site. */
export function makeQueries(seed: number, perClass: number, sites: number): BenchQuery[] {
  const rng = new Rng(hashSeed(seed, 0x51ea5c));
  const queries: BenchQuery[] = [];
  for (const cls of QUERY_CLASSES) {
    for (let i = 0; i < perClass; i++) {
      const q = queryText(rng, cls);
      queries.push({ cls, q, site: rng.int(0, sites - 1), likeWords: likeWordsOf(q) });
    }
  }
  // Shuffled, so a run cut short by its time budget still measures the whole mix.
  return rng.shuffle(queries);
}
