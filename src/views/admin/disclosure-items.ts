import type { DisclosureItemRow } from '../../db/schema/disclosure.ts';
import type { FieldError } from '../../errors.ts';
import { disclosurePaths } from '../../services/disclosure/disclosure-paths.ts';
import { html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, tableRegion, textField } from './layout.ts';

/** The site admin's list of items: add, rename, move, hide or show, each a small form that works without JavaScript. */
export function disclosureItemsPage(ctx: AdminContext, view: { items: DisclosureItemRow[]; errors: FieldError[]; name: string }): string {
  const base = disclosurePaths.adminItems();
  const rows = view.items.map(
    (item, index) => html`<tr>
    <td><form method="post" action="${base}/${item.id}/ten" class="inline-form">${csrfField(ctx)}<label class="visually-hidden" for="ten-${item.id}">Tên mục ${index + 1}</label><input id="ten-${item.id}" name="name" value="${item.name}" maxlength="160"> <button type="submit">Đổi tên</button></form></td>
    <td>${item.builtin_key ? 'Theo luật' : 'Của cổng'}</td>
    <td>${item.hidden ? 'Đang ẩn' : 'Đang hiện'}</td>
    <td class="actions">
      <form method="post" action="${base}/${item.id}/len" class="inline-form">${csrfField(ctx)}<button type="submit"${index === 0 ? html` disabled` : ''} aria-label="Chuyển mục ${item.name} lên">Lên</button></form>
      <form method="post" action="${base}/${item.id}/xuong" class="inline-form">${csrfField(ctx)}<button type="submit"${index === view.items.length - 1 ? html` disabled` : ''} aria-label="Chuyển mục ${item.name} xuống">Xuống</button></form>
      <form method="post" action="${base}/${item.id}/${item.hidden ? 'hien' : 'an'}" class="inline-form">${csrfField(ctx)}<button type="submit" aria-label="${item.hidden ? 'Hiện' : 'Ẩn'} mục ${item.name}">${item.hidden ? 'Hiện' : 'Ẩn'}</button></form>
    </td>
  </tr>`,
  );
  const body = html`<h1>Danh mục công khai</h1>
<p><a href="${disclosurePaths.admin()}">← Danh sách công khai</a></p>
<p class="hint">Các mục theo Luật Thực hiện dân chủ ở cơ sở năm 2022 có sẵn cho mọi cổng; có thể đổi tên, sắp xếp hoặc ẩn, và thêm mục riêng. Địa chỉ trang của mục không đổi khi đổi tên.</p>
${errorSummary(view.errors, { name: 'Tên mục' })}
${tableRegion('Danh mục công khai', html`<table class="data-table"><thead><tr><th scope="col">Tên mục</th><th scope="col">Nguồn</th><th scope="col">Hiển thị</th><th scope="col">Thao tác</th></tr></thead><tbody>${rows}</tbody></table>`)}
<form method="post" action="${base}" class="stack">
  ${csrfField(ctx)}
  <h2>Thêm mục</h2>
  ${textField('name', 'Tên mục mới', view.name, view.errors, { required: true })}
  <p class="form-actions"><button type="submit">Thêm mục</button></p>
</form>`;
  return adminLayout(ctx, 'Danh mục công khai', body);
}
