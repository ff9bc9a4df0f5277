import type { Pagination } from '../../services/pagination.ts';
import { AUDIT_ACTIONS } from '../../services/audit-service.ts';
import { pagination } from '../components/pagination.ts';
import { html } from '../html.ts';
import { type AdminContext, adminLayout, tableRegion } from './layout.ts';

export interface AuditItem {
  when: string;
  actor: string;
  action: string;
  actionName: string;
  summary: string;
  flagged: boolean;
  ip: string;
}

export interface AuditView {
  items: AuditItem[];
  filter: { action: string; actor: string; from: string; to: string; flagged: boolean };
  query: string;
  pagination: Pagination;
}

/** The audit log with filters and a CSV export of what the filters select. */
export function auditPage(ctx: AdminContext, view: AuditView): string {
  const f = view.filter;
  const urlFor = (page: number) => `/quan-tri/nhat-ky?${view.query}${view.query ? '&' : ''}trang=${page}`;
  const body = html`<h1>Nhật ký hoạt động</h1>
<form method="get" action="/quan-tri/nhat-ky" class="filters">
  <div class="field"><label for="action">Hành động</label><select id="action" name="action"><option value="">Tất cả</option>${Object.entries(AUDIT_ACTIONS).map(([code, name]) => html`<option value="${code}"${code === f.action ? html` selected` : ''}>${name}</option>`)}</select></div>
  <div class="field"><label for="actor">Người thực hiện (thư điện tử)</label><input id="actor" name="actor" type="text" value="${f.actor}"></div>
  <div class="field"><label for="from">Từ ngày (dd/mm/yyyy)</label><input id="from" name="from" type="text" inputmode="numeric" value="${f.from}" placeholder="01/11/2026"></div>
  <div class="field"><label for="to">Đến ngày (dd/mm/yyyy)</label><input id="to" name="to" type="text" inputmode="numeric" value="${f.to}" placeholder="30/11/2026"></div>
  <div class="field checkbox"><input id="flagged" name="flagged" type="checkbox" value="1"${f.flagged ? html` checked` : ''}><label for="flagged">Chỉ mục cần lưu ý</label></div>
  <button type="submit">Lọc</button>
  <a class="button secondary" href="/quan-tri/nhat-ky.csv?${view.query}">Xuất CSV</a>
</form>
<p class="result-count">${view.pagination.total} mục</p>
${tableRegion(
  'Nhật ký, mới nhất trước',
  html`<table class="data-table">
  <caption>Nhật ký, mới nhất trước</caption>
  <thead><tr><th scope="col">Thời gian</th><th scope="col">Người thực hiện</th><th scope="col">Hành động</th><th scope="col">Nội dung</th><th scope="col">IP</th></tr></thead>
  <tbody>${view.items.map(
    (i) =>
      html`<tr${i.flagged ? html` class="flagged"` : ''}><td>${i.when}</td><td>${i.actor}</td><td>${i.actionName}${i.flagged ? html` <strong class="flag">Cần lưu ý</strong>` : ''}</td><td>${i.summary}</td><td>${i.ip}</td></tr>`,
  )}</tbody>
</table>`,
)}
${pagination(view.pagination, urlFor)}`;
  return adminLayout(ctx, 'Nhật ký', body);
}
