import type { FieldError } from '../../errors.ts';
import type { ProvinceAbbreviation } from '../../services/search/abbreviation-service.ts';
import { html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, tableRegion, textField } from './layout.ts';

export interface AbbreviationsView {
  provinces: string[];
  province: string;
  entries: ProvinceAbbreviation[];
  values: { short_form: string; long_form: string };
  errors: FieldError[];
}

const LABELS = { province: 'Tỉnh', short_form: 'Từ viết tắt', long_form: 'Viết đầy đủ' };
const target = (province: string) => `/quan-tri/he-thong/viet-tat?tinh=${encodeURIComponent(province)}`;

/** /quan-tri/he-thong/viet-tat: the abbreviations search reads for a province's sites, and a form to add one. */
export function abbreviationsPage(ctx: AdminContext, view: AbbreviationsView): string {
  const e = view.errors;
  const row = (entry: ProvinceAbbreviation) => html`<tr${entry.enabled ? '' : html` class="muted"`}><td>${entry.short}</td><td>${entry.long}</td>
<td>${entry.builtIn ? 'Có sẵn' : 'Tỉnh thêm'}${entry.enabled ? '' : ' (đã tắt)'}</td>
<td>${
    entry.enabled
      ? html`<form method="post" action="/quan-tri/he-thong/viet-tat/bo" class="inline-form">${csrfField(ctx)}<input type="hidden" name="province" value="${view.province}"><input type="hidden" name="key" value="${entry.key}"><button type="submit" class="secondary">${entry.builtIn ? 'Tắt' : 'Xóa'}<span class="visually-hidden"> ${entry.short}</span></button></form>`
      : html`<form method="post" action="/quan-tri/he-thong/viet-tat" class="inline-form">${csrfField(ctx)}<input type="hidden" name="province" value="${view.province}"><input type="hidden" name="short_form" value="${entry.short}"><input type="hidden" name="long_form" value="${entry.long}"><button type="submit" class="secondary">Bật lại<span class="visually-hidden"> ${entry.short}</span></button></form>`
  }</td></tr>`;
  const body = html`<h1>Từ viết tắt khi tìm kiếm</h1>
<p>Người dân gõ “UBND” hay “Ủy ban nhân dân” đều tìm được bài viết theo cách viết còn lại. Danh sách áp dụng ngay cho mọi cổng của tỉnh, không cần lập lại chỉ mục.</p>
${
  view.provinces.length > 1
    ? html`<nav aria-label="Chọn tỉnh"><ul class="inline-list">${view.provinces.map((p) => html`<li><a href="${target(p)}"${p === view.province ? html` aria-current="page"` : ''}>${p}</a></li>`)}</ul></nav>`
    : ''
}
<section aria-labelledby="them" class="panel narrow"><h2 id="them">Thêm từ viết tắt cho tỉnh ${view.province}</h2>
${errorSummary(e, LABELS)}
<form method="post" action="/quan-tri/he-thong/viet-tat" class="stack">${csrfField(ctx)}<input type="hidden" name="province" value="${view.province}">
  ${textField('short_form', 'Từ viết tắt (ví dụ: HTX)', view.values.short_form, e, { required: true })}
  ${textField('long_form', 'Viết đầy đủ (ví dụ: hợp tác xã)', view.values.long_form, e, { required: true })}
  <button type="submit" class="primary">Thêm</button>
</form></section>
${tableRegion(
  `Từ viết tắt của tỉnh ${view.province}`,
  html`<table class="data-table"><caption>Từ viết tắt của tỉnh ${view.province} (${view.entries.filter((x) => x.enabled).length} đang dùng)</caption>
<thead><tr><th scope="col">Viết tắt</th><th scope="col">Viết đầy đủ</th><th scope="col">Nguồn</th><th scope="col">Thao tác</th></tr></thead>
<tbody>${view.entries.map(row)}</tbody></table>`,
)}`;
  return adminLayout(ctx, 'Từ viết tắt khi tìm kiếm', body);
}
