import { type SafeHtml, html, jsonForScript } from './html.ts';
import { organisationPaths } from '../services/organisation/page-kinds.ts';
import { DEFAULT_ACCENT } from '../services/site-shape/palette.ts';
import { paths } from '../paths.ts';
import type { SiteView } from './presenters.ts';
import type { LookView, NavItem } from './site-shape-presenters.ts';
import { image } from './components/article-list.ts';
import { ratingForm } from './components/rating-form.ts';
import { type DowntimeBannerView, downtimeBanner } from './components/downtime-banner.ts';

/** Pages of the modules, which load their own stylesheet. */
const MODULE_PATHS = /^\/(gioi-thieu|en|van-ban|cong-khai|lich-cong-tac|lich-tiep-cong-dan|hoi-dap|danh-gia|thong-ke-truy-cap|van-dong|lay-y-kien)(\/|$)/;

/** What every page of a site needs from the request: the site, its menu and look, assets and origin. */
export interface PageContext {
  site: SiteView;
  /** The main menu after "Trang chủ", as the site admin set it. */
  nav: NavItem[];
  look: LookView;
  assets: { css: string; js: string; icon: string; modulesCss: string; lookCss: string };
  /** Scheme and host of this request, for absolute URLs in share previews. */
  origin: string;
  path: string;
  /** Planned downtime notices that are upcoming or under way, shown as a banner on every page. */
  notices?: DowntimeBannerView[];
}

/** Head metadata of one page. */
export interface PageMeta {
  title: string;
  description?: string;
  /** Path of the canonical URL; the current path when omitted. */
  canonicalPath?: string;
  ogType?: 'website' | 'article';
  ogImage?: { url: string; width: number | null; height: number | null; alt: string } | null;
  publishedTime?: string;
  modifiedTime?: string;
  noindex?: boolean;
  jsonLd?: unknown;
  /** Language of the page; English pages get the English menu and footer. Defaults to 'vi'. */
  lang?: 'vi' | 'en';
  /** False on pages that must not carry the satisfaction rating form (the rating pages themselves). */
  ratingForm?: boolean;
}

/** Vietnamese pages with an English counterpart, for og:locale:alternate and hreflang (Zalo, Facebook, search engines). */
const ENGLISH_COUNTERPARTS: ReadonlyArray<{ vi: string; en: string }> = [
  { vi: organisationPaths.index(), en: organisationPaths.enHome() },
  { vi: organisationPaths.page('lanh-dao'), en: organisationPaths.enLeaders() },
  { vi: organisationPaths.page('can-bo-dau-moi'), en: organisationPaths.enContact() },
];

/** og:locale of the page, the other language's locale and both URLs when the page has a counterpart. */
function localeTags(ctx: PageContext, meta: PageMeta): SafeHtml {
  const english = meta.lang === 'en';
  const pair = ENGLISH_COUNTERPARTS.find((p) => (english ? p.en : p.vi) === ctx.path);
  return html`<meta property="og:locale" content="${english ? 'en_US' : 'vi_VN'}">
${
  pair
    ? html`<meta property="og:locale:alternate" content="${english ? 'vi_VN' : 'en_US'}">
<link rel="alternate" hreflang="vi" href="${ctx.origin}${pair.vi}">
<link rel="alternate" hreflang="en" href="${ctx.origin}${pair.en}">`
    : ''
}`;
}

const emblem = html`<svg class="emblem" viewBox="0 0 64 64" width="56" height="56" aria-hidden="true" focusable="false"><circle cx="32" cy="32" r="31" fill="#c8102e" stroke="#f6c700" stroke-width="2"/><path fill="#f6c700" d="M32 12l5.9 18.1H57L41.5 41.3l5.9 18.1L32 48.2 16.6 59.4l5.9-18.1L7 30.1h19.1z"/></svg>`;

