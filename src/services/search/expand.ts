import type { Abbreviation } from './abbreviations.ts';
import { amountForms, readAmount } from './amounts.ts';
import { type ParsedQuery, type PartKind, type QueryPart, type TermGroup, plainPart, wordsGroup } from './query.ts';

/**
 * Reads what a query's words mean beyond themselves, at query time, so the
 * index needs no rebuild: an abbreviation and its long form, a document
 * number however it is typed, an amount in words or digits, a date in any of
 * the ways Vietnamese texts write it. Each becomes a part whose alternatives
 * any item may match instead of the words as typed.
 */

/** Codes of document types in a number and symbol (125/QĐ-UBND, 42/2022/NĐ-CP), folded. */
const DOCUMENT_TYPES = new Set(['qd', 'nd', 'tt', 'ttlt', 'nq', 'nqlt', 'ct', 'kh', 'tb', 'bc', 'ttr', 'hd', 'qc', 'ql', 'pl', 'ch', 'cv']);
/** Issuing bodies typed after the type code as separate words ("125 qd ubnd"); inside one chunk any letters count. */
const ISSUERS = new Set([
  'ubnd',
  'hdnd',
  'cp',
  'ttg',
  'tw',
  'qh',
  'ubtvqh',
  'btc',
  'bnv',
  'byt',
  'bca',
  'bqp',
  'btnmt',
  'bxd',
  'bct',
  'btp',
  'vp',
  'vpcp',
  'mttq',
  'bgddt',
]);
/** The most alternatives one part may carry, so that a query stays a handful of phrases. */
const MAX_ALTERNATIVES = 8;

/** A run of the query's groups, flattened to folded words, each word knowing which group it came from. */
interface Words {
  words: string[];
  groupOf: number[];
}

function flatten(groups: TermGroup[], from: number): Words {
  const words: string[] = [];
  const groupOf: number[] = [];
  for (let g = from; g < groups.length && !groups[g]!.quoted; g++) {
    for (const t of groups[g]!.terms) {
      words.push(t.folded);
      groupOf.push(g);
    }
  }
  return { words, groupOf };
}

/** How many groups the first `n` words cover, or 0 when they end inside a group. */
function groupsCovered(run: Words, n: number, from: number): number {
  if (n === 0 || n > run.words.length) return 0;
  if (n < run.words.length && run.groupOf[n] === run.groupOf[n - 1]) return 0;
  return run.groupOf[n - 1]! - from + 1;
}

const isNumber = (w: string | undefined): w is string => w !== undefined && /^\d+$/.test(w);
const isYear = (w: string | undefined) => isNumber(w) && w!.length === 4 && Number(w) >= 1900 && Number(w) <= 2100;
const unpadded = (w: string) => String(Number(w));
const padded = (w: string) => unpadded(w).padStart(2, '0');

interface Reading {
  words: number;
  kind: PartKind;
  alternatives: string[][];
}

/** "13/01/2020", "13-1-2020", "ngày 13 tháng 1 năm 2020", "tháng 1 năm 2020", "tháng 1/2020", "01/2020". */
function readDate(w: string[]): Reading | null {
  let i = w[0] === 'ngay' ? 1 : 0;
  let day: string | undefined;
  if (isNumber(w[i]) && Number(w[i]) >= 1 && Number(w[i]) <= 31 && (w[i + 1] === 'thang' || isNumber(w[i + 1]))) day = w[i++];
  if (w[i] === 'thang') i++;
  else if (day === undefined && i === 0 && !(isNumber(w[0]) && isYear(w[1]))) return null;
  const month = w[i];
  if (!isNumber(month) || Number(month) < 1 || Number(month) > 12) return null;
  i++;
  if (w[i] === 'nam') i++;
  if (!isYear(w[i])) return null;
  const year = w[i]!;
  const months = [...new Set([unpadded(month), padded(month)])];
  const alternatives: string[][] = [];
  if (day !== undefined) {
    for (const d of new Set([unpadded(day), padded(day)])) {
      for (const m of months) alternatives.push([d, m, year], [d, 'thang', m, 'nam', year]);
    }
  } else {
    for (const m of months) alternatives.push([m, year], ['thang', m, 'nam', year], ['thang', m, year]);
  }
  return { words: i + 1, kind: 'date', alternatives };
}

/** "125/QĐ-UBND", "125 qd ubnd", "qđ 125", "NĐ 42/2022", "42/2022/NĐ-CP": the number, its year, the type, the issuers. */
function readDocumentNumber(w: string[], groupOf: number[]): Reading | null {
  let i = 0;
  let number: string[];
  let type: string;
  if (isNumber(w[0])) {
    number = isYear(w[1]) && DOCUMENT_TYPES.has(w[2] ?? '') ? [w[0]!, w[1]!] : [w[0]!];
    i = number.length;
    if (!DOCUMENT_TYPES.has(w[i] ?? '')) return null;
    type = w[i++]!;
  } else if (DOCUMENT_TYPES.has(w[0] ?? '') && isNumber(w[1])) {
    type = w[0]!;
    number = isYear(w[2]) && groupOf[2] === groupOf[1] ? [w[1]!, w[2]!] : [w[1]!];
    i = 1 + number.length;
  } else return null;
  const issuers: string[] = [];
  // Issuers follow the type: any letters inside the chunk typed with it, known ones after a space.
  while (i < w.length && /^\p{L}+$/u.test(w[i]!) && (groupOf[i] === groupOf[i - 1] || ISSUERS.has(w[i]!))) issuers.push(w[i++]!);
  return { words: i, kind: 'number', alternatives: [[...number, type, ...issuers]] };
}

