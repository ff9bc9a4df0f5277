import type { FieldError } from '../../errors.ts';
import type { MergeSummary, MergeableSite } from '../../services/merge/merge-choices.ts';
import type { MergeReport } from '../../services/merge/merge-sites.ts';
import { formatDateTime, formatNumber } from '../../text/format.ts';
import { html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, tableRegion } from './layout.ts';

export interface MergesView {
  sites: MergeableSite[];
  merges: MergeSummary[];
  errors: FieldError[];
  values: { into: number | null; from: number[] };
}

const STATUS: Record<MergeSummary['status'], string> = {
  pending: 'Chờ xác nhận (có thể hoàn tác)',
  confirmed: 'Đã xác nhận',
  undone: 'Đã hoàn tác',
};

const LABELS = { into: 'Cổng của đơn vị mới', from: 'Cổng của các đơn vị cũ' };

const siteLabel = (s: MergeableSite) => `${s.name} – ${s.hosts[0] ?? 'chưa có tên miền'}${s.province ? ` (${s.province})` : ''}`;

/** The platform admin's list of merges and the form that merges former communes' sites into a ward's. */
export function mergesPage(ctx: AdminContext, view: MergesView): string {
  const body = html`<h1>Gộp cổng của đơn vị cũ</h1>
<p><a href="/quan-tri/he-thong">← Quản trị hệ thống</a></p>
<section aria-labelledby="gop-moi" class="panel narrow"><h2 id="gop-moi">Gộp cổng</h2>
<p class="hint">Bài viết, văn bản, câu hỏi, tệp và người dùng của các đơn vị cũ được chuyển sang cổng của đơn vị mới, mỗi mục ghi đơn vị cũ (ví dụ "Phường 1 (cũ)"); tên miền cũ chuyển tiếp (301) tới địa chỉ mới. Có thể hoàn tác cho đến khi xác nhận.</p>
${errorSummary(view.errors, LABELS)}
<form method="post" action="/quan-tri/he-thong/gop-cong" class="stack">${csrfField(ctx)}
  <div class="field"><label for="into">${LABELS.into} <span class="required">(bắt buộc)</span></label>${fieldError(view.errors, 'into')}
  <select id="into" name="into" required${invalidAttrs(view.errors, 'into')}><option value="">– Chọn cổng –</option>
    ${view.sites.map((s) => html`<option value="${s.id}"${s.id === view.values.into ? html` selected` : ''}>${siteLabel(s)}</option>`)}
  </select></div>
  <fieldset${invalidAttrs(view.errors, 'from')}><legend id="from">${LABELS.from}</legend>${fieldError(view.errors, 'from')}
  <ul class="checkbox-list">
    ${view.sites.map(
      (s) =>
        html`<li><input type="checkbox" id="tu-${s.id}" name="from" value="${s.id}"${view.values.from.includes(s.id) ? html` checked` : ''}> <label for="tu-${s.id}">${siteLabel(s)}</label></li>`,
    )}
  </ul></fieldset>
  <button type="submit" class="primary">Gộp (chưa xác nhận)</button>
</form></section>
${
  view.merges.length === 0
    ? html`<p>Chưa có lần gộp nào.</p>`
    : tableRegion(
        'Các lần gộp',
        html`<table class="data-table"><caption>Các lần gộp</caption>
<thead><tr><th scope="col">Số</th><th scope="col">Lúc</th><th scope="col">Vào cổng</th><th scope="col">Từ các cổng</th><th scope="col">Trạng thái</th></tr></thead>
<tbody>${view.merges.map(
          (m) =>
            html`<tr><td><a href="/quan-tri/he-thong/gop-cong/${m.id}">#${m.id}</a></td><td>${formatDateTime(m.createdAt)}</td><td>${m.into}</td><td>${m.from.join(', ')}</td><td>${STATUS[m.status]}</td></tr>`,
        )}</tbody></table>`,
      )
}`;
  return adminLayout(ctx, 'Gộp cổng', body);
}

function reportTable(report: MergeReport) {
  return tableRegion(
    'Những gì đã chuyển',
    html`<table class="data-table"><caption>Những gì đã chuyển, theo đơn vị cũ</caption>
<thead><tr><th scope="col">Đơn vị cũ</th><th scope="col">Bài viết</th><th scope="col">Mục trùng gộp làm một</th><th scope="col">Văn bản</th><th scope="col">Câu hỏi</th><th scope="col">Thông báo của tỉnh</th><th scope="col">Tệp</th><th scope="col">Người dùng</th><th scope="col">Đường dẫn cũ (301)</th><th scope="col">Chuyên mục</th></tr></thead>
<tbody>${report.units.map(
      (u) =>
        html`<tr><th scope="row">${u.name}<br><span class="hint">${u.hosts.join(', ')}</span></th><td>${formatNumber(u.articles)}</td><td>${formatNumber(u.duplicates)}</td><td>${formatNumber(u.documents)}</td><td>${formatNumber(u.questions)}</td><td>${formatNumber(u.provinceNotices ?? 0)}</td><td>${formatNumber(u.media)}</td><td>${formatNumber(u.users)}</td><td>${formatNumber(u.redirects)}</td><td>${Object.entries(
          u.categories,
        )
          .map(([a, b]) => (a === b ? a : `${a} → ${b}`))
          .join(', ')}</td></tr>`,
    )}</tbody></table>`,
  );
}

/** One merge: its report and, while pending, the buttons that confirm or undo it. */
export function mergePage(ctx: AdminContext, merge: MergeSummary): string {
  const body = html`<h1>Lần gộp số ${merge.id}</h1>
<p><a href="/quan-tri/he-thong/gop-cong">← Các lần gộp</a></p>
<dl class="facts"><dt>Vào cổng</dt><dd>${merge.into}</dd><dt>Từ các cổng</dt><dd>${merge.from.join(', ')}</dd>
<dt>Lúc</dt><dd>${formatDateTime(merge.createdAt)}</dd><dt>Trạng thái</dt><dd>${STATUS[merge.status]}${merge.finishedAt ? html` (${formatDateTime(merge.finishedAt)})` : ''}</dd></dl>
${merge.report ? reportTable(merge.report) : ''}
${merge.report?.notMoved.length ? html`<p class="hint">Không chuyển: ${merge.report.notMoved.join('; ')}.</p>` : ''}
${
  merge.status === 'pending'
    ? html`<section aria-labelledby="xac-nhan" class="panel narrow"><h2 id="xac-nhan">Xác nhận hoặc hoàn tác</h2>
<p>Kiểm tra cổng mới trước. Xác nhận sẽ xóa hẳn các cổng cũ (tên miền cũ vẫn chuyển tiếp); sau đó không hoàn tác được nữa.</p>
<form method="post" action="/quan-tri/he-thong/gop-cong/${merge.id}/xac-nhan" class="inline-form">${csrfField(ctx)}<button type="submit" class="primary">Xác nhận gộp</button></form>
<form method="post" action="/quan-tri/he-thong/gop-cong/${merge.id}/hoan-tac" class="inline-form">${csrfField(ctx)}<button type="submit" class="danger">Hoàn tác</button></form>
</section>`
    : ''
}`;
  return adminLayout(ctx, `Lần gộp số ${merge.id}`, body);
}
