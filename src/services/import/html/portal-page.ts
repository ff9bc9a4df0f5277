import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { vietnamDay, findWrittenDate } from '../../../text/format.ts';
import { type LegacyEncoding, decodeVietnameseBytes, repairVietnamese } from '../../../text/legacy-encoding.ts';
import { takeCredits } from '../body-media.ts';
import { parseCredits } from '../text-page.ts';

/** What was taken from one old portal page, before its media are brought in. */
export interface PortalPage {
  title: string;
  /** The body's HTML, the site's chrome and the credits line left out. */
  bodyHtml: string;
  date: Date | null;
  credits: { writer: string; photographer: string } | null;
  /** Addresses of the images and attached files the body refers to. */
  images: string[];
  files: string[];
  /** The page's own address as the old portal had it (canonical, og:url, or "saved from url"), if known. */
  oldUrl: string | null;
  /** Which rule found the body: a known portal layout, or the readability extractor. */
  method: string;
  encoding: LegacyEncoding | 'utf-8' | 'windows-1258';
  /** What was left out as the old site's chrome (menus, "Thông tin khác", footers), by heading or role. */
  leftOut: string[];
}

/** Why a page gave nothing worth importing, in Vietnamese. */
export class PortalPageError extends Error {}

/** Common layouts of Vietnamese commune portals: where the title, date and body sit. */
const LAYOUTS: Array<{ name: string; title: string; date: string; body: string; credits?: string }> = [
  {
    name: 'cổng kiểu tin chi tiết (news-detail)',
    title: '.news-detail .title, .news-detail h1',
    date: '.news-detail .date, .news-detail .time',
    body: '.news-detail .content',
    credits: '.news-detail .author',
  },
  { name: 'cổng kiểu bảng (tieude/noidung)', title: '.tieude, .TieuDe', date: '.ngaydang, .NgayDang', body: '.noidung, .NoiDung', credits: '.tacgia, .TacGia' },
  {
    name: 'cổng kiểu Liferay (journal-content-article)',
    title: '.header-title, .portlet-title',
    date: '.time, .publish-date',
    body: '.journal-content-article',
  },
];

/** Headings that start the site's chrome: everything from there on is left out. */
const CHROME_HEADING = /^(thông tin khác|tin khác|các tin khác|tin liên quan|tin cùng chuyên mục|bài viết khác|các bài viết khác|liên kết website)\s*:?$/iu;
const CHROME_SELECTOR =
  'nav, header, footer, aside, script, style, noscript, form, [role="navigation"], [role="banner"], [role="contentinfo"], .menu, #menu, .footer, #footer, .sidebar, .breadcrumb, .share, .print';
