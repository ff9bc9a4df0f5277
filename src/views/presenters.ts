import type { MediaRow, SiteRow } from '../db/schema.ts';
import type { ListedArticle, OtherPostRow, PublicArticle } from '../repositories/article-repository.ts';
import { leadImageOf } from '../services/lead-image.ts';
import { variantsOf } from '../services/media-service.ts';
import { attachmentLabel } from '../services/media-types.ts';
import { escapeHtml } from './html.ts';
import { paths } from '../paths.ts';
import { authorityName } from '../services/site-service.ts';
import { formatDate, formatFileSize, formatNumber } from '../text/format.ts';
import { toVietnameseUpperCase, truncateTitle } from '../text/vietnamese.ts';

/**
 * Presenters: the only place database rows become what views and the API
 * show. Views never see a row.
 */

export interface SiteView {
  name: string;
  authorityUpper: string;
  authority: string;
  /** "Tỉnh Đồng Tháp", as a line of its own. */
  province: string;
  /** "tỉnh Đồng Tháp", inside a sentence: the generic word in lower case, the name as written. */
  provinceInSentence: string;
  address: string;
  phone: string;
  email: string;
  responsible: string;
}

/**
 * A presenter whose views are kept per row, frozen: for rows that a cache
 * hands out again and again (a site, a site's "Thông tin khác"), until a
 * change brings new rows, which get views of their own.
 */
function keptPerRow<R extends object, V extends object>(present: (row: R) => V): (row: R) => Readonly<V> {
  const views = new WeakMap<R, Readonly<V>>();
  return (row) => {
    let view = views.get(row);
    if (!view) {
      view = Object.freeze(present(row));
      views.set(row, view);
    }
    return view;
  };
}

/**
 * The site as the header and footer show it. Every page shows it, so it is
 * kept per site row: the site resolver hands out the same row until the site
 * changes, and then a new row gets its own.
 */
export const presentSite: (site: SiteRow) => SiteView = keptPerRow(siteView);

function siteView(site: SiteRow): SiteView {
  const authority = authorityName(site);
  return {
    name: site.name,
    authority,
    authorityUpper: toVietnameseUpperCase(authority),
    province: `Tỉnh ${site.province}`,
    provinceInSentence: `tỉnh ${site.province}`,
    address: site.address,
    phone: site.phone,
    email: site.email,
    responsible: [site.responsible_person, site.responsible_title].filter(Boolean).join(' – '),
  };
}

export interface ImageView {
  src: string;
  srcset: string | null;
  alt: string;
  caption: string;
  width: number | null;
  height: number | null;
}

/** An image as pages show it. */
export function presentImage(media: MediaRow): ImageView {
  return { src: paths.media(media.storage_key), srcset: srcsetOf(media), alt: media.alt, caption: media.caption, width: media.width, height: media.height };
}

/** The srcset of an image's WebP variants, plus the original at its own width. */
export function srcsetOf(media: MediaRow): string | null {
  const variants = variantsOf(media);
  if (variants.length === 0) return null;
  const entries = variants.map((v) => `${paths.media(v.key)} ${v.width}w`);
  if (media.width && !variants.some((v) => v.width === media.width)) entries.push(`${paths.media(media.storage_key)} ${media.width}w`);
  return entries.join(', ');
}

/** How wide article images show: the full phone width, or the 48rem article column. */
export const ARTICLE_IMAGE_SIZES = '(max-width: 48rem) 100vw, 48rem';

/** "PDF, 1,2 MB": what a reader should know before downloading an attachment. */
export function attachmentMeta(media: Pick<MediaRow, 'mime_type' | 'byte_size'>): string {
  return `${attachmentLabel(media.mime_type)}, ${formatFileSize(media.byte_size)}`;
}

/**
 * Enhances the body's links to the site's own media: images get their srcset,
 * size and lazy loading; links to attachments get their type and size.
 */
