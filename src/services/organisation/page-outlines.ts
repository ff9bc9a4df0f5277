import { PAGE_KINDS, type PageKind } from './page-kinds.ts';

/**
 * The headings each Giới thiệu page is expected to carry (Decree 42/2022 and
 * the usual outline of a commune's pages): a new site starts with them as
 * drafts so that the editor fills in under each, rather than a blank page.
 */
const OUTLINES: Record<string, string[]> = {
  'chuc-nang-nhiem-vu': ['Vị trí, chức năng', 'Nhiệm vụ, quyền hạn'],
  'co-cau-to-chuc': ['Thường trực Ủy ban nhân dân', 'Các cơ quan chuyên môn, đơn vị trực thuộc'],
  'lanh-dao': ['Phân công nhiệm vụ của lãnh đạo'],
  'can-bo-dau-moi': ['Cán bộ đầu mối cung cấp thông tin'],
  'ban-do-hanh-chinh': ['Vị trí địa lý, ranh giới hành chính', 'Các ấp, khóm, tổ dân phố'],
  'dieu-kien-tu-nhien': ['Vị trí địa lý', 'Diện tích, dân số', 'Khí hậu, địa hình'],
  'lich-su-van-hoa': ['Lịch sử hình thành', 'Văn hóa, lễ hội truyền thống'],
  'di-tich': ['Di tích đã được xếp hạng', 'Địa chỉ, thời gian tham quan'],
};

/** The outline of a page kind as HTML: its headings (plain words, nothing to escape), nothing under them. */
export function pageOutline(kind: PageKind): string {
  return (OUTLINES[kind.slug] ?? []).map((heading) => `<h2>${heading}</h2>`).join('');
}

/** Every page kind with its outline, in menu order. */
export const PAGE_OUTLINES = PAGE_KINDS.map((kind) => ({ kind, html: pageOutline(kind) }));
