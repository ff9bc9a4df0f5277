import type { ArticleCard } from '../presenters.ts';
import { html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { paths } from '../../paths.ts';
import type { SiteMapSection } from '../../services/site-map.ts';
import { formatDate } from '../../text/format.ts';

/** How many pages of a module the HTML sitemap lists under it; the module's own page lists the rest. */
const CHILDREN_SHOWN = 20;

/** A module's part of the HTML sitemap: its page, its latest pages, its feed. */
export interface SiteMapModuleView {
  name: string;
  url: string;
  updated: string;
  rss: string | null;
  children: Array<{ title: string; url: string }>;
  more: number;
}

export interface SiteMapView {
  sections: Array<{ name: string; url: string; rss: string; cards: ArticleCard[] }>;
  /** Every other kind of public page: documents, disclosure, Giới thiệu, calendars, Q&A, English, relief. */
  modules: SiteMapModuleView[];
}

const FEEDS: Partial<Record<SiteMapSection['kind'], string>> = { disclosure: '/cong-khai/rss.xml', relief: '/van-dong/rss.xml' };

/** A section of the site map service as the HTML sitemap shows it. */
export function presentSiteMapSection(s: SiteMapSection): SiteMapModuleView {
  return {
    name: s.page.title,
    url: s.page.path,
    updated: formatDate(s.page.lastmod),
    rss: FEEDS[s.kind] ?? null,
    children: s.children.slice(0, CHILDREN_SHOWN).map((c) => ({ title: c.title, url: c.path })),
    more: Math.max(0, s.children.length - CHILDREN_SHOWN),
  };
}

/** Sơ đồ cổng: every part of the portal, for people and for screen readers. */
export function siteMapPage(ctx: PageContext, view: SiteMapView): string {
  const body = html`<h1 class="page-title">Sơ đồ cổng</h1>
<ul class="site-map">
  <li><a href="${paths.home()}">Trang chủ</a></li>
  ${view.sections.map(
    (s) => html`<li><a href="${s.url}">${s.name}</a> <span class="hint">(<a href="${s.rss}">RSS</a>)</span>
    ${s.cards.length ? html`<ul>${s.cards.map((c) => html`<li><a href="${c.url}">${c.title}</a> <span class="date">(${c.date})</span></li>`)}</ul>` : ''}</li>`,
  )}
  ${view.modules.map(
    (
      m,
    ) => html`<li${m.url.startsWith('/en') ? html` lang="en"` : ''}><a href="${m.url}">${m.name}</a> <span class="hint">(cập nhật ${m.updated}${m.rss ? html`, <a href="${m.rss}">RSS</a>` : ''})</span>
    ${m.children.length ? html`<ul>${m.children.map((c) => html`<li><a href="${c.url}">${c.title}</a></li>`)}${m.more ? html`<li><a href="${m.url}">và ${m.more} trang khác</a></li>` : ''}</ul>` : ''}</li>`,
  )}
  <li><a href="${paths.search()}">Tìm kiếm</a></li>
  <li><a href="/rss.xml">Tin mới (RSS)</a> · <a href="/atom.xml">Atom</a> · <a href="/sitemap.xml">Sơ đồ XML</a></li>
</ul>`;
  return layout(ctx, { title: 'Sơ đồ cổng', description: `Sơ đồ cổng thông tin điện tử ${ctx.site.authority}.` }, body);
}
