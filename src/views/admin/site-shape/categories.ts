import type { CategoryRow } from '../../../db/schema.ts';
import type { FieldError } from '../../../errors.ts';
import { paths } from '../../../paths.ts';
import { CATEGORY_KINDS, categoryKindName } from '../../../services/category-service.ts';
import { formatNumber } from '../../../text/format.ts';
import { html } from '../../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, textField } from '../layout.ts';
import { checkboxField, moveButtons, selectField, settingsTabs } from './common.ts';

/** A category as the newsroom lists it. */
export interface CategoryItem {
  id: number;
  name: string;
  slug: string;
  kindName: string;
  hidden: boolean;
  articles: string;
  publicUrl: string;
}

/** A category and its article count as a row of the list. */
export function presentCategoryItem({ category: c, articles }: { category: CategoryRow; articles: number }): CategoryItem {
  return {
    id: c.id,
    name: c.name,
    slug: c.slug,
    kindName: categoryKindName(c.kind),
    hidden: c.hidden === 1,
    articles: formatNumber(articles),
    publicUrl: paths.category(c.slug),
  };
}

/** What the category form shows: what was saved, or what was just typed when it failed. */
export interface CategoryFormValues {
  name: string;
  slug: string;
  kind: string;
  hidden: boolean;
  in_menu: boolean;
}

const LABELS = { name: 'Tên chuyên mục', slug: 'Đường dẫn', kind: 'Loại' };
const KIND_OPTIONS = CATEGORY_KINDS.map((k) => ({ value: k.kind, label: k.name }));
const SLUG_HINT = 'Chữ thường không dấu, số và dấu gạch ngang. Để trống để tạo từ tên.';

/** /quan-tri/cai-dat/chuyen-muc: the site's categories in order, and the form to add one. */
export function categoriesPage(ctx: AdminContext, view: { items: CategoryItem[]; values: CategoryFormValues; errors: FieldError[] }): string {
  const e = view.errors;
  const body = html`<h1>Chuyên mục</h1>
${settingsTabs(ctx)}
<p>Thứ tự dưới đây là thứ tự chuyên mục trong sơ đồ cổng, ô lọc tìm kiếm và danh sách chọn khi viết bài. Thứ tự trên danh mục chính sửa ở mục <a href="/quan-tri/cai-dat/danh-muc">Danh mục chính</a>.</p>
<ol class="shape-list">
  ${view.items.map(
    (item, i) => html`<li class="shape-item">
    <div class="shape-item-text">
      <p class="shape-item-name"><a href="${item.publicUrl}">${item.name}</a>${item.hidden ? html` <span class="status status-archived">Đang ẩn</span>` : ''}</p>
      <p class="hint">${item.kindName} · /chuyen-muc/${item.slug} · ${item.articles} bài</p>
    </div>
    <div class="shape-item-actions">
      <a class="button secondary small" href="/quan-tri/cai-dat/chuyen-muc/${item.id}">Sửa<span class="visually-hidden"> “${item.name}”</span></a>
      ${moveButtons(ctx, `/quan-tri/cai-dat/chuyen-muc/${item.id}`, item.name, { first: i === 0, last: i === view.items.length - 1 })}
    </div>
  </li>`,
  )}
</ol>
<section aria-labelledby="them-chuyen-muc" class="panel narrow"><h2 id="them-chuyen-muc">Thêm chuyên mục</h2>
${errorSummary(e, LABELS)}
<form method="post" action="/quan-tri/cai-dat/chuyen-muc" class="stack">${csrfField(ctx)}
  ${textField('name', LABELS.name, view.values.name, e, { required: true })}
  ${textField('slug', LABELS.slug, view.values.slug, e, { hint: SLUG_HINT })}
  ${selectField('kind', LABELS.kind, view.values.kind, KIND_OPTIONS, e, { hint: 'Trang chủ lấy tin theo loại: Tin tức, Thông báo, Tài liệu, Công khai.' })}
  ${checkboxField('in_menu', 'Thêm vào danh mục chính', view.values.in_menu)}
  <button type="submit" class="primary">Thêm chuyên mục</button>
</form></section>`;
  return adminLayout(ctx, 'Chuyên mục', body);
}

/** /quan-tri/cai-dat/chuyen-muc/:id: rename, change the slug, the kind, hide. */
export function categoryEditPage(
  ctx: AdminContext,
  view: { id: number; name: string; values: CategoryFormValues; errors: FieldError[]; oldSlugs: string[]; articles: string },
): string {
  const e = view.errors;
  const body = html`<h1>Sửa chuyên mục “${view.name}”</h1>
${settingsTabs(ctx)}
<p><a href="/quan-tri/cai-dat/chuyen-muc">← Danh sách chuyên mục</a> · ${view.articles} bài trong chuyên mục</p>
${errorSummary(e, LABELS)}
<form method="post" action="/quan-tri/cai-dat/chuyen-muc/${view.id}" class="stack narrow">${csrfField(ctx)}
  ${textField('name', LABELS.name, view.values.name, e, { required: true })}
  ${textField('slug', LABELS.slug, view.values.slug, e, { hint: `${SLUG_HINT} Khi đổi, địa chỉ cũ và kênh RSS cũ vẫn tự chuyển tới địa chỉ mới.` })}
  ${selectField('kind', LABELS.kind, view.values.kind, KIND_OPTIONS, e)}
  ${checkboxField('hidden', 'Ẩn chuyên mục', view.values.hidden, 'Chuyên mục ẩn không hiện trên danh mục chính, sơ đồ cổng và ô lọc tìm kiếm; bài viết và địa chỉ của chuyên mục vẫn mở được.')}
  <button type="submit" class="primary">Lưu chuyên mục</button>
</form>
${
  view.oldSlugs.length
    ? html`<section aria-labelledby="dia-chi-cu"><h2 id="dia-chi-cu">Địa chỉ cũ đang chuyển hướng về đây</h2>
<ul>${view.oldSlugs.map((slug) => html`<li><code>/chuyen-muc/${slug}</code></li>`)}</ul></section>`
    : ''
}`;
  return adminLayout(ctx, 'Sửa chuyên mục', body);
}
