import type { ArticleCard } from '../presenters.ts';
import { html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { paths } from '../../paths.ts';

export interface SiteMapView {
  sections: Array<{ name: string; url: string; rss: string; cards: ArticleCard[] }>;
  /** Public relief campaigns, under Vận động – cứu trợ. */
  campaigns?: Array<{ title: string; url: string }>;
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
  <li><a href="/van-dong">Vận động – cứu trợ</a> <span class="hint">(<a href="/van-dong/rss.xml">RSS</a>)</span>
    ${view.campaigns?.length ? html`<ul>${view.campaigns.map((c) => html`<li><a href="${c.url}">${c.title}</a></li>`)}</ul>` : ''}</li>
  <li><a href="${paths.search()}">Tìm kiếm</a></li>
  <li><a href="/rss.xml">Tin mới (RSS)</a> · <a href="/atom.xml">Atom</a> · <a href="/sitemap.xml">Sơ đồ XML</a></li>
</ul>`;
  return layout(ctx, { title: 'Sơ đồ cổng', description: `Sơ đồ cổng thông tin điện tử ${ctx.site.authority}.` }, body);
}
