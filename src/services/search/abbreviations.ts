import { foldVietnamese, toNfc } from '../../text/vietnamese.ts';
import { indexWords } from './index-text.ts';

/**
 * Administrative abbreviations and their long forms, as a query reads them:
 * either form finds items written in the other. The built-in list holds the
 * common ones; each province adds its own and switches built-in ones off
 * (stored in search_abbreviations, edited at /quan-tri/he-thong/viet-tat).
 */

/** An abbreviation as typed by people: "UBND" for "Ủy ban nhân dân". */
export interface AbbreviationText {
  short: string;
  long: string;
}

/** An abbreviation as the query matches it: each form as folded index words. */
export interface Abbreviation {
  short: string[];
  long: string[];
}

/** The common abbreviations of Vietnamese administrative text. */
export const BUILT_IN_ABBREVIATIONS: readonly AbbreviationText[] = [
  { short: 'UBND', long: 'Ủy ban nhân dân' },
  { short: 'HĐND', long: 'Hội đồng nhân dân' },
  { short: 'MTTQ', long: 'Mặt trận Tổ quốc' },
  { short: 'UBMTTQ', long: 'Ủy ban Mặt trận Tổ quốc' },
  { short: 'BCH', long: 'Ban Chấp hành' },
  { short: 'BCĐ', long: 'Ban Chỉ đạo' },
  { short: 'BTV', long: 'Ban Thường vụ' },
  { short: 'CCB', long: 'Cựu chiến binh' },
  { short: 'TP', long: 'thành phố' },
  { short: 'TP.HCM', long: 'Thành phố Hồ Chí Minh' },
  { short: 'HCM', long: 'Hồ Chí Minh' },
  { short: 'ĐVTN', long: 'đoàn viên thanh niên' },
  { short: 'TNCS', long: 'Thanh niên Cộng sản' },
  { short: 'LHPN', long: 'Liên hiệp Phụ nữ' },
  { short: 'PCCC', long: 'phòng cháy chữa cháy' },
  { short: 'ATGT', long: 'an toàn giao thông' },
  { short: 'CSGT', long: 'cảnh sát giao thông' },
  { short: 'ANTT', long: 'an ninh trật tự' },
  { short: 'AN-QP', long: 'an ninh quốc phòng' },
  { short: 'KT-XH', long: 'kinh tế xã hội' },
  { short: 'THCS', long: 'trung học cơ sở' },
  { short: 'THPT', long: 'trung học phổ thông' },
  { short: 'GD&ĐT', long: 'giáo dục và đào tạo' },
  { short: 'BHXH', long: 'bảo hiểm xã hội' },
  { short: 'BHYT', long: 'bảo hiểm y tế' },
  { short: 'CCHC', long: 'cải cách hành chính' },
  { short: 'TTHC', long: 'thủ tục hành chính' },
  { short: 'DVC', long: 'dịch vụ công' },
  { short: 'NTM', long: 'nông thôn mới' },
  { short: 'CNTT', long: 'công nghệ thông tin' },
  { short: 'KH&CN', long: 'khoa học và công nghệ' },
  { short: 'TN&MT', long: 'tài nguyên và môi trường' },
  { short: 'LĐ-TB&XH', long: 'lao động thương binh và xã hội' },
  { short: 'VH-TT', long: 'văn hóa thông tin' },
  { short: 'TDTT', long: 'thể dục thể thao' },
  { short: 'XHCN', long: 'xã hội chủ nghĩa' },
  { short: 'TW', long: 'Trung ương' },
];

/** The folded words of a form: "GD&ĐT" → gd dt, "Ủy ban nhân dân" → uy ban nhan dan. */
export function formWords(text: string): string[] {
  return indexWords(foldVietnamese(toNfc(text)))
    .split(' ')
    .filter(Boolean);
}

/** The key two entries share when they are the same pair, whatever their case, diacritics or punctuation. */
export function abbreviationKey(entry: AbbreviationText): string {
  return `${formWords(entry.short).join(' ')}|${formWords(entry.long).join(' ')}`;
}

/** The list a query reads: every entry as folded words, entries without words left out. */
export function toMatchable(entries: readonly AbbreviationText[]): Abbreviation[] {
  return entries
    .map((e) => ({ short: formWords(e.short), long: formWords(e.long) }))
    .filter((e) => e.short.length > 0 && e.long.length > 0 && e.short.join(' ') !== e.long.join(' '));
}
