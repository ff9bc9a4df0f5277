import type { ArticleStatus } from '../../db/schema.ts';
import type { Pagination } from '../../services/pagination.ts';
import type { ChecklistRow } from '../../services/conformance/checklist.ts';
import { conformanceSection } from './conformance.ts';
import { STATUS_NAMES } from '../../services/review/rules.ts';
import { pagination } from '../components/pagination.ts';
import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, tableRegion } from './layout.ts';
import { type QueueItemView, reviewQueueSection } from './review-queue.ts';
import { type OwnItemView, type QuestionQueuesView, questionSections, returnedItemsSection } from './work-queues.ts';

/** An article row in newsroom lists. */
export interface AdminArticleItem {
  id: number;
  title: string;
  status: ArticleStatus;
  statusName: string;
  category: string;
  author: string;
  updated: string;
  editUrl: string;
  forceReason?: string | null;
  deletedAt?: string;
}

/** A table of articles with their status; empty lists say so. */
export function articleTable(items: AdminArticleItem[], caption: string, options: { restore?: AdminContext } = {}): SafeHtml {
  if (items.length === 0) return html`<p class="empty">Không có bài viết nào.</p>`;
  return tableRegion(
    caption,
    html`<table class="data-table">
  <caption>${caption}</caption>
  <thead><tr><th scope="col">Tiêu đề</th><th scope="col">Trạng thái</th><th scope="col">Chuyên mục</th><th scope="col">Người viết</th><th scope="col">${options.restore ? 'Xóa lúc' : 'Cập nhật'}</th>${options.restore ? html`<th scope="col">Thao tác</th>` : ''}</tr></thead>
  <tbody>
  ${items.map(
    (item) => html`<tr>
    <td><a href="${item.editUrl}">${item.title}</a>${item.forceReason ? html`<br><span class="hint">Lý do: ${item.forceReason}</span>` : ''}</td>
    <td><span class="status status-${item.status}">${item.statusName}</span></td>
    <td>${item.category}</td>
    <td>${item.author}</td>
    <td>${options.restore ? item.deletedAt : item.updated}</td>
    ${
      options.restore
        ? html`<td><form method="post" action="/quan-tri/bai-viet/${item.id}/thao-tac">${csrfField(options.restore)}<input type="hidden" name="action" value="restore"><button type="submit" class="secondary">Khôi phục</button></form></td>`
        : ''
    }
  </tr>`,
  )}
  </tbody>
</table>`,
  );
}

export interface ArticleListView {
  items: AdminArticleItem[];
  status: ArticleStatus | '';
  pagination: Pagination;
  /** A merged ward's former units ("Phường 1 (cũ)"), and the one chosen, by slug. */
  units: Array<{ slug: string; label: string }>;
  unit: string;
}

/** All articles of the site, filtered by status, ten a page… twenty. */
export function articleListPage(ctx: AdminContext, view: ArticleListView): string {
  const tabs: Array<ArticleStatus | ''> = ['', 'draft', 'submitted', 'returned', 'scheduled', 'published', 'unpublished', 'archived'];
  const query = (status: string, unit: string) =>
    [status ? `trang-thai=${status}` : '', unit ? `don-vi=${encodeURIComponent(unit)}` : ''].filter(Boolean).join('&');
  const urlFor = (page: number) => `/quan-tri/bai-viet?${[query(view.status, view.unit), `trang=${page}`].filter(Boolean).join('&')}`;
  const link = (status: string, unit: string) => `/quan-tri/bai-viet${query(status, unit) ? `?${query(status, unit)}` : ''}`;
  const body = html`<div class="page-head"><h1>Bài viết</h1>${ctx.can('article.create') ? html`<a class="button" href="/quan-tri/bai-viet/moi">Viết bài mới</a>` : ''}</div>
<nav aria-label="Lọc theo trạng thái" class="tabs"><ul>
  ${tabs.map((s) => html`<li><a href="${link(s, view.unit)}"${s === view.status ? html` aria-current="page"` : ''}>${s ? STATUS_NAMES[s] : 'Tất cả'}</a></li>`)}
</ul></nav>
${
  view.units.length
    ? html`<nav aria-label="Lọc theo đơn vị cũ" class="tabs"><ul>
  ${[{ slug: '', label: 'Mọi đơn vị' }, ...view.units].map((u) => html`<li><a href="${link(view.status, u.slug)}"${u.slug === view.unit ? html` aria-current="page"` : ''}>${u.label}</a></li>`)}
</ul></nav>`
    : ''
}
${articleTable(view.items, view.status ? `Bài viết: ${STATUS_NAMES[view.status]}` : 'Tất cả bài viết')}
${pagination(view.pagination, urlFor)}`;
  return adminLayout(ctx, 'Bài viết', body);
}

export interface DashboardView {
  queue: AdminArticleItem[];
  mine: AdminArticleItem[];
  forced: AdminArticleItem[];
  /** Documents and calendars waiting for review, when this person may approve any of them. */
  otherQueue?: QueueItemView[] | undefined;
  /** Hỏi đáp lists, for those who handle questions. */
  questions?: QuestionQueuesView | undefined;
  /** One's documents, calendars and pages sent back. */
  returned: OwnItemView[];
  /** The site's conformance checklist, for its admins. */
  conformance?: ChecklistRow | null;
}

/** What waits for this person: the review queue, their own drafts, and what went out without review. */
export function dashboardPage(ctx: AdminContext, view: DashboardView): string {
  const body = html`<h1>Bảng điều khiển</h1>
${ctx.can('article.create') ? html`<p><a class="button" href="/quan-tri/bai-viet/moi">Viết bài mới</a></p>` : ''}
${ctx.can('article.return') ? html`<section aria-labelledby="hang-cho"><h2 id="hang-cho">Bài chờ duyệt (${view.queue.length})</h2>${articleTable(view.queue, 'Bài đang chờ biên tập và duyệt')}</section>` : ''}
${reviewQueueSection(view.otherQueue)}
${conformanceSection(view.conformance)}
${questionSections(view.questions)}
<section aria-labelledby="bai-cua-toi"><h2 id="bai-cua-toi">Bài của tôi đang viết hoặc bị trả lại</h2>${articleTable(view.mine, 'Bản nháp và bài bị trả lại của tôi')}
${ctx.can('article.create') ? html`<p><a href="/quan-tri/bai-cua-toi">Mọi bài của tôi: đã gửi, hẹn giờ, đã xuất bản, kèm nhận xét của người duyệt</a></p>` : ''}</section>
${returnedItemsSection(view.returned)}
${
  ctx.can('article.publish')
    ? html`<section aria-labelledby="khong-qua-duyet"><h2 id="khong-qua-duyet">Xuất bản không qua duyệt</h2>
  <p class="hint">Các bài được xuất bản không qua người duyệt thứ hai, kèm lý do. Lãnh đạo cần xem lại.</p>
  ${articleTable(view.forced, 'Bài xuất bản không qua duyệt')}</section>`
    : ''
}`;
  return adminLayout(ctx, 'Bảng điều khiển', body);
}

/** The trash: articles deleted within the last 30 days, restorable. */
export function trashPage(ctx: AdminContext, items: AdminArticleItem[]): string {
  const body = html`<h1>Thùng rác</h1>
<p class="hint">Bài trong thùng rác được giữ 30 ngày rồi xóa hẳn. Khôi phục để đưa bài về trạng thái cũ.</p>
${articleTable(items, 'Bài viết trong thùng rác', { restore: ctx })}`;
  return adminLayout(ctx, 'Thùng rác', body);
}
