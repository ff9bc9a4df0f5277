import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { CategoryRepository } from '../../repositories/category-repository.ts';
import { type Candidate, SearchRepository, type SearchFilter } from '../../repositories/search-repository.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { Gate } from '../../jobs/gate.ts';
import { highlight, snippet } from './highlight.ts';
import { indexWords } from './index-text.ts';
import { type ParsedQuery, parseQuery } from './query.ts';
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
}

/** One result, ready to show: highlighted title and passage, in the original diacritics. */
export interface SearchHit {
  kind: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  path: string;
  publishedAt: string;
}

export interface SearchOutcome {
  query: ParsedQuery;
  total: number;
  hits: SearchHit[];
  pagination: Pagination;
  /** A query with a misspelt word corrected, offered when nothing matched. */
  suggestion: string | null;
}

/** How many matches are ranked by our rules; pages beyond follow the engine's order. */
const RANKED_POOL = 100;

const padded = (text: string) => ` ${indexWords(foldVietnamese(text))} `;

/** Whether a folded, space-padded text holds a group of words (in order, for a phrase). */
function holds(text: string, words: string[], prefix: boolean): boolean {
  const joined = words.join(' ');
  return prefix ? text.includes(` ${joined}`) : text.includes(` ${joined} `);
}

/**
 * Orders matches by the search rules, strongest first:
 * 1. the diacritics as typed ("nhà" before "nha khoa");
 * 2. every word in the title;
 * 3. the whole query as a phrase, in the title, then in the body;
 * 4. how many words the title holds, then the engine's relevance;
 * 5. the newest first.
 */
export function rankCandidates(query: ParsedQuery, candidates: Candidate[], exactIds: Set<number>, phraseIds: Set<number>): Candidate[] {
  const maxRelevance = Math.max(...candidates.map((c) => c.relevance), 1e-9);
  const all = query.terms.map((t) => t.folded);
  const scored = candidates.map((c) => {
    const title = padded(c.title);
    const groupsInTitle = query.groups.filter((g) =>
      holds(
        title,
        g.terms.map((t) => t.folded),
        g.terms.at(-1)?.prefix ?? false,
      ),
    ).length;
    let score = 0;
    if (query.hasAccents && exactIds.has(c.id)) score += 1000;
    if (groupsInTitle === query.groups.length) score += 200;
    if (all.length > 1 && holds(title, all, false)) score += 100;
    if (all.length > 1 && phraseIds.has(c.id)) score += 50;
    // The engine's relevance counts coarsely, so near-equal matches fall to recency.
    score += groupsInTitle * 10 + Math.round((c.relevance / maxRelevance) * 4);
    return { c, score };
  });
  scored.sort((a, b) => b.score - a.score || (a.c.published_at < b.c.published_at ? 1 : a.c.published_at > b.c.published_at ? -1 : 0));
  return scored.map((s) => s.c);
}

async function filterOf(db: Kysely<Database>, site: SiteRow, params: SearchParams): Promise<SearchFilter> {
  let categoryId: number | undefined;
  if (params.categorySlug) {
    const category = await new CategoryRepository(db, site.id).findBySlug(params.categorySlug);
    if (!category) throw new AppError('category_not_found');
    categoryId = category.id;
  }
  return {
    siteId: site.id,
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
 * results and no error; a query with no match may get a suggestion.
 */
export function search(db: Kysely<Database>, site: SiteRow, params: SearchParams): Promise<SearchOutcome> {
  return searches.run(() => searchNow(db, site, params));
}

async function searchNow(db: Kysely<Database>, site: SiteRow, params: SearchParams): Promise<SearchOutcome> {
  const query = parseQuery(params.q);
  const filter = await filterOf(db, site, params);
  if (query.groups.length === 0) {
    return { query, total: 0, hits: [], pagination: paginate(0, 1, params.perPage), suggestion: null };
  }
  const repo = new SearchRepository(db);
  // A phrase on PostgreSQL: each form counted and ranked in one pass, both forms at once (on two connections).
  const [counted, exactCounted] = await Promise.all([
    repo.countRanked(query.groups, 'folded', filter, RANKED_POOL),
    query.hasAccents && repo.ranksAsItCounts(query.groups) ? repo.countRanked(query.groups, 'accented', filter, RANKED_POOL) : null,
  ]);
  const total = counted.total;
  const pagination = paginate(total, params.page, params.perPage);
  let page: Candidate[] = [];
  if (total > 0) {
    const end = pagination.offset + pagination.perPage;
    if (end <= RANKED_POOL) {
      const [folded, exact] = await Promise.all([
        counted.ranked ?? repo.candidates(query.groups, 'folded', filter, RANKED_POOL, total),
        exactCounted?.ranked ?? (query.hasAccents ? repo.candidates(query.groups, 'accented', filter, RANKED_POOL, total) : []),
      ]);
      // Exact-diacritic matches come from their own index, so none is missed among many folded matches.
      const byId = new Map([...folded, ...exact].map((c) => [c.id, c]));
      const phraseIds = await repo.withPhrase(
        query.terms.map((t) => t.folded),
        filter,
        [...byId.keys()],
      );
      page = rankCandidates(query, [...byId.values()], new Set(exact.map((c) => c.id)), phraseIds).slice(pagination.offset, end);
    } else {
      page = (await repo.candidates(query.groups, 'folded', filter, end, total)).slice(pagination.offset);
    }
  }
  const bodies = await repo.bodiesOf(page.map((c) => c.id));
  const hits = page.map((c) => ({
    kind: c.kind,
    title: c.title,
    titleHtml: highlight(c.title, query.groups),
    snippetHtml: snippet(bodies.get(c.id) ?? '', query.groups),
    path: c.path,
    publishedAt: c.published_at,
  }));
  const suggestion = total === 0 ? await suggestCorrection(repo, site.id, query) : null;
  return { query, total, hits, pagination, suggestion };
}
