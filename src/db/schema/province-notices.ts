import type { Generated, Selectable } from 'kysely';

/** What a province pushes down: a notice (Thông báo) or a document (Tài liệu). */
export type ProvinceNoticeKind = 'notice' | 'document';
/** A province notice is shown while published; withdrawn, it leaves every site. */
export type ProvinceNoticeStatus = 'published' | 'withdrawn';

/** A notice or document the platform admin publishes once for communes of a province. */
export interface ProvinceNoticesTable {
  id: Generated<number>;
  province: string;
  kind: ProvinceNoticeKind;
  /** Who issued it, as the communes' pages label it ("UBND tỉnh Đồng Tháp"). */
  issuer: string;
  title: string;
  slug: string;
  summary: Generated<string>;
  body_html: string;
  /** 1: every commune of the province, also those created later. */
  to_all: Generated<number>;
  status: ProvinceNoticeStatus;
  published_at: string;
  withdrawn_at: Generated<string | null>;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A site a province notice is shown on. */
export interface ProvinceNoticeSitesTable {
  id: Generated<number>;
  notice_id: number;
  site_id: number;
  created_at: string;
}

export type ProvinceNoticeRow = Selectable<ProvinceNoticesTable>;

/** The province notices' tables. */
export interface ProvinceNoticeTables {
  province_notices: ProvinceNoticesTable;
  province_notice_sites: ProvinceNoticeSitesTable;
}