export function withResponsiveImages(bodyHtml: string, bodyMedia: Map<string, MediaRow>): string {
  const withImages = bodyHtml.replace(/<img src="\/media\/([a-f0-9]{24}\.[a-z]+)"/g, (tag, key: string) => {
    const media = bodyMedia.get(key);
    const srcset = media ? srcsetOf(media) : null;
    return srcset ? `${tag} srcset="${srcset}" sizes="${ARTICLE_IMAGE_SIZES}" loading="lazy" decoding="async"` : tag;
  });
  return withImages.replace(/(<a href="\/media\/([a-f0-9]{24}\.[a-z]+)"[^>]*>[\s\S]*?<\/a>)/g, (link, _whole: string, key: string) => {
    const media = bodyMedia.get(key);
    return media?.kind === 'file' ? `${link} <span class="file-meta">(${escapeHtml(attachmentMeta(media))})</span>` : link;
  });
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
  /** Who issued it, when it is the province's notice shown on this site. */
  issuer?: string;
}

/** What a card shows of an article: a listing's row or an article page's. */
type CardArticle = Pick<
  ListedArticle,
  'title' | 'slug' | 'summary' | 'published_at' | 'created_at' | 'featured_media_id' | 'lead_media_id' | 'is_demo' | 'category_name' | 'category_slug'
>;

/** The image a card shows: the article's lead image (its featured image, or else its body's first). */
export function cardImageId(article: Pick<CardArticle, 'featured_media_id' | 'lead_media_id'>): number | null {
  return article.lead_media_id ?? article.featured_media_id;
}

/** An article in a listing. */
export function presentCard(article: CardArticle, media: Map<number, MediaRow>): ArticleCard {
  const id = cardImageId(article);
  const image = id === null ? undefined : media.get(id);
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

/**
 * An entry of "Thông tin khác": the title cut as the legacy portals cut it,
 * and its date. Kept per row, as presentSite keeps a site: a site's list is
 * kept in memory (LatestPosts), so its rows recur on every article page of
 * the site, and cutting a title (Unicode normalisation, splitting) costs
 * more than the look-up.
 */
export const presentOtherPost: (article: OtherPostRow) => OtherPostView = keptPerRow((article) => ({
  shortTitle: truncateTitle(article.title),
  title: article.title,
  url: paths.article(article.slug),
  date: formatDate(article.published_at ?? article.created_at),
}));

export interface ArticleView extends ArticleCard {
  /** The share preview's image (og:image): the lead image, from the body when no featured image is set. */
  shareImage: ImageView | null;
  slug: string;
  bodyHtml: string;
  credits: string;
  writer: string;
  photographer: string;
  views: string;
  printUrl: string;
  updatedIso: string;
  others: OtherPostView[];
  /** The former unit a merged ward's article came from, shown as "Phường 1 (cũ)". */
  formerUnit: { label: string; url: string } | null;
}

/** "Phường 1 (cũ)": how a former unit is named on the ward's site. */
export function formerUnitLabel(name: string): string {
  return `${name} (cũ)`;
}

/** A whole article page. */
export function presentArticle(
  article: PublicArticle,
  media: Map<number, MediaRow>,
  others: OtherPostRow[],
  bodyMedia = new Map<string, MediaRow>(),
): ArticleView {
  const featured = article.featured_media_id === null ? undefined : media.get(article.featured_media_id);
  const lead = leadImageOf(article, bodyMedia);
  const leadMedia = lead === null ? undefined : 'id' in lead ? media.get(lead.id) : bodyMedia.get(lead.key);
  return {
    ...presentCard(article, media),
    // The page's own figure is the featured image only: a body image is already in the body.
    image: featured ? presentImage(featured) : null,
    shareImage: leadMedia ? presentImage(leadMedia) : null,
    slug: article.slug,
    bodyHtml: withResponsiveImages(article.body_html, bodyMedia),
    credits: creditsLine(article.writer, article.photographer),
    writer: article.writer,
    photographer: article.photographer,
    views: formatNumber(article.view_count),
    printUrl: paths.articlePrint(article.slug),
    updatedIso: article.updated_at,
    others: others.map(presentOtherPost),
    formerUnit:
      article.former_unit && article.former_unit_slug ? { label: formerUnitLabel(article.former_unit), url: paths.formerUnit(article.former_unit_slug) } : null,
  };
}
