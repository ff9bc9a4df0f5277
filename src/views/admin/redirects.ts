import type { FieldError } from '../../errors.ts';
import type { Pagination } from '../../services/pagination.ts';
import { pagination } from '../components/pagination.ts';
import { html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, tableRegion, textField } from './layout.ts';

/** One old address as the list shows it. */
export interface RedirectItem {
  id: number;
  oldHost: string;
  oldPath: string;
  target: string;
  source: string;
  note: string;
}

export interface RedirectsView {
  items: RedirectItem[];
  missingOnly: boolean;
  missing: number;
  pagination: Pagination;
  values: { old_url: string; target: string; note: string };
  errors: FieldError[];
}

const LABELS = { old_url: 'Đường dẫn cũ', target: 'Đường dẫn mới', note: 'Ghi chú' };

function row(ctx: AdminContext, item: RedirectItem) {
  const old = item.oldHost ? `${item.oldHost}${item.oldPath}` : item.oldPath;
  return html`<tr>
  <td><code>${old}</code></td>
  <td>${item.target ? html`<a href="${item.target}">${item.target}</a>` : html`<strong class="flag">Chưa có đích</strong>`}</td>
  <td>${item.source}${item.note ? html`<br><span class="hint">${item.note}</span>` : ''}</td>
  <td><form method="post" action="/quan-tri/duong-dan-cu/${item.id}/dich" class="inline-form">${csrfField(ctx)}
    <label class="visually-hidden" for="target-${item.id}">Đường dẫn mới cho ${old}</label>
    <input id="target-${item.id}" name="target" value="${item.target}" placeholder="/bai-viet/…">
    <button type="submit" class="secondary">Lưu<span class="visually-hidden"> đích của ${old}</span></button></form>
  <form method="post" action="/quan-tri/duong-dan-cu/${item.id}/xoa" class="inline-form">${csrfField(ctx)}<button type="submit" class="secondary">Xóa<span class="visually-hidden"> ${old}</span></button></form></td>
</tr>`;
}

/** /quan-tri/duong-dan-cu: old addresses that answer 301, those still without a target, and a form to add one. */
export function redirectsPage(ctx: AdminContext, view: RedirectsView): string {
  const base = view.missingOnly ? '/quan-tri/duong-dan-cu?thieu=1&' : '/quan-tri/duong-dan-cu?';
  const body = html`<h1>Đường dẫn cũ</h1>
<p>Mỗi đường dẫn của cổng cũ (WordPress, cổng thông tin trước đây, cổng của đơn vị đã sáp nhập) được chuyển tiếp (301) tới địa chỉ mới, để liên kết và kết quả tìm kiếm cũ vẫn dùng được.</p>
<p class="filters"><a href="/quan-tri/duong-dan-cu"${view.missingOnly ? '' : html` aria-current="page"`}>Tất cả</a>
 · <a href="/quan-tri/duong-dan-cu?thieu=1"${view.missingOnly ? html` aria-current="page"` : ''}>Chưa có đích (${view.missing})</a>
 · <a href="/quan-tri/duong-dan-cu.csv${view.missingOnly ? '?thieu=1' : ''}">Tải báo cáo CSV</a></p>
<section aria-labelledby="them-duong-dan" class="panel narrow"><h2 id="them-duong-dan">Thêm đường dẫn cũ</h2>
${errorSummary(view.errors, LABELS)}
<form method="post" action="/quan-tri/duong-dan-cu" class="stack">${csrfField(ctx)}
  ${textField('old_url', LABELS.old_url, view.values.old_url, view.errors, { required: true, hint: 'Ví dụ: /tin-tuc/hoi-nghi-tong-ket.html hoặc http://cong-cu.gov.vn/?p=123' })}
  ${textField('target', LABELS.target, view.values.target, view.errors, { hint: 'Một đường dẫn của cổng này (/bai-viet/…) hoặc địa chỉ đầy đủ; để trống nếu chưa biết.' })}
  ${textField('note', LABELS.note, view.values.note, view.errors)}
  <button type="submit" class="primary">Lưu đường dẫn</button>
</form></section>
<p class="result-count">${view.pagination.total} đường dẫn</p>
${
  view.items.length
    ? tableRegion(
        'Các đường dẫn cũ',
        html`<table class="data-table"><caption>Các đường dẫn cũ, mới cập nhật trước</caption>
<thead><tr><th scope="col">Đường dẫn cũ</th><th scope="col">Chuyển tới</th><th scope="col">Nguồn</th><th scope="col">Thao tác</th></tr></thead>
<tbody>${view.items.map((item) => row(ctx, item))}</tbody></table>`,
      )
    : html`<p>Chưa có đường dẫn nào.</p>`
}
${pagination(view.pagination, (page) => `${base}trang=${page}`)}`;
  return adminLayout(ctx, 'Đường dẫn cũ', body);
}
