import type { MediaRow } from '../db/schema.ts';
import type { ListedArticle, PublicArticle } from '../repositories/article-repository.ts';
import type { Pagination } from '../services/pagination.ts';
import type { SearchHit, SearchResults } from '../services/search/search-service.ts';
import { creditsLine, presentImage } from './presenters.ts';
import { paths } from '../paths.ts';

/** An article in the public API's list: only public fields, absolute URL. */
export function apiArticleSummary(
  article: Pick<ListedArticle, 'id' | 'slug' | 'title' | 'summary' | 'category_slug' | 'category_name' | 'category_kind' | 'published_at'>,
  origin: string,
) {
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    summary: article.summary,
    category: { slug: article.category_slug, name: article.category_name, kind: article.category_kind },
    published_at: article.published_at,
    url: `${origin}${paths.article(article.slug)}`,
  };
}

/** An article in full, for GET /api/v1/articles/{slug}. */
export function apiArticleDetail(article: PublicArticle, media: Map<number, MediaRow>, origin: string) {
  const image = article.featured_media_id === null ? undefined : media.get(article.featured_media_id);
  const img = image ? presentImage(image) : null;
  return {
    ...apiArticleSummary(article, origin),
    body_html: article.body_html,
    writer: article.writer,
    photographer: article.photographer,
    credits: creditsLine(article.writer, article.photographer),
    featured_image: img ? { url: `${origin}${img.src}`, alt: img.alt, caption: img.caption, width: img.width, height: img.height } : null,
    updated_at: article.updated_at,
    view_count: article.view_count,
  };
}

/** Pagination metadata in API responses. */
export function apiPageMeta(p: Pagination) {
  return { page: p.page, per_page: p.perPage, total: p.total, total_pages: p.totalPages };
}

/** A search result in GET /api/v1/search, at the address given (absolute). */
export function apiSearchHit(hit: SearchHit, url: string) {
  return { kind: hit.kind, title: hit.title, url, snippet: hit.snippetHtml, title_html: hit.titleHtml, published_at: hit.publishedAt };
}

/** What a site's search or a province's search outcome looks like to GET /api/v1/search. */
interface ApiSearchable<H> extends Omit<SearchResults, 'hits' | 'query'> {
  hits: H[];
  suggestion: string | null;
  corrected: (Omit<SearchResults, 'hits'> & { hits: H[] }) | null;
}

/** A search outcome as GET /api/v1/search answers it: when the query as typed found little, the corrected query's results, and the query they are for. */
export function apiSearchOutcome<H, D>(outcome: ApiSearchable<H>, present: (hit: H) => D) {
  const shown = outcome.corrected ?? outcome;
  return {
    total: shown.total,
    // More matched than `total`: the count stops at 1.000.
    total_capped: shown.capped,
    page: shown.pagination.page,
    per_page: shown.pagination.perPage,
    suggestion: outcome.suggestion,
    corrected_query: outcome.corrected?.query.text ?? null,
    query_total: outcome.total,
    data: shown.hits.map(present),
  };
}
