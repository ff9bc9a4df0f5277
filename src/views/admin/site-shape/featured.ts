import type { FieldError } from '../../../errors.ts';
import { paths } from '../../../paths.ts';
import type { ListedArticle } from '../../../repositories/article-repository.ts';
import type { FeaturableRow, FeaturedRow } from '../../../repositories/featured-repository.ts';
import { FEATURED_SHOWN } from '../../../services/article-reader.ts';
import { STATUS_NAMES } from '../../../services/review/rules.ts';
import { formatDate } from '../../../text/format.ts';
import { html } from '../../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, textField } from '../layout.ts';
import { selectField } from './common.ts';

/** A marked article as the page lists it. */
export interface FeaturedItem {
  id: number;
  title: string;
  url: string | null;
  category: string;
  published: string;
  /** "đến hết ngày 30/09/2026", "đến khi bỏ đánh dấu", or why it does not show. */
  state: string;
  shows: boolean;
}

export interface FeaturedPageView {
  items: FeaturedItem[];
  /** What leads the home page now, and why. */
  leading: { title: string; url: string; reason: string } | null;
  choices: Array<{ value: string; label: string }>;
  values: { article_id: string; until: string };
  shown: number;
  errors: FieldError[];
}

/** The last day a mark lasts, as the list says it. */
function endOf(until: string | null): string {
  // The mark ends at midnight after its last day: the day before, in Vietnam, is the one to name.
  return until ? `đến hết ngày ${formatDate(new Date(Date.parse(until) - 1))}` : 'đến khi bỏ đánh dấu';
}

/** The page's view: each mark and whether it shows (or why not), what leads the home page and why, and the articles to choose from. */
export function presentFeatured(
  data: { marked: FeaturedRow[]; latest: FeaturableRow[]; shownNow: ListedArticle[] },
  values: FeaturedPageView['values'],
  errors: FieldError[],
): FeaturedPageView {
  const lead = data.shownNow[0];
  const shownIds = new Set(data.shownNow.map((a) => a.id));
  const items = data.marked.map((a) => ({
    id: a.id,
    title: a.title,
    url: a.status === 'published' ? paths.article(a.slug) : null,
    category: a.category_name,
    published: a.published_at ? formatDate(a.published_at) : '—',
    shows: shownIds.has(a.id),
    state:
      a.status !== 'published'
        ? `không hiện: bài đang ở trạng thái “${STATUS_NAMES[a.status]}”`
        : shownIds.has(a.id)
          ? endOf(a.featured_until)
          : 'không hiện: đã có đủ tin nổi bật mới hơn',
  }));
  return {
    items,
    leading: lead
      ? {
          title: lead.title,
          url: paths.article(lead.slug),
          reason: lead.is_featured ? 'tin được đánh dấu nổi bật' : 'tin tức mới nhất, vì chưa có tin nào được đánh dấu',
        }
      : null,
    choices: data.latest.map((a) => ({ value: String(a.id), label: `${a.title} (${formatDate(a.published_at!)})${a.is_featured ? ' – đang nổi bật' : ''}` })),
    values,
    shown: FEATURED_SHOWN,
    errors,
  };
}

/** /quan-tri/tin-noi-bat: what is marked "Tin nổi bật", until when, and the form to mark another. */
export function featuredPage(ctx: AdminContext, view: FeaturedPageView): string {
  const e = view.errors;
  const body = html`<h1>Tin nổi bật</h1>
<p>Trang chủ hiện tối đa ${view.shown} tin nổi bật còn hạn, tin đăng mới nhất lớn nhất. Khi không có tin nào được đánh dấu, tin tức mới nhất tự đứng đầu. Hết ngày đã chọn, tin tự thôi nổi bật.</p>
${
  view.leading
    ? html`<p class="callout">Trang chủ đang hiện lớn nhất: <a href="${view.leading.url}">${view.leading.title}</a> (${view.leading.reason}).</p>`
    : html`<p class="callout">Trang chủ chưa có tin nào ở khối Tin nổi bật.</p>`
}
<section aria-labelledby="dang-noi-bat"><h2 id="dang-noi-bat">Đang đánh dấu nổi bật (${view.items.length})</h2>
${
  view.items.length
    ? html`<ol class="shape-list">
  ${view.items.map(
    (item) => html`<li class="shape-item">
    <div class="shape-item-text">
      <p class="shape-item-name">${item.url ? html`<a href="${item.url}">${item.title}</a>` : item.title}</p>
      <p class="hint">${item.category} · đăng ${item.published} · ${item.shows ? html`<strong>${item.state}</strong>` : item.state}</p>
    </div>
    <div class="shape-item-actions">
      <form method="post" action="/quan-tri/tin-noi-bat/${item.id}/bo" class="inline-form">${csrfField(ctx)}<button type="submit" class="secondary small">Bỏ nổi bật<span class="visually-hidden"> “${item.title}”</span></button></form>
    </div>
  </li>`,
  )}
</ol>`
    : html`<p class="empty">Chưa có tin nào được đánh dấu.</p>`
}
</section>
<section aria-labelledby="danh-dau" class="panel narrow"><h2 id="danh-dau">Đánh dấu tin nổi bật</h2>
${errorSummary(e, { article_id: 'Bài viết', until: 'Nổi bật đến hết ngày' })}
<form method="post" action="/quan-tri/tin-noi-bat" class="stack">${csrfField(ctx)}
  ${selectField('article_id', 'Bài viết đã xuất bản', view.values.article_id, [{ value: '', label: '— Chọn bài —' }, ...view.choices], e, { required: true })}
  ${textField('until', 'Nổi bật đến hết ngày', view.values.until, e, { hint: 'Viết dd/mm/yyyy. Để trống: nổi bật đến khi bỏ đánh dấu. Đánh dấu lại một tin đang nổi bật để đổi ngày.' })}
  <button type="submit" class="primary">Đánh dấu nổi bật</button>
</form></section>`;
  return adminLayout(ctx, 'Tin nổi bật', body);
}
