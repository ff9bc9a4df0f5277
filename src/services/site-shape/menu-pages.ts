import { PAGE_KINDS, organisationPaths } from '../organisation/page-kinds.ts';

/** A page of the portal's own modules that the main menu can link to. */
export interface ModulePage {
  path: string;
  name: string;
  /** In the menu of a new site, after its categories. */
  inDefaultMenu: boolean;
}

/** The module pages, in the order the menu editor offers them; those in the default menu are every new site's. */
export const MODULE_PAGES: readonly ModulePage[] = [
  { path: organisationPaths.index(), name: 'Giới thiệu', inDefaultMenu: true },
  { path: '/van-ban', name: 'Văn bản', inDefaultMenu: true },
  { path: '/cong-khai', name: 'Công khai', inDefaultMenu: true },
  { path: '/lich-cong-tac', name: 'Lịch công tác', inDefaultMenu: true },
  { path: '/hoi-dap', name: 'Hỏi đáp', inDefaultMenu: true },
  { path: '/lay-y-kien', name: 'Lấy ý kiến dự thảo', inDefaultMenu: true },
  { path: '/van-dong', name: 'Vận động – cứu trợ', inDefaultMenu: true },
  { path: '/lich-tiep-cong-dan', name: 'Lịch tiếp công dân', inDefaultMenu: false },
  { path: '/hoi-dap/gui', name: 'Gửi câu hỏi', inDefaultMenu: false },
  { path: '/danh-gia', name: 'Đánh giá sự hài lòng', inDefaultMenu: false },
  { path: '/so-do-cong', name: 'Sơ đồ cổng', inDefaultMenu: false },
  { path: organisationPaths.enHome(), name: 'Giới thiệu bằng tiếng Anh', inDefaultMenu: false },
  ...PAGE_KINDS.map((kind) => ({ path: organisationPaths.page(kind.slug), name: kind.title, inDefaultMenu: false })),
];

/** A province portal's own pages over its communes: first in its default menu, after its categories. */
export const PROVINCE_PAGES: readonly ModulePage[] = [
  { path: '/tin-xa-phuong', name: 'Tin các xã, phường', inDefaultMenu: true },
  { path: '/xa-phuong', name: 'Các xã, phường', inDefaultMenu: true },
];

/** The module page at a path, if the menu may link to it. */
export function modulePageAt(path: string): ModulePage | undefined {
  return MODULE_PAGES.find((page) => page.path === path) ?? PROVINCE_PAGES.find((page) => page.path === path);
}
