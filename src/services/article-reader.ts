import type { Kysely } from 'kysely';
import type { CategoryKind, CategoryRow, Database, MediaRow, SiteRow } from '../db/schema.ts';
import type { FormerUnitRow } from '../db/schema/moving-in.ts';
import { AppError } from '../errors.ts';
import { ArticleRepository, type ListedArticle, type OtherPostRow, type PublicArticle, type PublishedFilter } from '../repositories/article-repository.ts';
import { CategoryRepository } from '../repositories/category-repository.ts';
import { FormerUnitRepository } from '../repositories/former-unit-repository.ts';
import { MediaRepository } from '../repositories/media-repository.ts';
import { bodyMediaKeys } from '../text/body-images.ts';
import { type Pagination, paginate } from './pagination.ts';
import { renderFigures } from './relief/figures.ts';
import { provinceNoticeCategoryPage } from './province-notices/notice-reader.ts';
import type { ShownNotice } from '../repositories/province-notice-repository.ts';

/** How many posts the "Thông tin khác" list shows, as on the legacy portals. */
export const OTHER_POSTS_COUNT = 8;
export const LISTING_PAGE_SIZE = 10;
/** How many featured articles the home page shows: the newest leads, the others follow it. */
export const FEATURED_SHOWN = 3;

/** Articles plus the media rows their featured images point at. */
export interface ArticlesWithMedia {
  media: Map<number, MediaRow>;
}

async function mediaFor(
  db: Kysely<Database>,
  siteId: number,
  articles: Array<Pick<ListedArticle, 'featured_media_id' | 'lead_media_id'>>,
): Promise<Map<number, MediaRow>> {
  const ids = [...new Set(articles.flatMap((a) => [a.featured_media_id, a.lead_media_id]).filter((id): id is number => id !== null))];
  const rows = await new MediaRepository(db, siteId).findByIds(ids);
  return new Map(rows.map((m) => [m.id, m]));
}

export interface HomeContent extends ArticlesWithMedia {
  featured: ListedArticle[];
  news: ListedArticle[];
  notices: ListedArticle[];
  documents: ListedArticle[];
  disclosures: ListedArticle[];
  categories: CategoryRow[];
}

/**
 * How to list a kind's latest articles: none without a category of that
 * kind; by the category itself when it is the only one, as on almost every
 * site, so the list reads that category's index newest first and stops
 * after a few, where picking by the category's kind reads many more rows; by
 * kind when editors added several.
 */
export function kindFilter(categories: CategoryRow[], kind: CategoryKind): PublishedFilter | null {
  const ofKind = categories.filter((c) => c.kind === kind);
  if (ofKind.length === 0) return null;
  return ofKind.length === 1 ? { categoryId: ofKind[0]!.id } : { categoryKind: kind };
}

/** The home page's article blocks, and which of them it shows (all of them unless told). */
export interface HomeOptions {
  blocks?: readonly string[];
  /** The site's categories, when the caller has them already. */
  categories?: CategoryRow[];
}

/**
 * What the home page's article blocks show: featured and latest news,
 * latest notices, documents and disclosures; a block not shown is not read.
 */
export async function readHome(db: Kysely<Database>, site: SiteRow, now = new Date(), options: HomeOptions = {}): Promise<HomeContent> {
  const articles = new ArticleRepository(db, site.id);
  const at = now.toISOString();
  const shows = (block: string) => !options.blocks || options.blocks.includes(block);
  const [categories, marked] = await Promise.all([
    options.categories ?? new CategoryRepository(db, site.id).list(),
    shows('featured') ? articles.listPublished(at, { featuredOnly: true }, FEATURED_SHOWN) : [],
  ]);
  const latest = async (kind: CategoryKind, limit: number, shown: boolean) => {
    const filter = shown ? kindFilter(categories, kind) : null;
    return filter ? articles.listPublished(at, filter, limit) : [];
  };
  // The featured block falls back on the newest news item.
  const news = await latest('news', 7, shows('featured') || shows('news'));
  // With nothing marked featured, the newest news item leads the page.
  const featured = !shows('featured') ? [] : marked.length > 0 ? marked : news.slice(0, 1);
  const featuredIds = new Set(featured.map((a) => a.id));
  const [notices, documents, disclosures] = await Promise.all([
    latest('notice', 6, shows('notices')),
    latest('document', 6, shows('documents')),
    latest('disclosure', 6, shows('disclosure')),
  ]);
  const latestNews = shows('news') ? news.filter((a) => !featuredIds.has(a.id)).slice(0, 6) : [];
  const media = await mediaFor(db, site.id, [...featured, ...latestNews]);
  return { featured, news: latestNews, notices, documents, disclosures, categories, media };
}

export interface ArticleList extends ArticlesWithMedia {
  articles: ListedArticle[];
  pagination: Pagination;
}

export interface CategoryContent extends ArticleList {
  category: CategoryRow;
  /** The slug asked for was the category's old one: the listing moved to `category.slug`, and nothing was listed. */
  moved: boolean;
  /** The province's notices on this page, among `articles` by date (the first category of a notice or document kind). */
  provinceNotices: ShownNotice[];
}

/**
 * The category at a slug, or the one that had this slug before its site
 * admin changed it (`moved`: its pages answer with a redirect). Only a miss
 * asks for a redirect. category_not_found when neither.
 */
