import type { Kysely } from 'kysely';
import type { CategoryRow, Database, SiteRow } from '../db/schema.ts';
import { ArticleRepository } from '../repositories/article-repository.ts';
import type { ListedArticle } from '../repositories/article-repository.ts';
import { CategoryRepository } from '../repositories/category-repository.ts';
import { ConsultationRepository } from '../repositories/consultation-repository.ts';
import type { ConsultationRow } from '../db/schema/consultations.ts';
import type { ReliefCampaignRow } from '../db/schema/relief.ts';
import { categoryAt, listArticles } from './article-reader.ts';
import { listPublicCampaigns } from './relief/relief-reader.ts';
import { listingCategoryOf, provinceNoticesShownOn } from './province-notices/notice-reader.ts';
import type { ShownNotice } from '../repositories/province-notice-repository.ts';

/** How many items a feed carries. */
export const FEED_SIZE = 30;
/** The sitemap protocol's limit for one file. */
const SITEMAP_MAX = 50_000;

export interface FeedContent {
  category: CategoryRow | null;
  /** The slug was the category's old one: its feed now answers at the category's current slug. */
  moved: boolean;
  articles: ListedArticle[];
  /** The province's notices the site shows: all of them in the site's feed, those of its kind in the first category of a notice or document kind. */
  provinceNotices: ShownNotice[];
}

/** The province notices a feed carries beside the articles: every kind for the site's feed, the category's kind where it lists them. */
async function feedNotices(db: Kysely<Database>, siteId: number, category: CategoryRow | null): Promise<ShownNotice[]> {
  if (!category) return provinceNoticesShownOn(db, siteId, null, FEED_SIZE);
  if (category.kind !== 'notice' && category.kind !== 'document') return [];
  if ((await listingCategoryOf(db, siteId, category.kind))?.id !== category.id) return [];
  return provinceNoticesShownOn(db, siteId, category.kind, FEED_SIZE);
}

/** The latest published articles of a site, or of one of its categories, for RSS and Atom. */
export async function readFeed(db: Kysely<Database>, site: SiteRow, categorySlug?: string): Promise<FeedContent> {
  const at = categorySlug ? await categoryAt(db, site.id, categorySlug) : null;
  if (at?.moved) return { category: at.category, moved: true, articles: [], provinceNotices: [] };
  const list = await listArticles(db, site, { page: 1, perPage: FEED_SIZE, categorySlug });
  const category = at?.category ?? null;
  return { category, moved: false, articles: list.articles, provinceNotices: await feedNotices(db, site.id, category) };
}

export interface SitemapContent {
  categories: CategoryRow[];
  articles: Array<{ slug: string; updated_at: string }>;
  /** Public relief campaigns (Vận động – cứu trợ). */
  campaigns: ReliefCampaignRow[];
  /** Published consultations on drafts (Lấy ý kiến dự thảo). */
  consultations: ConsultationRow[];
}

/** Every public page of a site with its last change, for the XML sitemap; hidden categories are left out. */
export async function readSitemap(db: Kysely<Database>, site: SiteRow, now = new Date()): Promise<SitemapContent> {
  const [categories, articles, campaigns, consultations] = await Promise.all([
    new CategoryRepository(db, site.id).list(),
    new ArticleRepository(db, site.id).publishedForSitemap(now.toISOString(), SITEMAP_MAX),
    listPublicCampaigns(db, site.id),
    new ConsultationRepository(db, site.id).listPublished(SITEMAP_MAX),
  ]);
  return { categories: categories.filter((c) => c.hidden === 0), articles, campaigns, consultations };
}

export interface SiteMapSection {
  category: CategoryRow;
  articles: ListedArticle[];
}

/** The HTML sitemap (Sơ đồ cổng): each category but the hidden ones, with its latest articles. */
export async function readSiteMapPage(db: Kysely<Database>, site: SiteRow): Promise<SiteMapSection[]> {
  const categories = (await new CategoryRepository(db, site.id).list()).filter((c) => c.hidden === 0);
  const sections: SiteMapSection[] = [];
  for (const category of categories) {
    const list = await listArticles(db, site, { page: 1, perPage: 10, categorySlug: category.slug });
    sections.push({ category, articles: list.articles });
  }
  return sections;
}
