import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { CategoryRepository } from '../../repositories/category-repository.ts';
import { type Candidate, SearchRepository, type SearchFilter, filterSites } from '../../repositories/search-repository.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { Gate } from '../../jobs/gate.ts';
import { highlight, snippet } from './highlight.ts';
import { abbreviationsFor } from './abbreviation-service.ts';
import { expandQuery } from './expand.ts';
import { type ParsedQuery, parseQuery } from './query.ts';
import { rankCandidates, togetherChecks } from './rank.ts';
import { suggestCorrection } from './suggest.ts';

/** What a resident asked for. */
export interface SearchParams {
  q: string;
  kind?: string | undefined;
  categorySlug?: string | undefined;
  from?: Date | undefined;
  /** The last day included. */
  to?: Date | undefined;
  page: number;
  perPage: number;
  /** The query as typed only: no correction searched in its place. */
  exact?: boolean | undefined;
  /** Several sites searched at once instead of the site alone (a province portal over its communes); the caller chooses them. */
  siteIds?: readonly number[] | undefined;
}

/** One result, ready to show: highlighted title and passage, in the original diacritics. */
export interface SearchHit {
  /** Whose item it is: the site searched, or one of the several. */
  siteId: number;
  kind: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  path: string;
  publishedAt: string;
}

/** The results of one query: its matches, one page of them, highlighted. */
export interface SearchResults {
  query: ParsedQuery;
  /** How many matched, counted up to COUNT_CAP. */
  total: number;
  /** More matched than `total`: the count stopped at COUNT_CAP ("hơn 1.000 kết quả"). */
  capped: boolean;
  hits: SearchHit[];
  pagination: Pagination;
}

export interface SearchOutcome extends SearchResults {
  /** A query with a misspelt word corrected, offered when nothing matched. */
  suggestion: string | null;
  /** When the query as typed found little and its correction more: the correction's results, shown instead ("Hiển thị kết quả cho …"). */
  corrected: SearchResults | null;
}

/** How many matches are ranked by our rules; pages beyond follow the engine's order. */
const RANKED_POOL = 100;
/** Below this many matches, a query is "little found" and its correction is tried. */
const FEW_MATCHES = 3;

async function filterOf(db: Kysely<Database>, site: SiteRow, params: SearchParams): Promise<SearchFilter> {
  let categoryId: number | undefined;
  if (params.categorySlug) {
    const category = await new CategoryRepository(db, site.id).findBySlug(params.categorySlug);
    if (!category) throw new AppError('category_not_found');
    categoryId = category.id;
  }
  return {
    siteId: site.id,
    siteIds: params.siteIds,
    kind: params.kind,
    categoryId,
    from: params.from?.toISOString(),
    to: params.to ? new Date(params.to.getTime() + 86_400_000).toISOString() : undefined,
  };
}

/** Searches run this many at a time in a process; see Gate. Two cores, and SQLite answers one query at a time anyway. */
export const SEARCH_CONCURRENCY = 4;
const searches = new Gate(SEARCH_CONCURRENCY);

/**
 * Searches a site's published items. An empty or useless query gives no
 * results and no error. A query that finds little is corrected (see
 * suggestCorrection): the correction is offered when nothing matched, and
 * its results come too when they are more, unless `exact` asks for the query
 * as typed only.
 */
export function search(db: Kysely<Database>, site: SiteRow, params: SearchParams): Promise<SearchOutcome> {
  return searches.run(() => searchNow(db, site, params));
}

async function searchNow(db: Kysely<Database>, site: SiteRow, params: SearchParams): Promise<SearchOutcome> {
  const filter = await filterOf(db, site, params);
  const abbreviations = await abbreviationsFor(db, site.province);
  const repo = new SearchRepository(db);
  const results = await resultsOf(repo, expandQuery(parseQuery(params.q), abbreviations), filter, params);
  if (results.total >= FEW_MATCHES || results.query.groups.length === 0) return { ...results, suggestion: null, corrected: null };
  const correction = await suggestCorrection(repo, filterSites(filter), results.query, results.total > 0);
  if (correction === null) return { ...results, suggestion: null, corrected: null };
  const corrected = params.exact ? null : await resultsOf(repo, expandQuery(parseQuery(correction), abbreviations), filter, params);
  return {
    ...results,
    suggestion: results.total === 0 ? correction : null,
    corrected: corrected && corrected.total > results.total ? corrected : null,
  };
}

/** One query's matches: counted, the best ranked by the search's rules, one page highlighted. */
async function resultsOf(repo: SearchRepository, query: ParsedQuery, filter: SearchFilter, params: SearchParams): Promise<SearchResults> {
  if (query.groups.length === 0) return { query, total: 0, capped: false, hits: [], pagination: paginate(0, 1, params.perPage) };
  const { parts } = query;
  // A phrase on PostgreSQL: each form counted and ranked in one pass, both forms at once (on two connections).
  const [counted, exactCounted] = await Promise.all([
    repo.countRanked(parts, 'folded', filter, RANKED_POOL),
    query.hasAccents && repo.ranksAsItCounts(parts) ? repo.countRanked(parts, 'accented', filter, RANKED_POOL) : null,
  ]);
  const { total, capped } = counted;
  const pagination = paginate(total, params.page, params.perPage);
  let page: Candidate[] = [];
  if (total > 0) {
    const end = pagination.offset + pagination.perPage;
    if (end <= RANKED_POOL) {
      const [folded, exact] = await Promise.all([
        counted.ranked ?? repo.candidates(parts, 'folded', filter, RANKED_POOL, capped),
        exactCounted?.ranked ?? (query.hasAccents ? repo.candidates(parts, 'accented', filter, RANKED_POOL, exactCounted?.capped ?? capped) : []),
      ]);
      // Exact-diacritic matches come from their own index, so none is missed among many folded matches.
      const byId = new Map([...folded, ...exact].map((c) => [c.id, c]));
      const checks = byId.size > 1 ? togetherChecks(query) : [];
      const holding = await repo.holding(
        checks.map((c) => c.phrases),
        [...byId.values()],
      );
      page = rankCandidates(query, [...byId.values()], new Set(exact.map((c) => c.id)), checks, holding).slice(pagination.offset, end);
    } else {
      page = (await repo.candidates(parts, 'folded', filter, end, capped)).slice(pagination.offset, end);
    }
  }
  const bodies = await repo.bodiesOf(page.map((c) => c.id));
  const marked = markedGroups(query);
  const hits = page.map((c) => ({
    siteId: c.site_id,
    kind: c.kind,
    title: c.title,
    titleHtml: highlight(c.title, marked),
    snippetHtml: snippet(bodies.get(c.id) ?? '', marked),
    path: c.path,
    publishedAt: c.published_at,
  }));
  return { query, total, capped, hits, pagination };
}

/** What a result marks: the words as typed and every alternative ("MTTQ" where "mặt trận tổ quốc" was asked). */
const markedGroups = (query: ParsedQuery) => [...query.groups, ...query.parts.flatMap((p) => p.alternatives)];
