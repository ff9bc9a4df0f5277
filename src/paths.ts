/**
 * The public URL of every page, in one place below the services and the
 * views that need them: search indexes an article under its path, and pages
 * link to it, without either importing the other.
 */
export const paths = {
  home: () => '/',
  article: (slug: string) => `/bai-viet/${encodeURIComponent(slug)}`,
  articlePrint: (slug: string) => `/bai-viet/${encodeURIComponent(slug)}/in`,
  category: (slug: string, page = 1) => `/chuyen-muc/${encodeURIComponent(slug)}${page > 1 ? `?trang=${page}` : ''}`,
  media: (key: string) => `/media/${encodeURIComponent(key)}`,
  search: () => '/tim-kiem',
  provinceNotice: (slug: string) => `/thong-bao-tinh/${encodeURIComponent(slug)}`,
  /** A province notice's file, on each site that shows the notice. */
  provinceNoticeFile: (slug: string, fileKey: string) => `/thong-bao-tinh/${encodeURIComponent(slug)}/tep/${encodeURIComponent(fileKey)}`,
  formerUnit: (slug: string, page = 1) => `/don-vi-cu/${encodeURIComponent(slug)}${page > 1 ? `?trang=${page}` : ''}`,
};
