import { summarize } from '../src/services/article-service.ts';
import { foldVietnamese, slugify } from '../src/text/vietnamese.ts';
import { Rng, Zipf, hashSeed } from './prng.ts';
import { FAMILY_NAMES, GIVEN_NAMES, RARE } from './vocabulary-rare.ts';
import { MAIN, MEASURES, PLACES, TITLE_OPENERS } from './vocabulary.ts';

/**
 * The synthetic corpus: article number i is a pure function of (seed, i), so
 * any subset can be generated again without keeping 100,000 articles in
 * memory, and every run and both dialects see the very same text.
 */

export type CategorySlug = 'tin-tuc' | 'thong-bao' | 'tai-lieu';

export interface GeneratedArticle {
  index: number;
  /** 0-based site number: article i goes to site i mod sites. */
  site: number;
  category: CategorySlug;
  title: string;
  slug: string;
  summary: string;
  bodyHtml: string;
  /** The body as plain text, as htmlToPlainText would give it. */
  plain: string;
  /** foldVietnamese(title summary plain), as importArticle stores it. */
  searchText: string;
  publishedAt: string;
  /** Number of words (space-separated) in the title and in the body. */
  titleWords: number;
  bodyWords: number;
}

/** Zipf–Mandelbrot over the ranked main vocabulary; the offset keeps "của" from swamping the text. */
export const MAIN_ZIPF = new Zipf(MAIN.length, 1.05, 2.7);
/** The rare pool has its own, steeper law: a few rare words are merely uncommon, most are very rare. */
export const RARE_ZIPF = new Zipf(RARE.length, 1.0, 0);
/** Chance per vocabulary draw of a rare word, of a number expression, of a person's name. */
const RARE_RATE = 0.004;
const NUMBER_RATE = 0.03;
const NAME_RATE = 0.006;

const FIRST_DAY = Date.UTC(2015, 0, 1);
/** The last publication day: end of October 2026, or yesterday if the clock is earlier (articles must be in the past to be indexed). */
const LAST_DAY = Math.min(Date.UTC(2026, 9, 31, 23, 59), Date.now() - 86_400_000);

const words = (text: string) => text.split(' ').length;
const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase('vi-VN') + text.slice(1);

/** 1151800 → "1.151.800", as Vietnamese texts write numbers. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function numberExpression(rng: Rng): string {
  switch (rng.int(0, 7)) {
    case 0: {
      // Money: 1.151.800đ or 438.000.000 đồng.
      const amount = rng.int(1, 9999) * 10 ** rng.int(2, 5);
      return rng.chance(0.5) ? `${groupThousands(amount)}đ` : `${groupThousands(amount)} đồng`;
    }
    case 1:
      return `${groupThousands(rng.int(1, 99_999))} ${rng.pick(MEASURES)}`;
    case 2:
      return `năm ${rng.int(2010, 2026)}`;
    case 3:
      return `ngày ${rng.int(1, 28)}/${rng.int(1, 12)}/${rng.int(2015, 2026)}`;
    case 4:
      return `${rng.pick(PLACES)} ${rng.int(1, 30)}`;
    case 5:
      return `${rng.int(50, 100)},${rng.int(1, 9)}%`;
    case 6:
      return `số ${rng.int(1, 999)}/${rng.pick(['KH', 'TB', 'QĐ', 'BC', 'CV'])}-UBND`;
    default:
      return `covid-19`;
  }
}

function personName(rng: Rng): string {
  const title = rng.pick(['ông', 'bà', 'đồng chí', 'anh', 'chị']);
  return `${title} ${rng.pick(FAMILY_NAMES)} ${rng.pick(GIVEN_NAMES)}`;
}

/** One vocabulary draw: usually a ranked word or phrase, sometimes a rare word, a number or a name. */
function draw(rng: Rng): string {
  const u = rng.next();
  if (u < RARE_RATE) return RARE[RARE_ZIPF.sample(rng)]!;
  if (u < RARE_RATE + NUMBER_RATE) return numberExpression(rng);
  if (u < RARE_RATE + NUMBER_RATE + NAME_RATE) return personName(rng);
  return MAIN[MAIN_ZIPF.sample(rng)]!;
}

/** Draws until at least `target` words; returns the drawn parts. */
function parts(rng: Rng, target: number, start: string[] = []): string[] {
  const out = [...start];
  let count = start.reduce((n, p) => n + words(p), 0);
  while (count < target) {
    const part = draw(rng);
    out.push(part);
    count += words(part);
  }
  return out;
}

function sentence(rng: Rng): string {
  const drawn = parts(rng, rng.int(9, 24));
  // A comma now and then between two parts, as real sentences have.
  if (drawn.length > 4 && rng.chance(0.4)) {
    const at = rng.int(1, drawn.length - 3);
    drawn[at] = `${drawn[at]},`;
  }
  return `${capitalize(drawn.join(' '))}.`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Generates article number `index` of the corpus of a seed. */
export function generateArticle(seed: number, index: number, sites: number): GeneratedArticle {
  const rng = new Rng(hashSeed(seed, index));
  const u = rng.next();
  const category: CategorySlug = u < 0.6 ? 'tin-tuc' : u < 0.85 ? 'thong-bao' : 'tai-lieu';

  // Titles: 8–20 words, opening like the posts of the category.
  const titleTarget = rng.int(8, 20);
  const title = parts(rng, titleTarget, [rng.pick(TITLE_OPENERS[category])])
    .join(' ')
    .split(' ')
    .slice(0, titleTarget)
    .join(' ');

  // Bodies: 150–400 words in paragraphs of 2–5 sentences.
  const bodyTarget = rng.int(150, 400);
  const paragraphs: string[] = [];
  let bodyWords = 0;
  while (bodyWords < bodyTarget) {
    const sentences: string[] = [];
    const n = rng.int(2, 5);
    for (let s = 0; s < n && bodyWords < bodyTarget; s++) {
      const text = sentence(rng);
      sentences.push(text);
      bodyWords += words(text);
    }
    paragraphs.push(sentences.join(' '));
  }
  const plain = paragraphs.join(' ');
  const bodyHtml = paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join('\n');
  const summary = summarize(plain);
  const publishedAt = new Date(FIRST_DAY + Math.floor(rng.next() * (LAST_DAY - FIRST_DAY))).toISOString();
  return {
    index,
    site: index % sites,
    category,
    title,
    slug: `${slugify(title, 60)}-${index}`,
    summary,
    bodyHtml,
    plain,
    searchText: foldVietnamese(`${title} ${summary} ${plain}`),
    publishedAt,
    titleWords: words(title),
    bodyWords,
  };
}