/** The unit word of a group, folded, when it is one word. */
const unitOf = (group: TermGroup | undefined) => (group && !group.quoted && group.terms.length === 1 ? group.terms[0]!.folded : undefined);

/** "438 triệu", "1,5 tỷ", "1 tỷ 500 triệu", "438.000.000đ": the same amount in digits and in words. */
function readAmountAt(groups: TermGroup[], from: number): { groups: number; alternatives: string[][] } | null {
  const raw = groups[from]!.raw;
  if (raw === undefined) return null;
  const withUnit = readAmount(raw, unitOf(groups[from + 1]));
  if (withUnit === null) {
    const bare = readAmount(raw, undefined);
    return bare === null ? null : { groups: 1, alternatives: amountForms(bare) };
  }
  // "1 tỷ 500 triệu": a smaller amount right after adds to it.
  const more = groups[from + 2]?.raw !== undefined ? readAmount(groups[from + 2]!.raw!, unitOf(groups[from + 3])) : null;
  if (more !== null && more < withUnit) {
    return { groups: 4, alternatives: amountForms(withUnit + more) };
  }
  return { groups: 2, alternatives: amountForms(withUnit) };
}

/** The longest run of whole groups from `from` that is a form of an abbreviation, with its other forms. */
function readAbbreviation(run: Words, from: number, list: Abbreviation[]): Reading | null {
  let best: Reading | null = null;
  for (const entry of list) {
    for (const [form, others] of [
      [entry.short, [entry.long]],
      [entry.long, [entry.short]],
    ] as const) {
      if (form.length > run.words.length || (best && form.length <= best.words)) continue;
      if (!form.every((word, k) => run.words[k] === word) || groupsCovered(run, form.length, from) === 0) continue;
      best = { words: form.length, kind: 'abbreviation', alternatives: others.map((o) => [...o]) };
    }
  }
  if (best) best.alternatives = alternativesOf(list, run.words.slice(0, best.words));
  return best;
}

/** Every other form of the abbreviations a run of words is a form of ("tp" → "thành phố"; "thành phố" → "tp"). */
function alternativesOf(list: Abbreviation[], words: string[]): string[][] {
  const key = words.join(' ');
  const out = new Map<string, string[]>();
  for (const entry of list) {
    if (entry.short.join(' ') === key) out.set(entry.long.join(' '), [...entry.long]);
    if (entry.long.join(' ') === key) out.set(entry.short.join(' '), [...entry.short]);
  }
  return [...out.values()];
}

function part(groups: TermGroup[], kind: PartKind, alternatives: string[][]): QueryPart {
  const typed = groups.flatMap((g) => g.terms.map((t) => t.folded)).join(' ');
  const unique = [...new Map(alternatives.map((a) => [a.join(' '), a])).values()].slice(0, MAX_ALTERNATIVES);
  const alts = unique.filter((a) => a.join(' ') !== typed).map(wordsGroup);
  const typedTogether = kind === 'number' ? [] : [wordsGroup(groups.flatMap((g) => g.terms.map((t) => t.folded)))];
  return {
    kind,
    groups,
    alternatives: alts,
    together: [...typedTogether, ...unique.map(wordsGroup)].filter((g, i, all) => all.findIndex((x) => same(x, g)) === i),
  };
}

const same = (a: TermGroup, b: TermGroup) => a.terms.map((t) => t.folded).join(' ') === b.terms.map((t) => t.folded).join(' ');

/** The query with its parts read: dates, document numbers, amounts and abbreviations (from `abbreviations`) get alternatives. */
export function expandQuery(query: ParsedQuery, abbreviations: Abbreviation[]): ParsedQuery {
  const parts: QueryPart[] = [];
  const { groups } = query;
  for (let g = 0; g < groups.length;) {
    const run = flatten(groups, g);
    let taken = 0;
    for (const read of [readDate, readDocumentNumber] as const) {
      const reading = read(run.words, run.groupOf);
      const covered = reading ? groupsCovered(run, reading.words, g) : 0;
      if (reading && covered) {
        parts.push(part(groups.slice(g, g + covered), reading.kind, reading.alternatives));
        taken = covered;
        break;
      }
    }
    if (!taken && run.words.length) {
      const amount = readAmountAt(groups, g);
      if (amount) {
        parts.push(part(groups.slice(g, g + amount.groups), 'amount', amount.alternatives));
        taken = amount.groups;
      }
    }
    if (!taken && run.words.length) {
      const reading = readAbbreviation(run, g, abbreviations);
      if (reading) {
        taken = groupsCovered(run, reading.words, g);
        parts.push(part(groups.slice(g, g + taken), 'abbreviation', reading.alternatives));
      }
    }
    if (!taken) {
      parts.push(plainPart(groups[g]!));
      taken = 1;
    }
    g += taken;
  }
  return { ...query, parts };
}
