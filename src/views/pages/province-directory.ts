import type { Pagination } from '../../services/pagination.ts';
import { pagination } from '../components/pagination.ts';
import { type SafeHtml, html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { paths } from '../../paths.ts';
import { type CommuneView, type DirectoryView, provincePaths } from '../province-presenters.ts';
import { communeSelect } from './province.ts';

export interface DirectoryPageView {
  communes: CommuneView[];
  entries: DirectoryView[];
  pagination: Pagination;
  /** The commune picked ("" for every one, a page at a time). */
  picked: string;
}

const tel = (phone: string) => phone.replace(/[^0-9+]/g, '');

function entry(e: DirectoryView): SafeHtml {
  return html`<li class="directory-entry">
  <h2 class="card-title">${e.commune.url ? html`<a href="${e.commune.url}">${e.commune.name}</a>` : e.commune.name}</h2>
  <dl class="directory-facts">
    ${e.host ? html`<dt>Cổng thông tin</dt><dd>${e.host}</dd>` : ''}
    ${e.address ? html`<dt>Địa chỉ</dt><dd>${e.address}</dd>` : ''}
    ${e.phone ? html`<dt>Điện thoại</dt><dd><a href="tel:${tel(e.phone)}">${e.phone}</a></dd>` : ''}
    ${e.email ? html`<dt>Thư điện tử</dt><dd><a href="mailto:${e.email}">${e.email}</a></dd>` : ''}
    ${e.responsible ? html`<dt>Người chịu trách nhiệm</dt><dd>${e.responsible}</dd>` : ''}
  </dl>
  ${
    e.leaders.length
      ? html`<h3 class="directory-leaders-title">Lãnh đạo</h3><ul class="directory-leaders">${e.leaders.map(
          (l) =>
            html`<li><strong>${l.name}</strong>${l.title ? html` – ${l.title}` : ''}${l.phone ? html`, <a href="tel:${tel(l.phone)}">${l.phone}</a>` : ''}${l.email ? html`, <a href="mailto:${l.email}">${l.email}</a>` : ''}</li>`,
        )}</ul>`
      : ''
  }
</li>`;
}

/** The address of a directory page. */
function pageUrl(page: number): string {
  return page > 1 ? `${provincePaths.directory()}?trang=${page}` : provincePaths.directory();
}

/** Every commune of the province with its portal, contacts and leaders: a page at a time, or the one picked. */
export function directoryPage(ctx: PageContext, view: DirectoryPageView): string {
  const body = html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li><li aria-current="page">Các xã, phường</li></ol></nav>
<h1 class="page-title">Các xã, phường của ${ctx.site.province}</h1>
<form class="commune-picker" action="${provincePaths.directory()}" method="get">
  <label for="xa-danh-ba">Tìm nhanh</label>
  ${communeSelect('xa-danh-ba', view.communes, view.picked, 'Tất cả xã, phường')}
  <button type="submit">Xem</button>
</form>
<p class="result-count">${view.picked ? 'Một' : String(view.communes.length)} xã, phường${view.pagination.totalPages > 1 ? `, trang ${view.pagination.page}/${view.pagination.totalPages}` : ''}</p>
<ul class="directory">
${view.entries.map(entry)}
</ul>
${pagination(view.pagination, pageUrl)}`;
  return layout(
    ctx,
    { title: 'Các xã, phường', description: `Danh bạ các xã, phường của ${ctx.site.province}: cổng thông tin, địa chỉ, điện thoại, lãnh đạo.` },
    body,
  );
}