const DOCUMENT_LINK = /\.(pdf|docx?|xlsx?|odt|ods|pptx?|rar|zip)(?:$|[?#])/i;
const NUMERIC_DATE = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\D+(\d{1,2})[:h](\d{2}))?/;

/** Reads a page's bytes: the charset it declares when that is Windows-1258, else UTF-8, TCVN3 or VNI as detected. */
export function decodePortalBytes(bytes: Buffer, contentType = ''): { text: string; encoding: PortalPage['encoding'] } {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const declared = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? '';
  if (/^(windows|cp)-?1258$/i.test(declared)) return { text: repairVietnamese(iconv.decode(bytes, 'windows-1258')).text, encoding: 'windows-1258' };
  return decodeVietnameseBytes(bytes);
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/[\s\u00a0]+/g, ' ').trim();

function dateIn(text: string): Date | null {
  const match = NUMERIC_DATE.exec(text);
  if (match) return vietnamDay(Number(match[1]), Number(match[2]), Number(match[3]), match[4] ? Number(match[4]) : 8);
  return findWrittenDate(text);
}

/** The page's address on the old portal: canonical link, og:url, or the "saved from url" note a browser writes. */
function oldUrlOf(document: Document, source: string): string | null {
  const canonical =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? document.querySelector('meta[property="og:url"]')?.getAttribute('content');
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(source)?.[1];
  const url = canonical || saved || null;
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** Takes out the site's chrome: menus, headers, footers, and every "Thông tin khác" block with what follows it. */
function dropChrome(root: Element, leftOut: string[]): void {
  for (const el of [...root.querySelectorAll(CHROME_SELECTOR)]) {
    const label = el.getAttribute('class') ?? el.getAttribute('id') ?? el.tagName.toLowerCase();
    if (!['script', 'style', 'noscript'].includes(el.tagName.toLowerCase())) leftOut.push(label);
    el.remove();
  }
  for (const heading of [...root.querySelectorAll('h1, h2, h3, h4, h5, h6, p, div, td, span, strong, b')]) {
    if (!heading.isConnected || heading.children.length > 1 || !CHROME_HEADING.test(clean(heading.textContent))) continue;
    leftOut.push(`“${clean(heading.textContent)}”`);
    // The heading, its following siblings, and those of its block container up to the body.
    let node: Element | null = heading;
    while (node && node !== root) {
      while (node.nextElementSibling) node.nextElementSibling.remove();
      const parent: Element | null = node.parentElement;
      node.remove();
      node = parent && parent !== root && parent.children.length === 0 ? parent : null;
    }
  }
}

/**
 * Extracts an article from a page saved from, or fetched from, an old
 * portal: a known layout's title, date and body when one matches, else the
 * readability extractor; the chrome and the closing credits line left out.
 */
export function extractPortalPage(source: string, encoding: PortalPage['encoding'] = 'utf-8'): PortalPage {
  const { document } = parseHTML(source);
  const leftOut: string[] = [];
  const oldUrl = oldUrlOf(document, source);
  const metaDate = document.querySelector('meta[property="article:published_time"]')?.getAttribute('content');
  const pageTitle = clean(document.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? document.querySelector('title')?.textContent);
  dropChrome(document.body, leftOut);
  const layout = LAYOUTS.find((l) => document.querySelector(l.body));
  let title = '';
  let date: Date | null = metaDate && !Number.isNaN(Date.parse(metaDate)) ? new Date(metaDate) : null;
  let credits: PortalPage['credits'] = null;
  let body: Element | null = null;
  let method = 'trích tự động (Readability)';
  if (layout) {
    method = layout.name;
    title = clean(document.querySelector(layout.title)?.textContent);
    date ??= dateIn(clean(document.querySelector(layout.date)?.textContent));
    credits = parseCredits(clean(layout.credits ? document.querySelector(layout.credits)?.textContent : ''));
    body = document.querySelector(layout.body);
  } else {
    const article = new Readability(document as unknown as Document, { keepClasses: false, charThreshold: 200 }).parse();
    if (article?.content) {
      body = parseHTML(`<!doctype html><html><body><div>${article.content}</div></body></html>`).document.body.firstElementChild;
      title = clean(document.querySelector('h1')?.textContent) || clean(article.title);
    }
  }
  title ||= pageTitle.split(/\s+[|–-]\s+/)[0] ?? '';
  if (!body || clean(body.textContent).length < 20)
    throw new PortalPageError('không tìm thấy nội dung bài viết trong trang (có thể là trang danh sách hoặc trang chủ)');
  if (!title) throw new PortalPageError('trang không có tiêu đề');
  // The title and date often open the body as well: they are shown once, above it.
  for (const el of [...body.querySelectorAll('h1, h2')]) if (clean(el.textContent) === title) el.remove();
  date ??= dateIn(clean(body.textContent).slice(0, 300));
  credits ??= takeCredits(body, parseCredits);
  return {
    title,
    bodyHtml: body.innerHTML.trim(),
    date,
    credits,
    images: [...body.querySelectorAll('img[src]')].map((img) => img.getAttribute('src')!),
    files: [...body.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!).filter((href) => DOCUMENT_LINK.test(href)),
    oldUrl,
    method,
    encoding,
    leftOut: [...new Set(leftOut)],
  };
}
