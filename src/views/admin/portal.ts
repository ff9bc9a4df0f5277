import type { FieldError } from '../../errors.ts';
import { html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, dateTimeInput, errorSummary, fieldError, invalidAttrs, tableRegion } from './layout.ts';

/** The downtime notices page: scheduled notices and the form for a new one. */
export interface NoticesView {
  notices: Array<{ id: number; from: string; to: string; message: string; state: string }>;
  values: { starts_at: string; ends_at: string; message: string };
  earliest: string;
  errors: FieldError[];
}

const NOTICE_LABELS = { starts_at: 'Bắt đầu', ends_at: 'Kết thúc', message: 'Nội dung thông báo' };

/** /quan-tri/thong-bao-bao-tri */
export function noticesPage(ctx: AdminContext, view: NoticesView): string {
  const e = view.errors;
  const body = html`<h1>Thông báo tạm dừng hệ thống</h1>
<p>Lịch tạm dừng phải được thông báo trước ít nhất 7 ngày làm việc (không tính thứ Bảy, Chủ nhật). Trong thời gian từ khi đặt lịch đến khi kết thúc, mọi trang của cổng hiện thông báo ở đầu trang.</p>
${
  view.notices.length
    ? tableRegion(
        'Các thông báo đã đặt',
        html`<table class="data-table"><thead><tr><th scope="col">Bắt đầu</th><th scope="col">Kết thúc</th><th scope="col">Nội dung</th><th scope="col">Trạng thái</th><th scope="col">Thao tác</th></tr></thead>
<tbody>${view.notices.map((n) => html`<tr><td>${n.from}</td><td>${n.to}</td><td>${n.message}</td><td>${n.state}</td><td><form method="post" action="/quan-tri/thong-bao-bao-tri/${n.id}/xoa" class="inline-form">${csrfField(ctx)}<button type="submit" class="secondary">Xóa<span class="visually-hidden"> thông báo từ ${n.from}</span></button></form></td></tr>`)}</tbody></table>`,
      )
    : html`<p>Chưa có thông báo nào.</p>`
}
<section aria-labelledby="dat-lich" class="narrow"><h2 id="dat-lich">Đặt lịch tạm dừng</h2>
${errorSummary(e, NOTICE_LABELS)}
<form method="post" action="/quan-tri/thong-bao-bao-tri" class="stack">${csrfField(ctx)}
  ${dateTimeInput('starts_at', 'Bắt đầu', view.values.starts_at, e, { required: true, hint: `Sớm nhất từ ngày ${view.earliest}.` })}
  ${dateTimeInput('ends_at', 'Kết thúc', view.values.ends_at, e, { required: true })}
  <div class="field"><label for="message">Nội dung thông báo <span class="required">(bắt buộc)</span></label>${fieldError(e, 'message')}
  <textarea id="message" name="message" rows="3" maxlength="500" required${invalidAttrs(e, 'message')}>${view.values.message}</textarea></div>
  <button type="submit" class="primary">Đặt lịch</button>
</form></section>`;
  return adminLayout(ctx, 'Thông báo tạm dừng hệ thống', body);
}

/** /quan-tri/lien-ket: the home page's "Liên kết" box, one row per link, blank rows to add. */
export function linksPage(ctx: AdminContext, view: { rows: Array<{ title: string; url: string }>; errors: FieldError[] }): string {
  const e = view.errors;
  const body = html`<h1>Liên kết</h1>
<p>Các liên kết tới cơ quan liên quan hiện trong hộp “Liên kết” ở trang chủ, theo thứ tự dưới đây. Để trống cả hai ô của một dòng để xóa dòng đó. Khi không có liên kết nào, trang chủ hiện Cổng Dịch vụ công quốc gia.</p>
${errorSummary(
  e,
  Object.fromEntries(
    view.rows.flatMap((_, i) => [
      [`links.${i}.title`, `Dòng ${i + 1}, tên`],
      [`links.${i}.url`, `Dòng ${i + 1}, địa chỉ`],
    ]),
  ),
)}
<form method="post" action="/quan-tri/lien-ket" class="stack">${csrfField(ctx)}
${view.rows.map(
  (row, i) => html`<fieldset class="stack link-row"><legend>Liên kết ${i + 1}</legend>
  <div class="field"><label for="links.${i}.title">Tên</label>${fieldError(e, `links.${i}.title`)}<input id="links.${i}.title" name="title_${i}" value="${row.title}"${invalidAttrs(e, `links.${i}.title`)}></div>
  <div class="field"><label for="links.${i}.url">Địa chỉ (http:// hoặc https://)</label>${fieldError(e, `links.${i}.url`)}<input id="links.${i}.url" name="url_${i}" type="url" value="${row.url}"${invalidAttrs(e, `links.${i}.url`)}></div>
</fieldset>`,
)}
  <button type="submit" class="primary">Lưu liên kết</button>
</form>`;
  return adminLayout(ctx, 'Liên kết', body);
}
