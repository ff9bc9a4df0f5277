import type { Kysely } from 'kysely';
import type { CategoryKind, CategoryRow, Database, MediaRow, SiteRow } from '../db/schema.ts';
import type { FormerUnitRow } from '../db/schema/moving-in.ts';
import { AppError } from '../errors.ts';
import { ArticleRepository, type ListedArticle, type OtherPostRow, type PublicArticle, type PublishedFilter } from '../repositories/article-repository.ts';
import { CategoryRepository } from '../repositories/category-repository.ts';
import { FormerUnitRepository } from '../repositories/former-unit-repository.ts';
import { MediaRepository } from '../repositories/media-repository.ts';
import { type Pagination, paginate } from './pagination.ts';

/** How many posts the "Thông tin khác" list shows, as on the legacy portals. */
export const OTHER_POSTS_COUNT = 8;
export const LISTING_PAGE_SIZE = 10;

/** Articles plus the media rows their featured images point at. */
export interface ArticlesWithMedia {
  media: Map<number, MediaRow>;
}

async function mediaFor(db: Kysely<Database>, siteId: number, articles: Array<Pick<ListedArticle, 'featured_media_id'>>): Promise<Map<number, MediaRow>> {
  const ids = [...new Set(articles.map((a) => a.featured_media_id).filter((id): id is number => id !== null))];
  const rows = await new MediaRepository(db, siteId).findByIds(ids);
  return new Map(rows.map((m) => [m.id, m]));
}

export interface HomeContent extends ArticlesWithMedia {
  featured: ListedArticle[];
  news: ListedArticle[];
  notices: ListedArticle[];
  documents: ListedArticle[];
  categories: CategoryRow[];
}

/**
 * How to list a kind's latest articles: none without a category of that
 * kind; by the category itself when it is the only one, as on almost every
 * site, so the list reads that category's index newest first and stops
 * after a few (75-84 µs on the benchmark's data, where picking the site's
 * latest articles by their category's kind read 123-241 µs of rows); by
 * kind when editors added several.
 */
export function kindFilter(categories: CategoryRow[], kind: CategoryKind): PublishedFilter | null {
  const ofKind = categories.filter((c) => c.kind === kind);
  if (ofKind.length === 0) return null;
  return ofKind.length === 1 ? { categoryId: ofKind[0]!.id } : { categoryKind: kind };
}

/** What the home page shows: featured and latest news, latest notices, latest documents. */
export async function readHome(db: Kysely<Database>, site: SiteRow, now = new Date()): Promise<HomeContent> {
  const articles = new ArticleRepository(db, site.id);
  const at = now.toISOString();
  const [categories, marked] = await Promise.all([new CategoryRepository(db, site.id).list(), articles.listPublished(at, { featuredOnly: true }, 3)]);
  const latest = async (kind: CategoryKind, limit: number) => {
    const filter = kindFilter(categories, kind);
    return filter ? articles.listPublished(at, filter, limit) : [];
  };
  const news = await latest('news', 7);
  // With nothing marked featured, the newest news item leads the page.
  const featured = marked.length > 0 ? marked : news.slice(0, 1);
  const featuredIds = new Set(featured.map((a) => a.id));
  const [notices, documents] = await Promise.all([latest('notice', 6), latest('document', 6)]);
  const latestNews = news.filter((a) => !featuredIds.has(a.id)).slice(0, 6);
  const media = await mediaFor(db, site.id, [...featured, ...latestNews]);
  return { featured, news: latestNews, notices, documents, categories, media };
}

export interface ArticleList extends ArticlesWithMedia {
  articles: ListedArticle[];
  pagination: Pagination;
}

export interface CategoryContent extends ArticleList {
  category: CategoryRow;
}

/** One page of a category listing, newest first. */
export async function readCategory(db: Kysely<Database>, site: SiteRow, slug: string, page: number, now = new Date()): Promise<CategoryContent> {
  const category = await new CategoryRepository(db, site.id).findBySlug(slug);
  if (!category) throw new AppError('category_not_found');
  const list = await pageOf(db, site, { categoryId: category.id }, page, LISTING_PAGE_SIZE, now);
  return { category, ...list };
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
  const keys = [...article.body_html.matchAll(/(?:src|href)="\/media\/([a-f0-9]{24}\.[a-z]+)"/g)].map((m) => m[1] as string);
  const rows = await new MediaRepository(db, siteId).findByKeys([...new Set(keys)]);
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
  const article = await new ArticleRepository(db, site.id).findPublishedBySlug(slug, at);
  if (!article) throw new AppError('article_not_found');
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
  if (options.categorySlug) {
    const category = await new CategoryRepository(db, site.id).findBySlug(options.categorySlug);
    if (!category) throw new AppError('category_not_found');
    filter.categoryId = category.id;
  }
  if (options.foldedWords?.length) filter.foldedWords = options.foldedWords;
  return pageOf(db, site, filter, options.page, options.perPage, now);
}

/** What the public page of a not-yet-published article would show: for previews. */
export async function readPreview(db: Kysely<Database>, site: SiteRow, article: PublicArticle, now = new Date()): Promise<ArticleContent> {
  const others = await otherPostsFromDatabase(db, site.id, now.toISOString(), article.id);
  return { article, others, media: await mediaFor(db, site.id, [article]), bodyMedia: await bodyMediaFor(db, site.id, article) };
}
