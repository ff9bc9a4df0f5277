import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types, shared by both dialects. Booleans are 0/1 integers and
 * instants are ISO-8601 UTC text, so the same query code runs on SQLite and
 * PostgreSQL and sorts the same way on both.
 */

export type UnitType = 'xa' | 'phuong' | 'dac_khu';
export type CategoryKind = 'news' | 'notice' | 'document' | 'other';
export type ArticleStatus = 'draft' | 'submitted' | 'returned' | 'scheduled' | 'published' | 'unpublished' | 'archived';
export type MediaKind = 'image' | 'file';

export interface SitesTable {
  id: Generated<number>;
  name: string;
  unit_type: UnitType;
  province: string;
  address: string;
  phone: string;
  email: string;
  responsible_person: string;
  responsible_title: string;
  created_at: string;
  updated_at: string;
}

export interface SiteHostsTable {
  host: string;
  site_id: number;
  is_primary: number;
}

export interface CategoriesTable {
  id: Generated<number>;
  site_id: number;
  slug: string;
  name: string;
  kind: CategoryKind;
  position: number;
  created_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  site_id: number;
  kind: MediaKind;
  storage_key: string;
  original_name: string;
  mime_type: string;
  byte_size: number;
  width: number | null;
  height: number | null;
  alt: string;
  caption: string;
  created_at: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  site_id: number;
  category_id: number;
  title: string;
  slug: string;
  summary: string;
  body_html: string;
  writer: string;
  photographer: string;
  status: ArticleStatus;
  published_at: string | null;
  featured_media_id: number | null;
  is_featured: number;
  is_demo: number;
  view_count: Generated<number>;
  source_key: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  sites: SitesTable;
  site_hosts: SiteHostsTable;
  categories: CategoriesTable;
  media: MediaTable;
  articles: ArticlesTable;
}

export type SiteRow = Selectable<SitesTable>;
export type NewSite = Insertable<SitesTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type MediaRow = Selectable<MediaTable>;
export type NewMedia = Insertable<MediaTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
