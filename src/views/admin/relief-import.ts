import type { FieldError } from '../../errors.ts';
import { FIELD_NAMES, STATEMENT_FIELDS } from '../../services/relief/bank-columns.ts';
import { reliefAdminPaths } from '../../services/relief/relief-labels.ts';
import type { ImportPreview } from '../../services/relief/statement-import.ts';
import type { ImportRow } from '../../db/schema/relief.ts';
import { formatDateTime, formatMoney, formatNumber } from '../../text/format.ts';
import { formatDay } from '../../services/documents/document-types.ts';
import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, tableRegion } from './layout.ts';
import { campaignTabs } from './relief.ts';

/** An import as the newsroom shows it. */
export interface ImportJobView {
  id: number;
  campaignId: number;
  fileName: string;
  status: string;
  statusName: string;
  rowsRead: number;
  percent: number;
  inserted: number;
  duplicates: number;
  skipped: number;
  confirmed: number;
  error: string;
  errorRow: number | null;
  created: string;
}

/** Upload form and the campaign's earlier imports. */
export function importListPage(
  ctx: AdminContext,
  view: { campaignId: number; title: string; accounts: Array<{ id: number; label: string }>; jobs: ImportJobView[]; errors: FieldError[] },
): string {
  const base = reliefAdminPaths.imports(view.campaignId);
  const table = html`<table class="data-table"><thead><tr><th scope="col">Tệp</th><th scope="col">Lúc</th><th scope="col">Trạng thái</th><th scope="col">Khoản mới</th><th scope="col">Trùng</th></tr></thead><tbody>
  ${view.jobs.length === 0 ? html`<tr><td colspan="5">Chưa nhập sao kê nào.</td></tr>` : ''}
  ${view.jobs.map((j) => html`<tr><td class="free-text"><a href="${reliefAdminPaths.importJob(view.campaignId, j.id)}">${j.fileName}</a></td><td>${j.created}</td><td>${j.statusName}</td><td>${formatNumber(j.inserted)}</td><td>${formatNumber(j.duplicates)}</td></tr>`)}
  </tbody></table>`;
  const body = html`<h1>${view.title}: nhập sao kê ngân hàng</h1>
${campaignTabs(view.campaignId, 'nhap')}
<p>Tải lên tệp sao kê CSV hoặc Excel (XLSX) như ngân hàng cung cấp. Hệ thống tự tìm dòng tiêu đề và các cột (ngày giao dịch, số tiền ghi có, số tham chiếu, nội dung), cho xem trước rồi mới nhập. Giao dịch trùng số tham chiếu không bị nhập hai lần. Các khoản nhập vào chờ xác nhận.</p>
${errorSummary(view.errors, { file: 'Tệp sao kê', account_id: 'Tài khoản' })}
<form method="post" action="${base}?_csrf=${encodeURIComponent(ctx.csrf)}" enctype="multipart/form-data" class="stack">
  <div class="field"><label for="account_id">Tài khoản của sao kê</label><select id="account_id" name="account_id">${view.accounts.length > 1 ? html`<option value="">— Chọn —</option>` : ''}${view.accounts.map((a) => html`<option value="${a.id}">${a.label}</option>`)}</select></div>
  <div class="field"><label for="file">Tệp sao kê (CSV hoặc XLSX)</label><input id="file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></div>
  <p class="form-actions"><button type="submit" class="primary">Tải lên và xem trước</button></p>
</form>
<h2>Các lần nhập</h2>
${tableRegion('Các lần nhập sao kê', table)}`;
  return adminLayout(ctx, `${view.title}: nhập sao kê`, body);
}

function mappingForm(ctx: AdminContext, job: ImportJobView, preview: ImportPreview, errors: FieldError[]): SafeHtml {
  const headerRow = preview.mapping?.headerRow ?? 1;
  const headers = preview.head[headerRow - 1]?.cells ?? [];
  const options = (field: string) => {
    const chosen = preview.mapping?.columns[field as keyof typeof preview.mapping.columns];
    return html`<option value="">— Không có —</option>${headers.map((h, i) => html`<option value="${i}"${chosen === i ? html` selected` : ''}>Cột ${i + 1}: ${String(h ?? '').slice(0, 40)}</option>`)}`;
  };
  return html`<h2>Cách đọc các cột</h2>
${errorSummary(errors, { header_row: 'Dòng tiêu đề', col_date: FIELD_NAMES.date })}
<form method="post" action="${reliefAdminPaths.importJob(job.campaignId, job.id)}/cot" class="stack">${csrfField(ctx)}
  <div class="field"><label for="header_row">Dòng tiêu đề của bảng</label><select id="header_row" name="header_row">${preview.head.map(
    (r) =>
      html`<option value="${r.number}"${r.number === headerRow ? html` selected` : ''}>Dòng ${r.number}: ${r.cells
        .map((c) => String(c ?? ''))
        .filter(Boolean)
        .join(' | ')
        .slice(0, 70)}</option>`,
  )}</select></div>
  <div class="three-col">${STATEMENT_FIELDS.map((f) => html`<div class="field"><label for="col_${f}">${FIELD_NAMES[f]}</label><select id="col_${f}" name="col_${f}">${options(f)}</select></div>`)}</div>
  <p class="form-actions"><button type="submit">Đọc lại với các cột này</button></p>
</form>`;
}

