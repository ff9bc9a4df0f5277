import type { CampaignStatus, EntryStatus, ReceiptChannel } from '../../db/schema/relief.ts';

/** Who support goes to, keyed by the slug the forms and figures use. */
export const BENEFICIARY_CATEGORIES: ReadonlyArray<{ key: string; name: string }> = [
  { key: 'ho-ngheo', name: 'Hộ nghèo' },
  { key: 'ho-can-ngheo', name: 'Hộ cận nghèo' },
  { key: 'ho-kho-khan', name: 'Hộ khó khăn' },
  { key: 'nguoi-khuyet-tat', name: 'Người khuyết tật' },
  { key: 'hoc-sinh', name: 'Học sinh' },
  { key: 'nguoi-cao-tuoi', name: 'Người cao tuổi' },
  { key: 'gia-dinh-chinh-sach', name: 'Gia đình chính sách' },
  { key: 'ho-bi-thien-tai', name: 'Hộ bị thiên tai' },
  { key: 'khac', name: 'Đối tượng khác' },
];

/** Housing programmes: each house built or repaired is one spending row. */
export const PROGRAMMES: ReadonlyArray<{ key: string; name: string }> = [
  { key: 'nha-tinh-thuong', name: 'Nhà tình thương' },
  { key: 'nha-dai-doan-ket', name: 'Nhà đại đoàn kết' },
];

export const HOUSE_WORK: Record<string, string> = { built: 'Xây mới', repaired: 'Sửa chữa' };

/** Units goods are commonly counted in, offered as suggestions; any unit may be typed. */
export const COMMON_UNITS = ['kg gạo', 'thùng mì', 'phần quà', 'chai nước', 'thùng sữa', 'bộ quần áo', 'chăn', 'áo phao'];

export const CAMPAIGN_STATUS_NAMES: Record<CampaignStatus, string> = { draft: 'Bản nháp', open: 'Đang vận động', closed: 'Đã kết thúc' };
export const ENTRY_STATUS_NAMES: Record<EntryStatus, string> = { pending: 'Chờ xác nhận', confirmed: 'Đã xác nhận' };
export const CHANNEL_NAMES: Record<ReceiptChannel, string> = { cash: 'Tiền mặt', transfer: 'Chuyển khoản', in_kind: 'Hiện vật' };

const CATEGORY_NAMES = new Map(BENEFICIARY_CATEGORIES.map((c) => [c.key, c.name]));
const PROGRAMME_NAMES = new Map(PROGRAMMES.map((p) => [p.key, p.name]));

export function categoryName(key: string): string {
  return CATEGORY_NAMES.get(key) ?? key;
}

export function programmeName(key: string): string {
  return PROGRAMME_NAMES.get(key) ?? key;
}

/** Public addresses of the module. */
export const reliefPaths = {
  index: () => '/van-dong',
  campaign: (slug: string) => `/van-dong/${slug}`,
  statement: (slug: string) => `/van-dong/${slug}/sao-ke`,
  download: (slug: string, format: 'csv' | 'xlsx') => `/van-dong/${slug}/sao-ke.${format}`,
  year: (year: number) => `/van-dong/nam/${year}`,
  feed: () => '/van-dong/rss.xml',
};

/** Newsroom addresses of the module. */
export const reliefAdminPaths = {
  index: () => '/quan-tri/van-dong',
  campaign: (id: number) => `/quan-tri/van-dong/${id}`,
  receipts: (id: number) => `/quan-tri/van-dong/${id}/khoan-thu`,
  receipt: (campaignId: number, id: number) => `/quan-tri/van-dong/${campaignId}/khoan-thu/${id}`,
  spending: (id: number) => `/quan-tri/van-dong/${id}/khoan-chi`,
  spendingEntry: (campaignId: number, id: number) => `/quan-tri/van-dong/${campaignId}/khoan-chi/${id}`,
  imports: (id: number) => `/quan-tri/van-dong/${id}/nhap-sao-ke`,
  importJob: (campaignId: number, jobId: number) => `/quan-tri/van-dong/${campaignId}/nhap-sao-ke/${jobId}`,
  accounts: () => '/quan-tri/van-dong/tai-khoan',
  summary: () => '/quan-tri/van-dong/tong-ket',
};

/** The page-cache tag of every public page of a site's campaigns (list, campaign pages, statements, years, feed). */
export function reliefTag(siteId: number): string {
  return `s${siteId}:relief`;
}
