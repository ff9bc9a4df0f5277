import type { Generated, Selectable } from 'kysely';

/** One Giới thiệu page of a site; `kind` is its public slug. English fields sit alongside. */
export interface OrganisationPagesTable {
  id: Generated<number>;
  site_id: number;
  kind: string;
  body_html: Generated<string>;
  title_en: Generated<string>;
  body_en_html: Generated<string>;
  media_id: number | null;
  updated_at: string;
}

/** Lãnh đạo, cán bộ đầu mối, or người phát ngôn (the spokesperson Decree 42/2022 asks every portal to name). */
export type PersonRole = 'leader' | 'focal' | 'spokesperson';

/** A leader (lãnh đạo) or focal official (cán bộ đầu mối), in display order. */
export interface OrganisationPeopleTable {
  id: Generated<number>;
  site_id: number;
  role: PersonRole;
  name: string;
  job_title: Generated<string>;
  job_title_en: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  photo_media_id: number | null;
  bio_html: Generated<string>;
  bio_en_html: Generated<string>;
  sort_order: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One anonymous satisfaction rating: no cookie, no IP, no personal data. */
export interface SatisfactionRatingsTable {
  id: Generated<number>;
  site_id: number;
  path: string;
  rating: number;
  comment: Generated<string>;
  created_at: string;
}

/** Ratings sent today by one visitor, known only by a salted hash of IP and day. */
export interface RatingLimitsTable {
  site_id: number;
  day: string;
  ip_hash: string;
  count: number;
}

/** Random per-installation secrets, such as the IP-hash salt. */
export interface PrivacySaltsTable {
  name: string;
  value: string;
  created_at: string;
}

/** A planned downtime of the portal, announced on every public page. */
export interface DowntimeNoticesTable {
  id: Generated<number>;
  site_id: number;
  starts_at: string;
  ends_at: string;
  message: string;
  created_at: string;
  updated_at: string;
}

/** A link to a related agency in the home page's "Liên kết" box, in display order. */
export interface RelatedLinksTable {
  id: Generated<number>;
  site_id: number;
  title: string;
  url: string;
  sort_order: number;
  created_at: string;
}

/** Page views of a site on one Vietnam calendar day. */
export interface VisitorDaysTable {
  site_id: number;
  day: string;
  views: number;
}

/** Tables of the module — Giới thiệu (organisation, with English pages), satisfaction ratings, visitor counter, downtime notices and related links. */
export interface OrganisationTables {
  organisation_pages: OrganisationPagesTable;
  organisation_people: OrganisationPeopleTable;
  satisfaction_ratings: SatisfactionRatingsTable;
  rating_limits: RatingLimitsTable;
  privacy_salts: PrivacySaltsTable;
  downtime_notices: DowntimeNoticesTable;
  related_links: RelatedLinksTable;
  visitor_days: VisitorDaysTable;
}

export type OrganisationPageRow = Selectable<OrganisationPagesTable>;
export type PersonRow = Selectable<OrganisationPeopleTable>;
export type RatingRow = Selectable<SatisfactionRatingsTable>;
export type DowntimeNoticeRow = Selectable<DowntimeNoticesTable>;
export type RelatedLinkRow = Selectable<RelatedLinksTable>;