function previewTable(preview: ImportPreview): SafeHtml {
  // Three columns, the row's reading in one, so the preview reads on a phone without scrolling sideways.
  const table = html`<table class="data-table"><thead><tr><th scope="col">Dòng</th><th scope="col">Kết quả</th><th scope="col">Sẽ nhập</th></tr></thead><tbody>
  ${preview.rows.map((r) => {
    const o = r.outcome;
    if (o.kind === 'receipt') {
      return html`<tr><td>${r.number}</td><td>Nhập</td><td class="free-text"><strong>${formatMoney(o.amount)}</strong> · ${formatDay(o.day)} ${o.time}<br>${[o.donor, o.note].filter(Boolean).join(' – ')}${o.ref ? html`<br><span class="hint">Mã GD: ${o.ref}</span>` : ''}</td></tr>`;
    }
    if (o.kind === 'skip') return html`<tr><td>${r.number}</td><td>Bỏ qua</td><td>${o.reason}</td></tr>`;
    return html`<tr class="flagged"><td>${r.number}</td><td>Lỗi</td><td>${o.message}</td></tr>`;
  })}
  </tbody></table>`;
  return html`<h2>Xem trước ${preview.rows.length} dòng đầu</h2>${tableRegion('Xem trước sao kê', table)}`;
}

/** One import: preview and columns before it runs, a progress bar while it runs, the outcome after. */
export function importJobPage(ctx: AdminContext, view: { title: string; job: ImportJobView; preview: ImportPreview | null; errors: FieldError[] }): string {
  const j = view.job;
  const base = reliefAdminPaths.importJob(j.campaignId, j.id);
  const running = j.status === 'running' || j.status === 'confirming';
  const progress = html`<div class="relief-progress" data-progress-url="${base}/tien-do.json" data-done-url="${base}">
  <label for="tien-do">${j.status === 'confirming' ? 'Đang xác nhận' : 'Đang đọc tệp'}</label>
  <progress id="tien-do" max="100" value="${j.percent}">${j.percent}%</progress>
  <p role="status" aria-live="polite" data-progress-text>${j.status === 'confirming' ? `Đã xác nhận ${formatNumber(j.confirmed)} khoản` : `Đã đọc ${formatNumber(j.rowsRead)} dòng (${j.percent}%)`}</p>
  <p class="hint">Trang tự cập nhật. Nếu không, <a href="${base}">tải lại trang</a>.</p>
</div>`;
  const outcome = html`<dl class="relief-admin-totals">
  <div><dt>Khoản thu mới (chờ xác nhận)</dt><dd>${formatNumber(j.inserted)}</dd></div>
  <div><dt>Trùng số tham chiếu, không nhập lại</dt><dd>${formatNumber(j.duplicates)}</dd></div>
  <div><dt>Dòng bỏ qua (tiền ra, dòng tổng)</dt><dd>${formatNumber(j.skipped)}</dd></div>
  <div><dt>Đã xác nhận</dt><dd>${formatNumber(j.confirmed)}</dd></div>
</dl>`;
  const body = html`<h1>Nhập sao kê: ${j.fileName}</h1>
${campaignTabs(j.campaignId, 'nhap')}
<p>Trạng thái: <strong>${j.statusName}</strong></p>
${j.error ? html`<div class="error-summary" role="alert"><h2>Chưa nhập được</h2><p>${j.error}</p></div>` : ''}
${running ? progress : ''}
${j.status === 'done' || j.status === 'confirmed' ? outcome : ''}
${
  j.status === 'done' && ctx.can('relief.confirm')
    ? html`<form method="post" action="${base}/xac-nhan">${csrfField(ctx)}<p><button type="submit" class="primary">Xác nhận ${formatNumber(j.inserted)} khoản của lần nhập này</button></p></form>`
    : ''
}
${view.preview ? html`${previewTable(view.preview)}<form method="post" action="${base}/chay">${csrfField(ctx)}<p><button type="submit" class="primary"${view.preview.mapping ? '' : html` disabled`}>Nhập toàn bộ tệp</button></p></form>${mappingForm(ctx, j, view.preview, view.errors)}` : ''}`;
  return adminLayout(ctx, `Nhập sao kê: ${j.fileName}`, body);
}

const IMPORT_STATUS: Record<string, string> = {
  previewed: 'Chờ kiểm tra và nhập',
  running: 'Đang đọc tệp',
  done: 'Đã nhập, chờ xác nhận',
  failed: 'Chưa nhập được',
  confirming: 'Đang xác nhận',
  confirmed: 'Đã xác nhận',
};

/** An import row as the newsroom shows it, with how far it has come. */
export function presentImportJob(job: ImportRow): ImportJobView {
  const percent =
    job.status === 'confirming' || job.status === 'confirmed'
      ? Math.round((job.confirmed / Math.max(job.inserted, 1)) * 100)
      : job.status === 'done'
        ? 100
        : Math.round((job.bytes_read / Math.max(job.byte_size, 1)) * 100);
  return {
    id: job.id,
    campaignId: job.campaign_id,
    fileName: job.file_name,
    status: job.status,
    statusName: IMPORT_STATUS[job.status] ?? job.status,
    rowsRead: job.rows_read,
    percent: Math.min(100, percent),
    inserted: job.inserted,
    duplicates: job.duplicates,
    skipped: job.skipped,
    confirmed: job.confirmed,
    error: job.status === 'failed' ? job.error_message : '',
    errorRow: job.error_row,
    created: formatDateTime(job.created_at),
  };
}
