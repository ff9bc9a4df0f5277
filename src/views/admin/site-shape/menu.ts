import type { CategoryRow } from '../../../db/schema.ts';
import type { FieldError } from '../../../errors.ts';
import { MODULE_PAGES, modulePageAt } from '../../../services/site-shape/menu-pages.ts';
import type { MenuEntry } from '../../../services/site-shape/menu.ts';
import { menuEntryUrl } from '../../site-shape-presenters.ts';
import { html } from '../../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, textField } from '../layout.ts';
import { moveButtons, selectField, settingsTabs } from './common.ts';

/** A menu item as the editor lists it. */
export interface MenuItemView {
  id: number;
  name: string;
  /** What it points at, in words: "Chuyên mục “Tin tức”", "Trang “Văn bản”", "Liên kết tới …". */
  target: string;
  url: string;
  label: string;
  isLink: boolean;
  hidden: boolean;
}

/** Which add form was sent, and what it held, when it failed. */
export interface MenuFormState {
  kind: 'category' | 'page' | 'link' | null;
  values: Record<string, string>;
  errors: FieldError[];
}

export interface MenuPageView {
  items: MenuItemView[];
  categories: Array<{ value: string; label: string }>;
  pages: Array<{ value: string; label: string }>;
  form: MenuFormState;
  /** The item whose rename failed, with its errors, named `muc-<id>-label` and `muc-<id>-target` after its fields. */
  editing: { id: number; errors: FieldError[]; values: Record<string, string> } | null;
}

/** What an entry points at, in words. */
function describe(entry: MenuEntry): string {
  return entry.kind === 'category'
    ? `Chuyên mục “${entry.category!.name}”`
    : entry.kind === 'page'
      ? `Trang “${modulePageAt(entry.target)?.name ?? entry.target}” (${entry.target})`
      : `Liên kết tới ${entry.target}`;
}

/** The menu page's view: the entries in order, the categories and pages one may add, and the form that failed, if any. */
export function presentMenu(data: { entries: MenuEntry[]; categories: CategoryRow[] }, form: MenuFormState, editing: MenuPageView['editing']): MenuPageView {
  return {
    items: data.entries.map((entry) => ({
      id: entry.id,
      name: entry.name,
      target: describe(entry),
      url: menuEntryUrl(entry),
      label: entry.label,
      isLink: entry.kind === 'link',
      hidden: entry.hidden,
    })),
    categories: data.categories.map((c) => ({ value: String(c.id), label: c.hidden ? `${c.name} (đang ẩn)` : c.name })),
    pages: MODULE_PAGES.map((p) => ({ value: p.path, label: `${p.name} (${p.path})` })),
    form,
    editing,
  };
}

function itemEdit(ctx: AdminContext, item: MenuItemView, editing: MenuPageView['editing']): ReturnType<typeof html> {
  const mine = editing?.id === item.id ? editing : null;
  const e = mine?.errors ?? [];
  const label = mine?.values.label ?? item.label;
  const target = mine?.values.target ?? (item.isLink ? item.url : '');
  const id = (name: string) => `muc-${item.id}-${name}`;
  return html`<details class="shape-edit"${mine ? html` open` : ''}><summary>Đổi tên<span class="visually-hidden"> “${item.name}”</span></summary>
  <form method="post" action="/quan-tri/cai-dat/danh-muc/${item.id}" class="stack">${csrfField(ctx)}
    <div class="field"><label for="${id('label')}">Tên hiện trên danh mục${item.isLink ? '' : ' (để trống: tên riêng của mục)'}</label>${fieldError(e, id('label'))}
    <input id="${id('label')}" name="label" value="${label}" maxlength="60"${invalidAttrs(e, id('label'))}></div>
    ${
      item.isLink
        ? html`<div class="field"><label for="${id('target')}">Địa chỉ</label>${fieldError(e, id('target'))}
    <input id="${id('target')}" name="target" value="${target}"${invalidAttrs(e, id('target'))}></div>`
        : ''
    }
    <button type="submit" class="primary small">Lưu</button>
  </form></details>`;
}

const ADD_LABELS = { category_id: 'Chuyên mục', page: 'Trang', target: 'Địa chỉ', label: 'Tên hiện trên danh mục', kind: 'Loại mục' };

