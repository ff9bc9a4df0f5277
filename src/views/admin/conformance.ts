import type { CheckStatus } from '../../services/conformance/check.ts';
import { STATUS_LABELS } from '../../services/conformance/check.ts';
import type { ChecklistRow, ProvinceChecklist } from '../../services/conformance/checklist.ts';
import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, adminLayout, tableRegion } from './layout.ts';

const STATUS_CLASSES: Record<CheckStatus, string> = { ok: 'status-published', missing: 'status-returned', late: 'status-submitted' };

const badge = (status: CheckStatus) => html`<span class="status ${STATUS_CLASSES[status]}">${STATUS_LABELS[status]}</span>`;

const summary = (row: ChecklistRow) =>
  html`${row.counts.ok}/${row.items.length} yêu cầu đạt${row.counts.missing ? html`, ${row.counts.missing} thiếu` : ''}${row.counts.late ? html`, ${row.counts.late} quá hạn` : ''}`;

/** The site admin's checklist on the dashboard: each requirement with its status, why, and a link to the screen that fixes it. */
export function conformanceSection(row: ChecklistRow | null | undefined): SafeHtml | '' {
  if (!row) return '';
  return html`<section aria-labelledby="tuan-thu" class="panel"><h2 id="tuan-thu">Tuân thủ quy định về cổng thông tin</h2>
<p>${summary(row)}. Các yêu cầu của các nghị định về cổng thông tin điện tử và các luật liên quan, tính đến hôm nay.</p>
<ul class="checklist">${row.items.map(
    (item) => html`<li class="checklist-item">${badge(item.status)} <strong>${item.label}</strong> <span class="hint">(${item.basis})</span>
<p>${item.detail} <a href="${item.fixUrl}">${item.status === 'ok' ? 'Xem' : 'Bổ sung'}<span class="visually-hidden">: ${item.label}</span></a></p></li>`,
  )}</ul></section>`;
}

/** /quan-tri/he-thong/tuan-thu: every site of a province, a requirement a column, with the counts and the CSV. */
export function provinceChecklistPage(ctx: AdminContext, table: ProvinceChecklist): string {
  const csvUrl = `/quan-tri/he-thong/tuan-thu.csv?tinh=${encodeURIComponent(table.province)}`;
  const body = html`<p><a href="/quan-tri/he-thong">← Quản trị hệ thống</a></p>
<h1>Tuân thủ quy định: ${table.province}</h1>
<form method="get" action="/quan-tri/he-thong/tuan-thu" class="inline-form">
  <label for="tinh">Tỉnh</label>
  <select id="tinh" name="tinh">${table.provinces.map((p) => html`<option value="${p}"${p === table.province ? html` selected` : ''}>${p}</option>`)}</select>
  <button type="submit" class="secondary">Xem</button>
</form>
<p>${table.rows.length} cổng; ${table.rows.filter((r) => r.counts.missing + r.counts.late === 0).length} cổng đạt đủ mọi yêu cầu. <a class="button secondary" href="${csvUrl}" download>Tải bảng CSV</a></p>
${tableRegion(
  'Bảng tuân thủ của các cổng',
  html`<table class="data-table checklist-table"><caption>Tình trạng từng yêu cầu của các cổng tỉnh ${table.province}</caption>
<thead><tr><th scope="col">Cổng</th>${table.checks.map((c) => html`<th scope="col">${c.label}</th>`)}<th scope="col">Thiếu</th><th scope="col">Quá hạn</th></tr></thead>
<tbody>${table.rows.map(
    (row) =>
      html`<tr><th scope="row">${row.site.name}</th>${row.items.map((i) => html`<td>${badge(i.status)}</td>`)}<td>${row.counts.missing}</td><td>${row.counts.late}</td></tr>`,
  )}</tbody></table>`,
)}
${table.rows.length === 0 ? html`<p>Tỉnh này chưa có cổng nào.</p>` : ''}`;
  return adminLayout(ctx, 'Tuân thủ quy định', body);
}
