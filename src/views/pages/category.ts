import type { Pagination } from '../../services/pagination.ts';
import { articleCards } from '../components/article-list.ts';
import { pagination } from '../components/pagination.ts';
import { html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { type ArticleCard } from '../presenters.ts';
import { paths } from '../../paths.ts';

export interface CategoryView {
  name: string;
  slug: string;
  cards: ArticleCard[];
  pagination: Pagination;
  /** The listing's address for a page; a category's by default. */
  urlFor?: (page: number) => string;
}

/** A category listing (or a former unit's), ten a page. */
export function categoryPage(ctx: PageContext, view: CategoryView): string {
  const urlFor = view.urlFor ?? ((page: number) => paths.category(view.slug, page));
  const body = html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li><li aria-current="page">${view.name}</li></ol></nav>
<h1 class="page-title">${view.name}</h1>
<p class="result-count">${view.pagination.total} bài viết</p>
${articleCards(view.cards)}
${pagination(view.pagination, urlFor)}`;
  const title = view.pagination.page > 1 ? `${view.name} – trang ${view.pagination.page}` : view.name;
  return layout(ctx, { title, description: `${view.name} của ${ctx.site.authority}.`, canonicalPath: urlFor(view.pagination.page) }, body);
}
