import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CalendarTables } from './schema/calendars.ts';
import type { ConsultationTables } from './schema/consultations.ts';
import type { DisclosureTables } from './schema/disclosure.ts';
import type { DocumentTables } from './schema/documents.ts';
import type { ItemReviewTables } from './schema/item-reviews.ts';
import type { MailTables } from './schema/mail.ts';
import type { MovingInTables } from './schema/moving-in.ts';
import type { OrganisationTables } from './schema/organisation.ts';
import type { ProvinceNoticeTables } from './schema/province-notices.ts';
import type { QuestionTables } from './schema/questions.ts';
import type { ReliefTables } from './schema/relief.ts';
import type { SearchTables } from './schema/search.ts';

/**
 * Table types, shared by both dialects. Booleans are 0/1 integers and
 * instants are ISO-8601 UTC text, so the same query code runs on SQLite and
 * PostgreSQL and sorts the same way on both.
 */

/** A commune (xã), a ward (phường), a special zone (đặc khu), or the province's own portal over them (tỉnh). */
export type UnitType = 'xa' | 'phuong' | 'dac_khu' | 'tinh';
export type CategoryKind = 'news' | 'notice' | 'document' | 'disclosure' | 'other';
export type ArticleStatus = 'draft' | 'submitted' | 'returned' | 'scheduled' | 'published' | 'unpublished' | 'archived';
export type MediaKind = 'image' | 'file';
/** Where the review of an edit of a live article stands. */
export type PendingStatus = 'draft' | 'submitted' | 'returned';

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
  require_totp: Generated<number>;
  /** A key of the accent palette (services/site-shape/palette.ts). */
  accent: Generated<string>;
  logo_media_id: Generated<number | null>;
  banner_media_id: Generated<number | null>;
  /** The home page's block keys in order, space-separated; blank: the default blocks. */
  home_blocks: Generated<string>;
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
  /** 1: left out of the menu, the site maps and the search filter; its pages still answer. */
  hidden: Generated<number>;
  created_at: string;
}

/** A slug a category had before: its old addresses answer with a 301 to the category's current ones. */
export interface CategoryRedirectsTable {
  site_id: number;
  slug: string;
  category_id: number;
  created_at: string;
}

export type MenuItemKind = 'category' | 'page' | 'link';

/** An item of a site's main menu, after the fixed "Trang chủ". */
export interface MenuItemsTable {
  id: Generated<number>;
  site_id: number;
  position: number;
  kind: MenuItemKind;
  /** The category of a 'category' item. */
  category_id: number | null;
  /** The path of a 'page' item, the address of a 'link' item. */
  target: Generated<string>;
  /** What the menu says; blank on a category or page item: its own name. */
  label: Generated<string>;
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
  title: Generated<string>;
  variants: Generated<string>;
  uploaded_by: number | null;
  deleted_at: string | null;
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
  /** When it stops being featured; null: until unmarked. */
  featured_until: Generated<string | null>;
  /** The featured image, or else the body's first image of the site: what cards and share previews show. */
  lead_media_id: Generated<number | null>;
  is_demo: number;
  source_key: string | null;
  search_text: string;
  author_id: number | null;
  submitted_at: string | null;
  submitted_by: number | null;
  published_by: number | null;
  return_comment: string | null;
  force_published: Generated<number>;
  force_reason: string | null;
  deleted_at: string | null;
  deleted_by: number | null;
  preview_token: string | null;
  preview_expires_at: string | null;
  /** The revision of an edit of live content that waits for review, and where that review stands; null when none waits. */
  pending_revision: number | null;
  pending_status: PendingStatus | null;
  created_at: string;
  updated_at: string;
}

/** How many times each article was read: apart from `articles`, so counting rewrites a row of two numbers. */
export interface ArticleViewsTable {
  article_id: number;
  views: number;
}

export type Role = 'contributor' | 'editor' | 'approver' | 'site_admin';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  must_change_password: Generated<number>;
  is_platform_admin: Generated<number>;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  /** The last TOTP time step accepted, so a code is never accepted twice. */
  totp_last_step: Generated<number | null>;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  user_id: number;
  site_id: number;
  role: Role;
  created_at: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'approved';

/** A site's invitation to an existing account; nothing about the account changes until it is accepted or approved. */
export interface InvitationsTable {
  id: Generated<number>;
  site_id: number;
  user_id: number;
  role: Role;
  status: InvitationStatus;
  invited_by: number | null;
  created_at: string;
  decided_at: string | null;
  decided_by: number | null;
}

/** One-use recovery codes for a lost phone, as argon2id hashes. */
export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  totp_pending: Generated<number>;
  ip: string;
  user_agent: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  key: string;
  attempted_at: string;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  site_id: number;
  article_id: number;
  number: number;
  title: string;
  slug: string;
  summary: string;
  body_html: string;
  writer: string;
  photographer: string;
  category_id: number;
  featured_media_id: number | null;
  author_id: number | null;
  is_autosave: Generated<number>;
  /** 1 when it changed what a person writes (title, summary, body, credits); 0 for time, category or picture only. */
  content_changed: Generated<number>;
  note: Generated<string>;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  site_id: number | null;
  user_id: number | null;
  actor: string;
  action: string;
  target_type: Generated<string>;
  target_id: number | null;
  summary: Generated<string>;
  flagged: Generated<number>;
  ip: Generated<string>;
  created_at: string;
}

export interface SearchDocumentsTable {
  id: Generated<number>;
  site_id: number;
  source: string;
  ref_id: number;
  kind: string;
  category_id: number | null;
  published_at: string;
  title: string;
  body: string;
  path: string;
  updated_at: string;
}

export interface SearchTermsTable {
  site_id: number;
  term: string;
  docs: number;
}

export interface PageEventsTable {
  id: Generated<number>;
  tags: string;
  created_at: string;
}

/** Every table: the core ones below, and each module's. */
export interface Database
  extends
    CalendarTables,
    ConsultationTables,
    DisclosureTables,
    DocumentTables,
    ItemReviewTables,
    MailTables,
    MovingInTables,
    OrganisationTables,
    ProvinceNoticeTables,
    QuestionTables,
    ReliefTables,
    SearchTables {
  sites: SitesTable;
  site_hosts: SiteHostsTable;
  categories: CategoriesTable;
  category_redirects: CategoryRedirectsTable;
  menu_items: MenuItemsTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_views: ArticleViewsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  article_revisions: ArticleRevisionsTable;
  audit_log: AuditLogTable;
  search_documents: SearchDocumentsTable;
  search_terms: SearchTermsTable;
  page_events: PageEventsTable;
}

export type SiteRow = Selectable<SitesTable>;
export type NewSite = Insertable<SitesTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type MenuItemRow = Selectable<MenuItemsTable>;
export type MediaRow = Selectable<MediaTable>;
export type NewMedia = Insertable<MediaTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type RevisionRow = Selectable<ArticleRevisionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
