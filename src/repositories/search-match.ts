import { type RawBuilder, sql } from 'kysely';
import { siteScope, startEntry } from '../services/search/index-text.ts';
import type { QueryPart, TermGroup } from '../services/search/query.ts';

/**
 * A query as each engine reads it: an FTS5 MATCH expression for SQLite, a
 * tsquery for PostgreSQL. Every part of the query is required; a part is its
 * words as typed (each group required) or any one of its alternatives. Every
 * word is letters and digits only, scoped to its site, so no user syntax
 * survives.
 */

/** Which form of each group's words to match: folded always, or accented where the group was typed with diacritics. */
export type MatchForm = 'folded' | 'accented';

/** One site, or several searched at once (a province portal's search). */
export type Sites = number | readonly number[];

/** The sites of a scope, as a list. */
export const siteList = (sites: Sites): readonly number[] => (typeof sites === 'number' ? [sites] : sites);

/** What a search is narrowed to, besides its words. */
export interface SearchFilter {
  siteId: number;
  /** Several sites instead of siteId's alone: the province portal's search over its communes. */
  siteIds?: readonly number[] | undefined;
  kind?: string | undefined;
  categoryId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** A form's PostgreSQL vectors: the whole text's (title words weigh A, body words B) and the title's alone. */
export const pgVectors = (form: MatchForm) =>
  form === 'accented'
    ? { text: sql.ref('d.fts_accented'), title: sql.ref('d.fts_title_accented') }
    : { text: sql.ref('d.fts_folded'), title: sql.ref('d.fts_title_folded') };

/** How PostgreSQL weighs a match of a form by its query `q`: a title word counts ten times a body word (ts_rank_cd's weights for D, C, B, A). */
export const pgRank = (form: MatchForm) => sql`ts_rank_cd('{0.1, 0.2, 0.1, 1.0}', ${pgVectors(form).text}, q)`;

/** Whether a group is matched with its diacritics: in the accented form, where any of its words was typed with them (the others, such as "ban" in "ủy ban", have none to type). */
const groupIsAccented = (group: TermGroup, form: MatchForm) => form === 'accented' && group.terms.some((t) => t.accented);

/** The sites a filter searches. */
export const filterSites = (filter: SearchFilter): Sites => filter.siteIds ?? filter.siteId;

/** A group's words as the index holds them, in the form matched: once per site searched, scoped to it. */
function groupWords(group: TermGroup, form: MatchForm, sites: Sites): string[][] {
  const accented = groupIsAccented(group, form);
  return siteList(sites).map((siteId) => {
    const scope = siteScope(siteId);
    return group.terms.map((t) => scope + (accented ? (t.accented ?? t.folded) : t.folded));
  });
}

/** Joins clauses with an operator, in parentheses when there is more than one. */
const joined = (clauses: string[], operator: string) => (clauses.length === 1 ? clauses[0]! : `(${clauses.join(` ${operator} `)})`);

function fts5Group(group: TermGroup, form: MatchForm, sites: Sites, titlesOnly: boolean): string {
  const accented = groupIsAccented(group, form);
  const columns = titlesOnly ? (accented ? '{title_a}' : '{title_f}') : accented ? '{title_a body_a}' : '{title_f body_f}';
  // An item holds its own site's words only, so each site's form of the group is one alternative.
  const bodies = groupWords(group, form, sites).map((words) =>
    group.phrase ? `"${words.join(' ')}"` : `"${words[0]}"${group.terms.at(-1)?.prefix ? ' *' : ''}`,
  );
  return `${columns} : ${joined(bodies, 'OR')}`;
}

/**
 * Each part of a query as one clause of an engine's syntax: its typed
 * groups all required (`and`), or any one of its alternatives (`or`), which
 * are written by us, not typed, so matched folded. The engines join the
 * parts themselves, all required.
 */
function partClauses<T>(
  parts: QueryPart[],
  form: MatchForm,
  group: (g: TermGroup, form: MatchForm) => T,
  and: (clauses: T[]) => T,
  or: (clauses: T[]) => T,
): T[] {
  return parts.map((part) => or([and(part.groups.map((g) => group(g, form))), ...part.alternatives.map((g) => group(g, 'folded'))]));
}

/** An FTS5 MATCH expression for the parts of a query, narrowed by the filter's kind and category. */
export function fts5Match(parts: QueryPart[], form: MatchForm, filter: SearchFilter, titlesOnly = false): string {
  const clauses = partClauses(
    parts,
    form,
    (g, f) => fts5Group(g, f, filterSites(filter), titlesOnly),
    (c) => joined(c, 'AND'),
    (c) => joined(c, 'OR'),
  );
  // The site is in every word already; tags narrow to a kind or a category.
  const tags: string[] = [];
  if (filter.kind) tags.push(`tags : "k${filter.kind}"`);
  if (filter.categoryId !== undefined) tags.push(`tags : "c${filter.categoryId}"`);
  return [...tags, ...clauses].join(' AND ');
}

/** An FTS5 expression true where any of some phrases stands, in title or body (whole words, folded). */
export function fts5AnyPhrase(phrases: TermGroup[], sites: Sites): string {
  return joined(
    phrases.map((g) => fts5Group({ ...g, terms: g.terms.map((t) => ({ ...t, prefix: false })) }, 'folded', sites, false)),
    'OR',
  );
}

/** The FTS5 tags of an item: its kind and category, for filters. */
export const ftsTags = (kind: string, categoryId: number | null) => `k${kind}${categoryId === null ? '' : ` c${categoryId}`}`;

/**
 * How a tsquery matches a word still being typed: as a prefix of the
 * vector's words (`row`, for checking rows and for ranking), as the word or
 * one of the index's word starts (`index`, where the word index answers;
 * see wordStarts), or not as a prefix at all (`none`).
 */
export type PrefixMatch = 'row' | 'index' | 'none';

function tsWord(word: string, prefix: PrefixMatch): string {
  if (prefix === 'none') return word;
  const start = prefix === 'index' ? startEntry(word) : null;
  return start === null ? `${word}:*` : `(${word} | ${start})`;
}

/** Whether a group's last word is still being typed. */
const begun = (group: TermGroup) => !group.phrase && group.terms.at(-1)?.prefix === true;

function tsGroup(group: TermGroup, form: MatchForm, sites: Sites, prefix: PrefixMatch): string {
  // Only folded words have their starts in the index.
  const match = !begun(group) ? 'none' : prefix === 'index' && groupIsAccented(group, form) ? 'row' : prefix;
  const bodies = groupWords(group, form, sites).map((words) => (group.phrase ? `(${words.join(' <-> ')})` : tsWord(words[0]!, match)));
  return joined(bodies, '|');
}

/** A PostgreSQL tsquery text for the parts of a query. */
export function tsQuery(parts: QueryPart[], form: MatchForm, sites: Sites, prefix: PrefixMatch = 'row'): string {
  return partClauses(
    parts,
    form,
    (g, f) => tsGroup(g, f, sites, prefix),
    (c) => joined(c, '&'),
    (c) => joined(c, '|'),
  ).join(' & ');
}

/** A tsquery true where any of some phrases stands (whole words, folded). */
export function tsAnyPhrase(phrases: TermGroup[], sites: Sites): string {
  return joined(
    phrases.map((g) => tsGroup(g, 'folded', sites, 'none')),
    '|',
  );
}

/** Whether a query has a phrase anywhere, typed or among its alternatives: PostgreSQL then checks rows (see ranksAsItCounts). */
export const hasPhrase = (parts: QueryPart[]) => parts.some((p) => p.groups.some((g) => g.phrase) || p.alternatives.some((g) => g.phrase));

/** The date range of a filter, on search_documents `d`. */
export function dateFilters(filter: SearchFilter) {
  return sql`${filter.from ? sql`and d.published_at >= ${filter.from}` : sql``} ${filter.to ? sql`and d.published_at < ${filter.to}` : sql``}`;
}

/** The kind, category and dates a filter narrows search_documents `d` to. */
function pgFilters(filter: SearchFilter) {
  return sql`${filter.kind ? sql`and d.kind = ${filter.kind}` : sql``} ${filter.categoryId !== undefined ? sql`and d.category_id = ${filter.categoryId}` : sql``} ${dateFilters(filter)}`;
}

const pgVector = (form: MatchForm, inTitles: boolean) => (inTitles ? pgVectors(form).title : pgVectors(form).text);

/** Clauses joined by a tsquery operator in SQL (`&&`, `||`), in parentheses when there is more than one. */
const sqlJoined = (clauses: RawBuilder<unknown>[], operator: RawBuilder<unknown>) =>
  clauses.length === 1 ? clauses[0]! : sql`(${sql.join(clauses, operator)})`;

/** A group's words at one site as the phrase index reads them: a phrase's words for search_phrase, a word as its tsquery text. */
function termsText(group: TermGroup, siteId: number): string {
  const words = groupWords(group, 'folded', siteId)[0]!;
  return group.phrase ? words.join(' ') : tsWord(words[0]!, begun(group) ? 'index' : 'none');
}

/**
 * A query as the phrase index reads it (search_terms, migration 0133): its
 * words folded, as the word index holds them, and each phrase as the pairs
 * of its words (search_phrase), each group's text at the site read from
 * `text` (see termsText). Every match holds it, and almost nothing else:
 * only a phrase of three words or more may have its pairs apart, so rows are
 * still checked by the query itself.
 */
function termsQuery(parts: QueryPart[], text: (group: TermGroup) => RawBuilder<unknown>) {
  const and = (c: RawBuilder<unknown>[]) => sqlJoined(c, sql` && `);
  const group = (g: TermGroup) => (g.phrase ? sql`search_phrase(${text(g)})` : sql`to_tsquery('simple', ${text(g)})`);
  return and(partClauses(parts, 'folded', group, and, (c) => sqlJoined(c, sql` || `)));
}

/**
 * A form's matches on PostgreSQL, as rows of `columns` (which may weigh by
 * the query, `q`). Each site searched is a row of a VALUES list holding its
 * own site's words (`s`), and its items are read by a LATERAL subquery, so a
 * LIMIT around them stops reading sites once it has enough, and the
 * statement is planned once, however many sites it reads (a UNION ALL of
 * one statement per site cost more to plan than to run on a province). The
 * site is checked as a plain value (`+ 0`): its words name it already, and
 * combining the word index with the site's index only costs more. A folded
 * word still being typed is looked up by its start (`index`), and ranked by
 * `q`, which reads it as a prefix; the accented vectors hold no starts. A
 * query with a phrase is looked up in the phrase index (termsQuery), and
 * only the rows it gives are checked against the query. OFFSET 0 keeps the
 * subquery whole, so it is run site by site, and keeps PostgreSQL from also
 * checking a phrase's rows through the word index.
 */
export function pgMatches(parts: QueryPart[], form: MatchForm, filter: SearchFilter, columns: RawBuilder<unknown>) {
  const vector = pgVectors(form).text;
  const typing = parts.some((p) => [...p.groups, ...p.alternatives].some(begun)) && form === 'folded';
  const phrased = hasPhrase(parts);
  const groups = phrased ? [...new Set(parts.flatMap((p) => [...p.groups, ...p.alternatives]))] : [];
  const rows = siteList(filterSites(filter)).map(
    (id) =>
      sql`(${sql.join([
        sql`${id}::int`,
        sql`${tsQuery(parts, form, id)}::text`,
        sql`${typing ? tsQuery(parts, form, id, 'index') : ''}::text`,
        ...groups.map((g) => sql`${termsText(g, id)}::text`),
      ])})`,
  );
  const names = sql.raw(['site', 'query', 'typed', ...groups.map((_, k) => `g${k}`)].join(', '));
  const items = phrased
    ? sql`select d.* from search_documents d
        where search_terms(d.fts_folded) @@ ${termsQuery(parts, (g) => sql.ref(`s.g${groups.indexOf(g)}`))} and d.site_id + 0 = s.site ${pgFilters(filter)} offset 0`
    : sql`select d.* from search_documents d
        where d.site_id + 0 = s.site and ${vector} @@ to_tsquery('simple', ${typing ? sql.ref('s.typed') : sql.ref('s.query')}) ${pgFilters(filter)} offset 0`;
  return sql`select ${columns} from (values ${sql.join(rows)}) s(${names}) cross join lateral (${items}) d, to_tsquery('simple', s.query) q
    ${phrased ? sql`where ${vector} @@ q` : sql``}`;
}

/**
 * The tsquery of search_documents `d`'s own site, from each site's text:
 * checking every site's words at each item cost as many times more.
 */
export function ownTsQuery(ids: readonly number[], text: (siteId: number) => string) {
  if (ids.length === 1) return sql`to_tsquery('simple', ${text(ids[0]!)})`;
  return sql`(case d.site_id ${sql.join(
    ids.map((id) => sql`when ${id} then to_tsquery('simple', ${text(id)})`),
    sql` `,
  )} end)`;
}

/**
 * How many of a scope's newest items a search with many matches reads for
 * them, for one site and for several: enough for a frequent query's pool,
 * and for several sites more, as sorting every match of a province costs more.
 */
export const NEWEST_WALK = { site: 500, sites: 2000 };
/**
 * How many times NEWEST_WALK a second walk may read for the newest matches,
 * where the first found some but too few: reading items in date order costs
 * less than fetching and sorting every match of a province.
 */
const FURTHER_WALK = 10;

/** How far a second walk reads: as far as the first one's matches say the pool lies, with a margin, if within FURTHER_WALK. */
export function furtherWalk(items: number, found: number, limit: number): number | null {
  if (found === 0) return null;
  const needed = Math.ceil(((items * limit) / found) * 1.5);
  return needed <= items * FURTHER_WALK ? needed : null;
}

/**
 * A form's matches among the `items` newest of a scope, as a statement's
 * from and where: those items are read by date from an index and each is
 * checked by its own site's query, so the work is bounded by `items`.
 */
export function pgWalk(parts: QueryPart[], form: MatchForm, filter: SearchFilter, inTitles: boolean, items: number) {
  const ids = siteList(filterSites(filter));
  const vector = pgVector(form, inTitles);
  const own = ownTsQuery(ids, (id) => tsQuery(parts, form, id));
  return sql`from (select d.id, d.site_id, d.source, d.ref_id, d.kind, d.category_id, d.published_at, d.title, d.path, ${vector} as v
      from search_documents d where ${ids.length === 1 ? sql`d.site_id = ${ids[0]}` : sql`d.site_id in (${sql.join(ids)})`} ${pgFilters(filter)}
      order by d.published_at desc limit ${items}) d
    where d.v @@ ${own}`;
}
