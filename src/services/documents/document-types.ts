import { foldVietnamese, slugify, toNfc } from '../../text/vietnamese.ts';
import { vietnamDay } from '../../text/format.ts';

/**
 * The kinds of văn bản a commune issues (Nghị định 30/2020/NĐ-CP lists them),
 * keyed by the slug the public filter uses in its URL.
 */
export const DOCUMENT_TYPES: ReadonlyArray<{ key: string; name: string }> = [
  { key: 'quyet-dinh', name: 'Quyết định' },
  { key: 'nghi-quyet', name: 'Nghị quyết' },
  { key: 'chi-thi', name: 'Chỉ thị' },
  { key: 'ke-hoach', name: 'Kế hoạch' },
  { key: 'thong-bao', name: 'Thông báo' },
  { key: 'cong-van', name: 'Công văn' },
  { key: 'bao-cao', name: 'Báo cáo' },
  { key: 'to-trinh', name: 'Tờ trình' },
  { key: 'huong-dan', name: 'Hướng dẫn' },
  { key: 'chuong-trinh', name: 'Chương trình' },
  { key: 'quy-che', name: 'Quy chế' },
  { key: 'giay-moi', name: 'Giấy mời' },
  { key: 'khac', name: 'Văn bản khác' },
];

const TYPE_NAMES = new Map(DOCUMENT_TYPES.map((t) => [t.key, t.name]));

/** The Vietnamese name of a document type key. */
export function documentTypeName(key: string): string {
  return TYPE_NAMES.get(key) ?? key;
}

/**
 * The shape of a số, ký hiệu: a number, optionally the year ("123/2024/…"),
 * then a symbol of letters and digits joined by hyphens: 12/QĐ-UBND, 05/KH-UBND, 03/NQ-HĐND.
 */
export const NUMBER_SYMBOL = /^\d{1,6}(?:\/\d{4})?\/[\p{L}\d]+(?:-[\p{L}\d]+)*$/u;

/** "12/QĐ-UBND", "12 qd ubnd" → "12qdubnd": folded, letters and digits only, what searches and uniqueness compare. */
export function numberKey(text: string): string {
  return foldVietnamese(toNfc(text)).replace(/[^a-z0-9]/g, '');
}

/** The leading number of a số, ký hiệu, for sorting. */
export function numberValue(numberSymbol: string): number {
  return Number(/^\d+/.exec(numberSymbol)?.[0] ?? 0);
}

/** Parses a day typed dd/mm/yyyy (or d/m/yyyy) into yyyy-mm-dd; null when it is not a real day. */
export function parseDay(text: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!vietnamDay(day, month, year)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A stored day yyyy-mm-dd as people read it: dd/mm/yyyy. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** The public address of a document: /van-ban/12-quyet-dinh-12-qd-ubnd. */
export function documentPath(document: { id: number; doc_type: string; number_symbol: string }): string {
  return `/van-ban/${document.id}-${slugify(`${documentTypeName(document.doc_type)} ${document.number_symbol}`)}`;
}

/** The page-cache tag of every public documents page of a site (list and details). */
export function documentsTag(siteId: number): string {
  return `s${siteId}:docs`;
}
