/** What a Giới thiệu page carries beyond its body: an image, or a list of people. */
export type PageExtra = 'none' | 'image' | 'leaders' | 'focal';

/** One fixed Giới thiệu page kind, named by its public slug. */
export interface PageKind {
  slug: string;
  title: string;
  titleEn: string;
  extra: PageExtra;
  /** What the image is, for the admin form's label ("Sơ đồ tổ chức"). */
  imageLabel?: string;
}

/**
 * The pages Decree 42/2022 asks a commune portal to carry under Giới thiệu,
 * in menu order. Communes also carry the map, natural conditions, history and
 * relics; the list is the same for every unit so the menu stays predictable.
 */
export const PAGE_KINDS: readonly PageKind[] = [
  { slug: 'chuc-nang-nhiem-vu', title: 'Chức năng, nhiệm vụ', titleEn: 'Functions and duties', extra: 'none' },
  { slug: 'co-cau-to-chuc', title: 'Cơ cấu tổ chức', titleEn: 'Organisation chart', extra: 'image', imageLabel: 'Sơ đồ tổ chức' },
  { slug: 'lanh-dao', title: 'Lãnh đạo', titleEn: 'Leaders', extra: 'leaders' },
  { slug: 'can-bo-dau-moi', title: 'Cán bộ đầu mối', titleEn: 'Focal official', extra: 'focal' },
  { slug: 'ban-do-hanh-chinh', title: 'Bản đồ hành chính', titleEn: 'Administrative map', extra: 'image', imageLabel: 'Ảnh bản đồ hành chính' },
  { slug: 'dieu-kien-tu-nhien', title: 'Điều kiện tự nhiên', titleEn: 'Natural conditions', extra: 'none' },
  { slug: 'lich-su-van-hoa', title: 'Lịch sử, văn hóa', titleEn: 'History and culture', extra: 'none' },
  { slug: 'di-tich', title: 'Di tích', titleEn: 'Relics', extra: 'none' },
];

/** The page kind with this slug, if it is one. */
export function pageKindOf(slug: string): PageKind | undefined {
  return PAGE_KINDS.find((k) => k.slug === slug);
}

/** Public paths of the Giới thiệu pages and the English pages. */
export const organisationPaths = {
  index: () => '/gioi-thieu',
  page: (slug: string) => `/gioi-thieu/${slug}`,
  enHome: () => '/en',
  enLeaders: () => '/en/leaders',
  enContact: () => '/en/contact',
};

/** The cache tag of every Giới thiệu and English page of a site. */
export const aboutTag = (siteId: number) => `s${siteId}:about`;
