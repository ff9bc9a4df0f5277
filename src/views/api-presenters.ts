import type { MediaRow } from '../db/schema.ts';
import type { ListedArticle, PublicArticle } from '../repositories/article-repository.ts';
import type { Pagination } from '../services/pagination.ts';
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