function head(ctx: PageContext, meta: PageMeta): SafeHtml {
  const title = meta.title === ctx.site.authority ? meta.title : `${meta.title} – ${ctx.site.authority}`;
  const canonical = `${ctx.origin}${meta.canonicalPath ?? ctx.path}`;
  const image = meta.ogImage;
  return html`<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${meta.description ? html`<meta name="description" content="${meta.description}">` : ''}
${meta.noindex ? html`<meta name="robots" content="noindex">` : ''}
<link rel="canonical" href="${canonical}">
<meta property="og:site_name" content="${ctx.site.authority}">
${localeTags(ctx, meta)}
<meta property="og:type" content="${meta.ogType ?? 'website'}">
<meta property="og:title" content="${meta.title}">
${meta.description ? html`<meta property="og:description" content="${meta.description}">` : ''}
<meta property="og:url" content="${canonical}">
${
  image
    ? html`<meta property="og:image" content="${ctx.origin}${image.url}">
${image.width ? html`<meta property="og:image:width" content="${image.width}">` : ''}
${image.height ? html`<meta property="og:image:height" content="${image.height}">` : ''}
<meta property="og:image:alt" content="${image.alt}">
<meta name="twitter:card" content="summary_large_image">`
    : html`<meta name="twitter:card" content="summary">`
}
${meta.publishedTime ? html`<meta property="article:published_time" content="${meta.publishedTime}">` : ''}
${meta.modifiedTime ? html`<meta property="article:modified_time" content="${meta.modifiedTime}">` : ''}
${meta.jsonLd ? html`<script type="application/ld+json">${jsonForScript(meta.jsonLd)}</script>` : ''}
<link rel="icon" href="${ctx.assets.icon}" type="image/svg+xml">
<link rel="alternate" type="application/rss+xml" title="${ctx.site.authority}" href="/rss.xml">
<link rel="stylesheet" href="${ctx.assets.css}">
${ctx.look.accent === DEFAULT_ACCENT && !ctx.look.logo && !ctx.look.banner ? '' : html`<link rel="stylesheet" href="${ctx.assets.lookCss}">`}
${MODULE_PATHS.test(ctx.path) ? html`<link rel="stylesheet" href="${ctx.assets.modulesCss}">` : ''}
<script src="${ctx.assets.js}" defer></script>`;
}

/** The unit's name beside the emblem (or the site's logo), or the site's banner with the name kept for screen readers. */
function brand(ctx: PageContext): SafeHtml {
  const { logo, banner } = ctx.look;
  const text = html`<span class="brand-kicker">Cổng thông tin điện tử</span>
        <span class="brand-name">${ctx.site.authorityUpper}</span>
        <span class="brand-province">${ctx.site.province}</span>`;
  if (banner) {
    return html`<a class="brand brand-banner" href="${paths.home()}">
      ${image({ ...banner, alt: '' }, { lazy: false, sizes: '(max-width: 72rem) 100vw, 72rem' })}
      <span class="visually-hidden">${text}</span>
    </a>`;
  }
  // The name beside it says what the logo would: it is decorative, as the emblem is.
  const mark = logo ? image({ ...logo, alt: '' }, { lazy: false, sizes: '4rem', className: 'emblem logo' }) : emblem;
  return html`<a class="brand" href="${paths.home()}">
      ${mark}
      <span class="brand-text">
        ${text}
      </span>
    </a>`;
}

/**
 * The bar of a menu that folds on phones (site.css `.fold`): without
 * JavaScript, "open" makes the menu the page's target (#id) and "close"
 * leaves it; site.js puts one button in their place that folds the menu in
 * place. The newsroom's menu folds the same way.
 */
export function foldBar(id: string, openLabel: string | SafeHtml, closeLabel: string): SafeHtml {
  return html`<div class="wrap fold-bar">
    <a class="fold-open" href="#${id}"><span class="fold-icon" aria-hidden="true"></span>${openLabel}</a>
    <a class="fold-close" href="#"><span class="fold-icon" aria-hidden="true"></span>${closeLabel}</a>
  </div>`;
}

