import type { ShownNotice } from '../repositories/province-notice-repository.ts';
import type { ProvinceNoticeFileRow, ProvinceNoticeRow } from '../db/schema/province-notices.ts';
import { attachmentLabel } from '../services/media-types.ts';
import { paths } from '../paths.ts';
import { formatDate, formatFileSize } from '../text/format.ts';
import type { FileLink } from './components/file-list.ts';
import type { DocumentItemView } from './pages/documents.ts';
import { provinceDocumentDay } from '../services/documents/document-reader.ts';
import { formatDay } from '../services/documents/document-types.ts';
import type { ArticleCard } from './presenters.ts';

/** What a province notice's kind is called. */
export const PROVINCE_NOTICE_KINDS: Record<ProvinceNoticeRow['kind'], string> = { notice: 'Thông báo', document: 'Tài liệu' };

/** A province notice as a card of a commune's listings: its own address on the site, labelled with its issuer. */
export function presentProvinceNoticeCard(notice: ProvinceNoticeRow, category: { name: string; slug: string } | undefined): ArticleCard {
  return {
    title: notice.title,
    url: paths.provinceNotice(notice.slug),
    date: formatDate(notice.published_at),
    isoDate: notice.published_at,
    summary: notice.summary,
    categoryName: category?.name ?? PROVINCE_NOTICE_KINDS[notice.kind],
    categoryUrl: category ? paths.category(category.slug) : paths.home(),
    image: null,
    isDemo: false,
    issuer: notice.issuer,
  };
}

/** Cards of a site's own articles and the province's notices in one list, newest first, cut at `limit`. */
export function newestCards(cards: ArticleCard[], limit = cards.length): ArticleCard[] {
  return [...cards].sort((a, b) => b.isoDate.localeCompare(a.isoDate)).slice(0, limit);
}

/** What a commune's page of a province notice shows. */
export interface ProvinceNoticeView {
  title: string;
  issuer: string;
  kindName: string;
  url: string;
  date: string;
  isoDate: string;
  updatedIso: string;
  summary: string;
  bodyHtml: string;
  categoryName: string;
  categoryUrl: string;
  files: FileLink[];
}

/** A notice's files as links on a site that shows it: name, type and size in Vietnamese figures. */
export function presentNoticeFiles(slug: string, files: ProvinceNoticeFileRow[]): Array<FileLink & { id: number }> {
  return files.map((f) => ({
    id: f.id,
    url: paths.provinceNoticeFile(slug, f.file_key),
    name: f.original_name,
    meta: `${attachmentLabel(f.mime_type)}, ${formatFileSize(f.byte_size)}`,
  }));
}

/** A province notice's page on one commune's site. */
export function presentProvinceNotice(
  notice: ShownNotice,
  category: { name: string; slug: string } | undefined,
  files: ProvinceNoticeFileRow[],
): ProvinceNoticeView {
  const card = presentProvinceNoticeCard(notice, category);
  return {
    title: card.title,
    issuer: notice.issuer,
    kindName: PROVINCE_NOTICE_KINDS[notice.kind],
    url: card.url,
    date: card.date,
    isoDate: card.isoDate,
    updatedIso: notice.updated_at,
    summary: notice.summary,
    bodyHtml: notice.body_html,
    categoryName: card.categoryName,
    categoryUrl: card.categoryUrl,
    files: presentNoticeFiles(notice.slug, files),
  };
}

/** A province document as a row of a commune's Văn bản list: no number, its issuer as the issuing body, its publication day as the issue day. */
export function presentProvinceDocumentItem(notice: ShownNotice): DocumentItemView {
  const day = provinceDocumentDay(notice);
  return {
    url: paths.provinceNotice(notice.slug),
    typeName: 'Tài liệu của tỉnh',
    numberSymbol: '',
    issued: formatDay(day),
    issuedIso: day,
    effective: formatDay(day),
    issuingBody: notice.issuer,
    summary: notice.title,
  };
}
