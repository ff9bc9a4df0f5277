import { slugify } from '../../text/vietnamese.ts';

/** Public and newsroom addresses of the Công khai module. */
export const disclosurePaths = {
  index: (year?: number) => `/cong-khai${year ? `?nam=${year}` : ''}`,
  item: (slug: string, year?: number) => `/cong-khai/${slug}${year ? `?nam=${year}` : ''}`,
  entry: (itemSlug: string, entry: { id: number; slug: string }) => `/cong-khai/${itemSlug}/${entry.id}-${entry.slug}`,
  feed: () => '/cong-khai/rss.xml',
  admin: () => '/quan-tri/cong-khai',
  adminEntry: (id: number | string) => `/quan-tri/cong-khai/${id}`,
  adminItems: () => '/quan-tri/cong-khai/danh-muc',
};

/** The slug part of an entry's address, from its title. */
export function entrySlug(title: string): string {
  return slugify(title, 80) || 'cong-khai';
}

/** The page-cache tag of every public Công khai page of a site (lists, entries, feed). */
export function disclosureTag(siteId: number): string {
  return `s${siteId}:disclosure`;
}
