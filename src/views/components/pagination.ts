import type { Pagination } from '../../services/pagination.ts';
import { type SafeHtml, html } from '../html.ts';

/** Page links: previous, numbered pages around the current one, next. */
export function pagination(p: Pagination, urlFor: (page: number) => string): SafeHtml {
  if (p.totalPages <= 1) return html``;
  const pages: number[] = [];
  for (let n = Math.max(1, p.page - 2); n <= Math.min(p.totalPages, p.page + 2); n++) pages.push(n);
  return html`<nav class="pagination" aria-label="Phân trang">
  <p class="pagination-status">Trang ${p.page}/${p.totalPages}</p>
  <ul>
    ${p.page > 1 ? html`<li><a href="${urlFor(p.page - 1)}" rel="prev">‹ Trang trước</a></li>` : ''}
    ${pages.map((n) =>
      n === p.page
        ? html`<li><a href="${urlFor(n)}" aria-current="page" aria-label="Trang ${n}">${n}</a></li>`
        : html`<li><a href="${urlFor(n)}" aria-label="Trang ${n}">${n}</a></li>`,
    )}
    ${p.page < p.totalPages ? html`<li><a href="${urlFor(p.page + 1)}" rel="next">Trang sau ›</a></li>` : ''}
  </ul>
</nav>`;
}
