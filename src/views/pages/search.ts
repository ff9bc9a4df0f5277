import type { Pagination } from '../../services/pagination.ts';
import { articleCards } from '../components/article-list.ts';
import { pagination } from '../components/pagination.ts';
import { html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { type ArticleCard, paths } from '../presenters.ts';

export interface SearchView {
  query: string;
  cards: ArticleCard[];
  pagination: Pagination | null;
}

/** Search results: a simple folded match for now, so residents can type without diacritics. */
export function searchPage(ctx: PageContext, view: SearchView): string {
  const urlFor = (page: number) => `${paths.search()}?q=${encodeURIComponent(view.query)}${page > 1 ? `&trang=${page}` : ''}`;
  const body = html`<h1 class="page-title">Tìm kiếm</h1>
<form class="search-form search-page-form" role="search" action="${paths.search()}" method="get">
  <label for="q-page">Từ khóa (gõ có dấu hoặc không dấu đều được)</label>
  <input id="q-page" name="q" type="search" value="${view.query}" maxlength="200">
  <button type="submit">Tìm</button>
</form>
${view.pagination
  ? html`<p class="result-count" role="status">Tìm thấy ${view.pagination.total} kết quả cho “${view.query}”.</p>
${view.cards.length ? articleCards(view.cards) : html`<p>Không có bài viết nào khớp. Hãy thử từ khóa ngắn hơn hoặc khác đi.</p>`}
${pagination(view.pagination, urlFor)}`
  : html`<p>Nhập từ khóa để tìm tin tức, thông báo và tài liệu của cổng.</p>`}`;
  return layout(ctx, { title: view.query ? `Tìm kiếm: ${view.query}` : 'Tìm kiếm', noindex: true }, body);
}
