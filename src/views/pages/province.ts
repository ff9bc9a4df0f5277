import { articleCards, demoBadge } from '../components/article-list.ts';
import { type SafeHtml, html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import type { ArticleCard } from '../presenters.ts';
import { paths } from '../../paths.ts';
import { type CommuneView, type FeedItemView, provincePaths } from '../province-presenters.ts';

/** The two kinds the communes' lists show, by their address form. */
export const FEED_KINDS = [
  { value: 'tin-tuc', label: 'Tin tức' },
  { value: 'thong-bao', label: 'Thông báo' },
] as const;

/** The commune a label names, linking to its home on its own host. */
export function communeLabel(commune: CommuneView): SafeHtml {
  return commune.url ? html`<a class="commune-label" href="${commune.url}">${commune.name}</a>` : html`<span class="commune-label">${commune.name}</span>`;
}

/** The commune picker: a select that a button submits, so it works without scripts. */
export function communeSelect(id: string, communes: CommuneView[], picked: string, allLabel = 'Mọi xã, phường', errorId: string | null = null): SafeHtml {
  return html`<select id="${id}" name="xa"${errorId ? html` aria-invalid="true" aria-describedby="${errorId}"` : ''}><option value="">${allLabel}</option>${communes.map(
    (c) => html`<option value="${String(c.id)}"${String(c.id) === picked ? html` selected` : ''}>${c.name}</option>`,
  )}</select>`;
}

/** Items of a communes' list: title, commune, date and (for the longer lists) summary. */
function feedItems(items: FeedItemView[], headingLevel: 2 | 3, withSummary: boolean): SafeHtml {
  if (items.length === 0) return html`<p class="empty">Chưa có bài viết nào.</p>`;
  return html`<ul class="cards feed-list">
${items.map(
  (item) => html`<li class="card">
  <div class="card-body">
    ${headingLevel === 2 ? html`<h2 class="card-title"><a href="${item.url}">${item.title}</a></h2>` : html`<h3 class="card-title"><a href="${item.url}">${item.title}</a></h3>`}
    <p class="meta">${communeLabel(item.commune)} <time datetime="${item.isoDate}">${item.date}</time> ${demoBadge(item.isDemo)}</p>
    ${withSummary && item.summary ? html`<p class="card-summary">${item.summary}</p>` : ''}
  </div>
</li>`,
)}
</ul>`;
}

export interface ProvinceHomeView {
  communes: CommuneView[];
  /** The commune picked, as the picker holds it ("" for every one). */
  picked: string;
  pickedName: string | null;
  news: FeedItemView[];
  notices: FeedItemView[];
  /** The province's own latest news and notices. */
  ownNews: ArticleCard[];
  ownNotices: ArticleCard[];
}

const feedUrlOf = (loai: string, xa: string) => feedUrl({ loai, xa }, null);

/** The province portal's home: one search over every site, the communes' latest news and notices (or one commune's), the province's own. */
export function provinceHomePage(ctx: PageContext, view: ProvinceHomeView): string {
  const of = view.pickedName ? `của ${view.pickedName}` : 'các xã, phường';
  const body = html`<h1 class="visually-hidden">${ctx.site.authority}</h1>
<form class="search-form province-search" role="search" action="${paths.search()}" method="get">
  <label for="q-tinh">Tìm tin, thông báo, tài liệu của mọi xã, phường trong tỉnh</label>
  <input id="q-tinh" name="q" type="search" maxlength="200">
  <button type="submit">Tìm</button>
</form>
<form class="commune-picker" action="${paths.home()}" method="get">
  <label for="xa-trang-chu">Xem tin của</label>
  ${communeSelect('xa-trang-chu', view.communes, view.picked)}
  <button type="submit">Xem</button>
</form>
<div class="home-grid">
  <section class="home-main" aria-labelledby="tin-xa-phuong">
    <h2 id="tin-xa-phuong" class="section-title">Tin tức ${of}</h2>
    ${feedItems(view.news, 3, true)}
    <p class="more"><a href="${feedUrlOf('tin-tuc', view.picked)}">Xem tất cả tin tức ${of}</a></p>
    ${view.ownNews.length ? html`<h2 class="section-title">Tin của tỉnh</h2>${articleCards(view.ownNews, 3)}` : ''}
  </section>
  <aside class="home-side" aria-label="Thông báo và danh bạ">
    <section class="box" aria-labelledby="thong-bao-xa">
      <h2 id="thong-bao-xa" class="box-title">Thông báo ${of}</h2>
      ${feedItems(view.notices, 3, false)}
      <p class="more"><a href="${feedUrlOf('thong-bao', view.picked)}">Xem tất cả thông báo ${of}</a></p>
    </section>
    ${
      view.ownNotices.length
        ? html`<section class="box" aria-labelledby="thong-bao-tinh"><h2 id="thong-bao-tinh" class="box-title">Thông báo của tỉnh</h2>${articleCards(view.ownNotices, 3)}</section>`
        : ''
    }
    <section class="box" aria-labelledby="danh-ba">
      <h2 id="danh-ba" class="box-title">Các xã, phường</h2>
      <p>${ctx.site.province} có ${String(view.communes.length)} xã, phường có cổng thông tin.</p>
      <p class="more"><a href="${provincePaths.directory()}">Danh bạ các xã, phường</a></p>
    </section>
  </aside>
</div>`;
  return layout(
    ctx,
    {
      title: ctx.site.authority,
      description: `Cổng thông tin điện tử ${ctx.site.authority}: tin tức và thông báo của mọi xã, phường.`,
      canonicalPath: paths.home(),
    },
    body,
  );
}

/** The list's filters as the page's form holds them. */
export interface FeedFilterValues {
  loai: string;
  xa: string;
}

export interface ProvinceFeedView {
  communes: CommuneView[];
  values: FeedFilterValues;
  pickedName: string | null;
  items: FeedItemView[];
  /** The next page's address; null on the last page. */
  nextUrl: string | null;
  /** Whether this is a later page (a link back to the newest is shown). */
  later: boolean;
}

/** The communes' news or notices, newest first, filterable by kind and commune, a page at a time. */
export function provinceFeedPage(ctx: PageContext, view: ProvinceFeedView): string {
  const kind = FEED_KINDS.find((k) => k.value === view.values.loai) ?? FEED_KINDS[0];
  const title = `${kind.label} ${view.pickedName ? `của ${view.pickedName}` : 'các xã, phường'}`;
  const body = html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li><li aria-current="page">${title}</li></ol></nav>
<h1 class="page-title">${title}</h1>
<form class="filter-form" action="${provincePaths.feed()}" method="get">
  <div class="filter-grid">
    <div class="field"><label for="loai">Loại tin</label><select id="loai" name="loai">${FEED_KINDS.map(
      (k) => html`<option value="${k.value}"${k.value === kind.value ? html` selected` : ''}>${k.label}</option>`,
    )}</select></div>
    <div class="field"><label for="xa">Xã, phường</label>${communeSelect('xa', view.communes, view.values.xa)}</div>
  </div>
  <button type="submit">Xem</button>
</form>
${feedItems(view.items, 2, true)}
${
  view.later || view.nextUrl
    ? html`<nav class="pagination" aria-label="Phân trang"><ul>
  ${view.later ? html`<li><a href="${feedUrl(view.values, null)}">« Mới nhất</a></li>` : ''}
  ${view.nextUrl ? html`<li><a href="${view.nextUrl}" rel="next">Tin cũ hơn ›</a></li>` : ''}
</ul></nav>`
    : ''
}`;
  return layout(ctx, { title, description: `${title}, ${ctx.site.province}.`, noindex: view.later }, body);
}

/** The list's address for these filters, from a cursor ("sau") or from the newest. */
export function feedUrl(values: FeedFilterValues, after: string | null): string {
  const params = new URLSearchParams();
  if (values.loai && values.loai !== FEED_KINDS[0].value) params.set('loai', values.loai);
  if (values.xa) params.set('xa', values.xa);
  if (after) params.set('sau', after);
  const query = params.toString();
  return query ? `${provincePaths.feed()}?${query}` : provincePaths.feed();
}
