import type { MediaRow, SiteRow } from '../db/schema.ts';
import type { ArticleWithCategory } from '../repositories/article-repository.ts';
import { authorityName } from '../services/site-service.ts';
import { formatDate, formatNumber } from '../text/format.ts';
import { toVietnameseUpperCase, truncateTitle } from '../text/vietnamese.ts';

/**
 * Presenters: the only place database rows become what views and the API
 * show. Views never see a row.
 */

/** Public paths, in one place. */
export const paths = {
  home: () => '/',
  article: (slug: string) => `/bai-viet/${encodeURIComponent(slug)}`,
  articlePrint: (slug: string) => `/bai-viet/${encodeURIComponent(slug)}/in`,
  category: (slug: string, page = 1) => `/chuyen-muc/${encodeURIComponent(slug)}${page > 1 ? `?trang=${page}` : ''}`,
  media: (key: string) => `/media/${encodeURIComponent(key)}`,
  search: () => '/tim-kiem',
};

export interface SiteView {
  name: string;
  authorityUpper: string;
  authority: string;
  province: string;
  address: string;
  phone: string;
  email: string;
  responsible: string;
}

/** The site as the header and footer show it. */
export function presentSite(site: SiteRow): SiteView {
  const authority = authorityName(site);
  return {
    name: site.name,
    authority,
    authorityUpper: toVietnameseUpperCase(authority),
    province: `Tỉnh ${site.province}`,
    address: site.address,
    phone: site.phone,
    email: site.email,
    responsible: [site.responsible_person, site.responsible_title].filter(Boolean).join(' – '),
  };
}

export interface ImageView {
  src: string;
  alt: string;
  caption: string;
  width: number | null;
  height: number | null;
}

/** An image as pages show it. */
export function presentImage(media: MediaRow): ImageView {
  return { src: paths.media(media.storage_key), alt: media.alt, caption: media.caption, width: media.width, height: media.height };
}

export interface ArticleCard {
  title: string;
  url: string;
  date: string;
  isoDate: string;
  summary: string;
  categoryName: string;
  categoryUrl: string;
  image: ImageView | null;
  isDemo: boolean;
}

/** An article in a listing. */
export function presentCard(article: ArticleWithCategory, media: Map<number, MediaRow>): ArticleCard {
  const image = article.featured_media_id === null ? undefined : media.get(article.featured_media_id);
  const published = article.published_at ?? article.created_at;
  return {
    title: article.title,
    url: paths.article(article.slug),
    date: formatDate(published),
    isoDate: published,
    summary: article.summary,
    categoryName: article.category_name,
    categoryUrl: paths.category(article.category_slug),
    image: image ? presentImage(image) : null,
    isDemo: article.is_demo === 1,
  };
}

/** "Tin: A, Ảnh: B." as the portals print it; empty when there are no credits. */
export function creditsLine(writer: string, photographer: string): string {
  if (writer && writer === photographer) return `Tin và ảnh: ${writer}.`;
  const parts = [writer && `Tin: ${writer}`, photographer && `Ảnh: ${photographer}`].filter(Boolean);
  return parts.length ? `${parts.join(', ')}.` : '';
}

export interface OtherPostView {
  shortTitle: string;
  title: string;
  url: string;
  date: string;
}

/** An entry of "Thông tin khác": the title cut as the legacy portals cut it, and its date. */
export function presentOtherPost(article: ArticleWithCategory): OtherPostView {
  return {
    shortTitle: truncateTitle(article.title),
    title: article.title,
    url: paths.article(article.slug),
    date: formatDate(article.published_at ?? article.created_at),
  };
}

export interface ArticleView extends ArticleCard {
  slug: string;
  bodyHtml: string;
  credits: string;
  writer: string;
  photographer: string;
  views: string;
  printUrl: string;
  updatedIso: string;
  others: OtherPostView[];
}

/** A whole article page. */
export function presentArticle(article: ArticleWithCategory, media: Map<number, MediaRow>, others: ArticleWithCategory[]): ArticleView {
  return {
    ...presentCard(article, media),
    slug: article.slug,
    bodyHtml: article.body_html,
    credits: creditsLine(article.writer, article.photographer),
    writer: article.writer,
    photographer: article.photographer,
    views: formatNumber(article.view_count),
    printUrl: paths.articlePrint(article.slug),
    updatedIso: article.updated_at,
    others: others.map(presentOtherPost),
  };
}