export async function categoryAt(db: Kysely<Database>, siteId: number, slug: string): Promise<{ category: CategoryRow; moved: boolean }> {
  const categories = new CategoryRepository(db, siteId);
  const category = await categories.findBySlug(slug);
  if (category) return { category, moved: false };
  const target = await categories.redirectOf(slug);
  if (target) return { category: target, moved: true };
  throw new AppError('category_not_found');
}

/** One page of a category listing, newest first; only `moved` when the slug is a category's old one. */
export async function readCategory(db: Kysely<Database>, site: SiteRow, slug: string, page: number, now = new Date()): Promise<CategoryContent> {
  const { category, moved } = await categoryAt(db, site.id, slug);
  if (moved) return { category, moved, articles: [], provinceNotices: [], pagination: paginate(0, page, LISTING_PAGE_SIZE), media: new Map() };
  const merged = await provinceNoticeCategoryPage(db, site, category, page, LISTING_PAGE_SIZE, now);
  if (merged) return { category, moved, ...merged, media: await mediaFor(db, site.id, merged.articles) };
  const list = await pageOf(db, site, { categoryId: category.id }, page, LISTING_PAGE_SIZE, now);
  return { category, moved, provinceNotices: [], ...list };
}

export interface FormerUnitContent extends ArticleList {
  unit: FormerUnitRow;
}

/** One page of the articles a merged ward took in from one former commune, newest first. */
export async function readFormerUnit(db: Kysely<Database>, site: SiteRow, slug: string, page: number, now = new Date()): Promise<FormerUnitContent> {
  const unit = await new FormerUnitRepository(db, site.id).findBySlug(slug);
  if (!unit) throw new AppError('not_found');
  const list = await pageOf(db, site, { formerUnitId: unit.id }, page, LISTING_PAGE_SIZE, now);
  return { unit, ...list };
}

export interface ArticleContent extends ArticlesWithMedia {
  article: PublicArticle;
  others: OtherPostRow[];
  /** The site's media that the body's images show, by storage key. */
  bodyMedia: Map<string, MediaRow>;
}

async function bodyMediaFor(db: Kysely<Database>, siteId: number, article: Pick<PublicArticle, 'body_html'>): Promise<Map<string, MediaRow>> {
  const rows = await new MediaRepository(db, siteId).findByKeys(bodyMediaKeys(article.body_html));
  return new Map(rows.map((m) => [m.storage_key, m]));
}

/**
 * How an article's "Thông tin khác" is read: from the database, or from a
 * site's list kept in memory (LatestPosts). readArticle takes null where
 * the list is not shown (the print view, the API).
 */
export type OtherPostsReader = (db: Kysely<Database>, siteId: number, now: string, excludeId: number) => Promise<OtherPostRow[]>;

/** The site's latest posts but one, read from the database. */
export const otherPostsFromDatabase: OtherPostsReader = (db, siteId, now, excludeId) =>
  new ArticleRepository(db, siteId).listOtherPosts(now, excludeId, OTHER_POSTS_COUNT);

/** A published article, the site's latest other posts (from `otherPosts`), and its featured image. */
export async function readArticle(
  db: Kysely<Database>,
  site: SiteRow,
  slug: string,
  now = new Date(),
  otherPosts: OtherPostsReader | null = otherPostsFromDatabase,
): Promise<ArticleContent> {
  const at = now.toISOString();
  const found = await new ArticleRepository(db, site.id).findPublishedBySlug(slug, at);
  if (!found) throw new AppError('article_not_found');
  // Relief figures in the body are computed from the records as they stood when the article was published.
  const article = { ...found, body_html: await renderFigures(db, site.id, found.body_html, found.published_at ?? at) };
  const others = otherPosts ? await otherPosts(db, site.id, at, article.id) : [];
  return { article, others, media: await mediaFor(db, site.id, [article]), bodyMedia: await bodyMediaFor(db, site.id, article) };
}

async function pageOf(db: Kysely<Database>, site: SiteRow, filter: PublishedFilter, page: number, perPage: number, now: Date): Promise<ArticleList> {
  const articles = new ArticleRepository(db, site.id);
  const at = now.toISOString();
  const pagination = paginate(await articles.countPublished(at, filter), page, perPage);
  const rows = await articles.listPublished(at, filter, pagination.perPage, pagination.offset);
  return { articles: rows, pagination, media: await mediaFor(db, site.id, rows) };
}

/** A page of published articles, optionally of one category or matching folded words. */
export async function listArticles(
  db: Kysely<Database>,
  site: SiteRow,
  options: { page: number; perPage: number; categorySlug?: string | undefined; foldedWords?: string[] },
  now = new Date(),
): Promise<ArticleList> {
  const filter: PublishedFilter = {};
  // An old slug of a category lists the category.
  if (options.categorySlug) filter.categoryId = (await categoryAt(db, site.id, options.categorySlug)).category.id;
  if (options.foldedWords?.length) filter.foldedWords = options.foldedWords;
  return pageOf(db, site, filter, options.page, options.perPage, now);
}

/** What the public page of a not-yet-published article would show: for previews. */
export async function readPreview(db: Kysely<Database>, site: SiteRow, draft: PublicArticle, now = new Date()): Promise<ArticleContent> {
  const article = { ...draft, body_html: await renderFigures(db, site.id, draft.body_html, now.toISOString()) };
  const others = await otherPostsFromDatabase(db, site.id, now.toISOString(), article.id);
  return { article, others, media: await mediaFor(db, site.id, [article]), bodyMedia: await bodyMediaFor(db, site.id, article) };
}
