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

/** A file attached to a province notice; its bytes are under `province-notices/<file_key>` in the media storage. */
export interface ProvinceNoticeFilesTable {
  id: Generated<number>;
  notice_id: number;
  file_key: string;
  /** The name it was uploaded under, NFC: what a resident's download is called. */
  original_name: string;
  mime_type: string;
  byte_size: number;
  created_at: string;
}

export type ProvinceNoticeRow = Selectable<ProvinceNoticesTable>;
export type ProvinceNoticeFileRow = Selectable<ProvinceNoticeFilesTable>;

/** The province notices' tables. */
export interface ProvinceNoticeTables {
  province_notices: ProvinceNoticesTable;
  province_notice_sites: ProvinceNoticeSitesTable;
  province_notice_files: ProvinceNoticeFilesTable;
}
