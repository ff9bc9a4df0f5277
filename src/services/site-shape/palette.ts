/**
 * The accent colours a site admin chooses from. Each sets three colours of
 * the public pages (site.css, `html[data-accent=…]`): the accent (masthead,
 * section titles), the deep colour (menu, footer, buttons, page titles) and
 * its darker shade (the menu's current and hovered item). Every pair a page
 * draws text with is listed in CONTRAST_PAIRS, and a unit test holds each
 * to WCAG AA (4,5:1), so no choice can make the portal hard to read.
 */
export interface Accent {
  key: string;
  name: string;
  accent: string;
  deep: string;
  deepHover: string;
}

export const ACCENTS: readonly Accent[] = [
  { key: 'do', name: 'Đỏ cờ và xanh đậm (mặc định)', accent: '#a3161b', deep: '#0b3d75', deepHover: '#072a52' },
  { key: 'xanh-duong', name: 'Xanh dương', accent: '#0b5394', deep: '#0a2f57', deepHover: '#061d38' },
  { key: 'xanh-la', name: 'Xanh lá', accent: '#17693a', deep: '#0e4424', deepHover: '#082d18' },
  { key: 'xanh-ngoc', name: 'Xanh ngọc', accent: '#0a6a70', deep: '#0a4347', deepHover: '#052c2e' },
  { key: 'nau', name: 'Nâu đất', accent: '#8a4513', deep: '#4a2a10', deepHover: '#301a08' },
  { key: 'tim', name: 'Tím than', accent: '#6a2c91', deep: '#3b1a57', deepHover: '#260e3a' },
];

export const DEFAULT_ACCENT = 'do';

/** The page's white and its soft grey (boxes, toolbar), which accent and deep text are drawn on. */
export const PAGE_WHITE = '#ffffff';
export const PAGE_SOFT = '#f3f5f8';

type Role = 'accent' | 'deep' | 'deepHover';

/** Every text-on-background pair the public pages draw with a palette colour: [text, background]. */
export const CONTRAST_PAIRS: ReadonlyArray<{ text: Role | string; background: Role | string; where: string }> = [
  { text: PAGE_WHITE, background: 'accent', where: 'tên đơn vị trên đầu trang' },
  { text: PAGE_WHITE, background: 'deep', where: 'menu, chân trang, nút' },
  { text: PAGE_WHITE, background: 'deepHover', where: 'mục menu đang chọn, nút khi rê chuột' },
  { text: 'accent', background: PAGE_WHITE, where: 'tiêu đề mục, liên kết khi rê chuột' },
  { text: 'accent', background: PAGE_SOFT, where: 'tiêu đề hộp ở cột bên' },
  { text: 'deep', background: PAGE_WHITE, where: 'tiêu đề trang và bài, nút cỡ chữ' },
  { text: 'deep', background: PAGE_SOFT, where: 'mã tra cứu hỏi đáp' },
];

/** The accent of a key; the default for an unknown one (a key dropped from the palette). */
export function accentOf(key: string): Accent {
  return ACCENTS.find((a) => a.key === key) ?? ACCENTS.find((a) => a.key === DEFAULT_ACCENT)!;
}

/** A pair's colour: a palette role of the accent, or a colour as written. */
export function colourOf(accent: Accent, value: Role | string): string {
  return value === 'accent' || value === 'deep' || value === 'deepHover' ? accent[value] : value;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG 2.1 contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