/** The main menu: "Trang chủ", then the site admin's items; it folds behind "Danh mục" on a phone. */
function mainMenu(ctx: PageContext): SafeHtml {
  const isCurrent = (url: string) => (url === '/' ? ctx.path === '/' : ctx.path === url || ctx.path.startsWith(`${url}/`));
  const item = (name: string, url: string) => html`<li><a href="${url}"${isCurrent(url) ? html` aria-current="page"` : ''}>${name}</a></li>`;
  return html`<nav class="mainnav fold" id="menu-chinh" aria-label="Danh mục chính">
  ${foldBar('menu-chinh', 'Danh mục', 'Đóng danh mục')}
  <ul class="wrap" id="menu-chinh-ds">
    ${item('Trang chủ', paths.home())}
    ${ctx.nav.map((entry) => item(entry.name, entry.url))}
  </ul>
</nav>`;
}

function masthead(ctx: PageContext): SafeHtml {
  return html`<a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site-header" lang="vi">
${downtimeBanner(ctx.notices)}
<div class="masthead${ctx.look.banner ? ' masthead-banner' : ''}">
  <div class="wrap masthead-inner">
    ${brand(ctx)}
  </div>
</div>
${mainMenu(ctx)}
<div class="toolbar">
  <div class="wrap toolbar-inner">
    <form class="search-form" role="search" action="${paths.search()}" method="get">
      <label for="q-header" class="visually-hidden">Tìm kiếm trên cổng</label>
      <input id="q-header" name="q" type="search" placeholder="Tìm kiếm…" autocomplete="off" maxlength="200">
      <button type="submit">Tìm</button>
    </form>
    <div class="font-controls" role="group" aria-label="Cỡ chữ và độ tương phản" hidden>
      <button type="button" data-font-step="-1" aria-label="Giảm cỡ chữ">A-</button>
      <button type="button" data-font-step="0" aria-label="Cỡ chữ mặc định">A</button>
      <button type="button" data-font-step="1" aria-label="Tăng cỡ chữ">A+</button>
      <button type="button" data-contrast-toggle aria-pressed="false">Tương phản cao</button>
    </div>
  </div>
</div>
</header>`;
}

/**
 * The visitor counter of every page. Pages are cached, so the figures are not
 * in the HTML: the slot stays empty and hidden, and site.js fills it from
 * /thong-ke-truy-cap.json (never cached, no cookies), the request that also
 * counts the view. Without JavaScript the link still leads to the figures.
 */
const visitorSlot = html`<div class="footer-visitors"><dl data-visitors="/thong-ke-truy-cap.json" hidden><div><dt>Đang truy cập:</dt> <dd></dd></div> <div><dt>Hôm nay:</dt> <dd></dd></div> <div><dt>Tổng:</dt> <dd></dd></div></dl><a href="/thong-ke-truy-cap">Thống kê truy cập</a></div>`;

function footer(ctx: PageContext): SafeHtml {
  const s = ctx.site;
  return html`<footer class="site-footer" lang="vi">
  <div class="wrap">
    <p class="footer-name">${s.authorityUpper}</p>
    <dl class="footer-contact">
      ${s.address ? html`<div><dt>Địa chỉ:</dt> <dd>${s.address}</dd></div>` : ''}
      ${s.phone ? html`<div><dt>Điện thoại:</dt> <dd><a href="tel:${s.phone.replace(/[^\d+]/g, '')}">${s.phone}</a></dd></div>` : ''}
      ${s.email ? html`<div><dt>Thư điện tử:</dt> <dd><a href="mailto:${s.email}">${s.email}</a></dd></div>` : ''}
      ${s.responsible ? html`<div><dt>Chịu trách nhiệm chính:</dt> <dd>${s.responsible}</dd></div>` : ''}
    </dl>
    <p class="footer-links"><a href="/so-do-cong">Sơ đồ cổng</a> · <a href="/rss.xml">Tin mới (RSS)</a> · <a href="https://dichvucong.gov.vn" rel="noopener">Cổng Dịch vụ công quốc gia</a></p>
    ${visitorSlot}
    <p class="footer-note">Ghi rõ nguồn “${s.authority}” khi phát hành lại thông tin từ cổng này.</p>
  </div>
</footer>`;
}