/** /quan-tri/cai-dat/danh-muc: the main menu's items in order, and forms to add a category, a page or a link. */
export function menuPage(ctx: AdminContext, view: MenuPageView): string {
  const f = view.form;
  const errorsOf = (kind: MenuFormState['kind']) => (f.kind === kind ? f.errors : []);
  const valueOf = (kind: MenuFormState['kind'], name: string) => (f.kind === kind ? (f.values[name] ?? '') : '');
  const body = html`<h1>Danh mục chính</h1>
${settingsTabs(ctx)}
<p>Các mục hiện trên thanh danh mục của mọi trang, theo thứ tự dưới đây, sau “Trang chủ”. Trên điện thoại, danh mục thu gọn sau nút “Danh mục”.</p>
${errorSummary(view.editing?.errors ?? [], view.editing ? { [`muc-${view.editing.id}-label`]: 'Tên hiện trên danh mục', [`muc-${view.editing.id}-target`]: 'Địa chỉ' } : {})}
${
  view.items.length
    ? html`<ol class="shape-list">
  ${view.items.map(
    (item, i) => html`<li class="shape-item">
    <div class="shape-item-text">
      <p class="shape-item-name"><a href="${item.url}">${item.name}</a>${item.hidden ? html` <span class="status status-archived">Không hiện: chuyên mục đang ẩn</span>` : ''}</p>
      <p class="hint">${item.target}</p>
      ${itemEdit(ctx, item, view.editing)}
    </div>
    <div class="shape-item-actions">
      ${moveButtons(ctx, `/quan-tri/cai-dat/danh-muc/${item.id}`, item.name, { first: i === 0, last: i === view.items.length - 1 })}
      <form method="post" action="/quan-tri/cai-dat/danh-muc/${item.id}/xoa" class="inline-form">${csrfField(ctx)}<button type="submit" class="danger small" data-confirm="Bỏ “${item.name}” khỏi danh mục chính?">Bỏ<span class="visually-hidden"> “${item.name}” khỏi danh mục</span></button></form>
    </div>
  </li>`,
  )}
</ol>`
    : html`<p class="empty">Danh mục chính đang trống: trang chỉ có “Trang chủ”.</p>`
}
<section aria-labelledby="them-muc" class="panel"><h2 id="them-muc">Thêm vào danh mục</h2>
${errorSummary(f.errors, ADD_LABELS)}
<div class="shape-add">
  <form method="post" action="/quan-tri/cai-dat/danh-muc" class="stack">${csrfField(ctx)}<input type="hidden" name="kind" value="category">
    <h3>Một chuyên mục</h3>
    ${selectField('category_id', 'Chuyên mục', valueOf('category', 'category_id'), [{ value: '', label: '— Chọn chuyên mục —' }, ...view.categories], errorsOf('category'), { required: true })}
    <button type="submit" class="primary">Đưa chuyên mục vào danh mục</button>
  </form>
  <form method="post" action="/quan-tri/cai-dat/danh-muc" class="stack">${csrfField(ctx)}<input type="hidden" name="kind" value="page">
    <h3>Một trang của cổng</h3>
    ${selectField('page', 'Trang', valueOf('page', 'page'), [{ value: '', label: '— Chọn trang —' }, ...view.pages], errorsOf('page'), { required: true })}
    <button type="submit" class="primary">Đưa trang vào danh mục</button>
  </form>
  <form method="post" action="/quan-tri/cai-dat/danh-muc" class="stack">${csrfField(ctx)}<input type="hidden" name="kind" value="link">
    <h3>Một liên kết</h3>
    ${textField('label', 'Tên hiện trên danh mục', valueOf('link', 'label'), errorsOf('link'), { required: true })}
    ${textField('target', 'Địa chỉ', valueOf('link', 'target'), errorsOf('link'), { required: true, hint: 'Đường dẫn trong cổng (ví dụ /van-ban?loai=quyet-dinh) hoặc địa chỉ web bắt đầu bằng https://' })}
    <button type="submit" class="primary">Đưa liên kết vào danh mục</button>
  </form>
</div>
</section>`;
  return adminLayout(ctx, 'Danh mục chính', body);
}