/** The English pages' header: the unit's name and the English menu, with the way back to Vietnamese. */
function englishMasthead(ctx: PageContext): SafeHtml {
  const item = (name: string, url: string) => html`<li><a href="${url}"${ctx.path === url ? html` aria-current="page"` : ''}>${name}</a></li>`;
  return html`<a class="skip-link" href="#noi-dung">Skip to main content</a>
<header class="site-header" lang="en">
<div lang="vi">${downtimeBanner(ctx.notices)}</div>
<div class="masthead">
  <div class="wrap masthead-inner">
    <a class="brand" href="/en">${emblem}<span class="brand-text"><span class="brand-kicker">Web portal</span>
      <span class="brand-name" lang="vi">${ctx.site.authorityUpper}</span>
      <span class="brand-province" lang="vi">${ctx.site.province}</span></span></a>
  </div>
</div>
<nav class="mainnav fold" id="menu-en" aria-label="Main menu">
  ${foldBar('menu-en', 'Menu', 'Close menu')}
  <ul class="wrap" id="menu-en-ds">
    ${item('About us', '/en')}${item('Leaders', '/en/leaders')}${item('Contact', '/en/contact')}
    <li><a href="/gioi-thieu" lang="vi" hreflang="vi">Tiếng Việt</a></li>
  </ul>
</nav>
</header>`;
}

function englishFooter(ctx: PageContext): SafeHtml {
  const s = ctx.site;
  return html`<footer class="site-footer" lang="en">
  <div class="wrap">
    <p class="footer-name" lang="vi">${s.authorityUpper}</p>
    <dl class="footer-contact">
      ${s.address ? html`<div><dt>Address:</dt> <dd lang="vi">${s.address}</dd></div>` : ''}
      ${s.phone ? html`<div><dt>Phone:</dt> <dd><a href="tel:${s.phone.replace(/[^\d+]/g, '')}">${s.phone}</a></dd></div>` : ''}
      ${s.email ? html`<div><dt>Email:</dt> <dd><a href="mailto:${s.email}">${s.email}</a></dd></div>` : ''}
      ${s.responsible ? html`<div><dt>Responsible for content:</dt> <dd lang="vi">${s.responsible}</dd></div>` : ''}
    </dl>
    <p class="footer-links"><a href="/en/contact">Contact</a> · <a href="/so-do-cong" lang="vi" hreflang="vi">Sơ đồ cổng (site map)</a> · <a href="/" lang="vi" hreflang="vi">Trang chủ tiếng Việt</a></p>
    <div lang="vi">${visitorSlot}</div>
    <p class="footer-note">Please credit “<span lang="vi">${s.authority}</span>” when republishing information from this portal.</p>
  </div>
</footer>`;
}

/** Wraps a page body in the site's header, menu, toolbar and footer. */
export function layout(ctx: PageContext, meta: PageMeta, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${meta.lang ?? 'vi'}"${ctx.look.accent === DEFAULT_ACCENT ? '' : html` data-accent="${ctx.look.accent}"`}>
<head>
${head(ctx, meta)}
</head>
<body>
${meta.lang === 'en' ? englishMasthead(ctx) : masthead(ctx)}
<main id="noi-dung" class="wrap main" tabindex="-1">
${body}
${meta.ratingForm === false ? '' : ratingForm(ctx.path)}
</main>
${meta.lang === 'en' ? englishFooter(ctx) : footer(ctx)}
</body>
</html>`.value;
}
