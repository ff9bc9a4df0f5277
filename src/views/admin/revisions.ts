import type { FieldDiff } from '../../services/review/diff.ts';
import { html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, tableRegion } from './layout.ts';

export interface RevisionItem {
  number: number;
  author: string;
  when: string;
  note: string;
  autosave: boolean;
}

export interface RevisionsView {
  articleId: number;
  title: string;
  revisions: RevisionItem[];
  older: number | null;
  newer: number | null;
  diff: FieldDiff[] | null;
  canRestore: boolean;
  /** For items other than articles (documents, calendars): where this page and the item live. Articles by default. */
  paths?: { base: string; back: string; backLabel: string };
}

/** Every revision of an article, a readable diff of any two, and restore buttons. */
export function revisionsPage(ctx: AdminContext, view: RevisionsView): string {
  const base = view.paths?.base ?? `/quan-tri/bai-viet/${view.articleId}/phien-ban`;
  const body = html`<p><a href="${view.paths?.back ?? `/quan-tri/bai-viet/${view.articleId}`}">‹ ${view.paths?.backLabel ?? 'Quay lại bài viết'}</a></p>
<h1>Lịch sử phiên bản: ${view.title}</h1>
<form method="get" action="${base}" class="compare-form">
${tableRegion(
  'Các phiên bản',
  html`<table class="data-table">
  <caption>Các phiên bản, mới nhất trước. Chọn hai phiên bản để so sánh.</caption>
  <thead><tr><th scope="col">Phiên bản</th><th scope="col">Người lưu</th><th scope="col">Thời gian</th><th scope="col">Ghi chú</th><th scope="col">Cũ hơn</th><th scope="col">Mới hơn</th>${view.canRestore ? html`<th scope="col">Khôi phục</th>` : ''}</tr></thead>
  <tbody>
  ${view.revisions.map(
    (r) => html`<tr>
    <td>${r.number}</td><td>${r.author}</td><td>${r.when}</td><td>${r.note}${r.autosave ? ' (tự động lưu)' : ''}</td>
    <td><input type="radio" name="a" value="${r.number}" aria-label="So sánh từ phiên bản ${r.number}"${r.number === view.older ? html` checked` : ''}></td>
    <td><input type="radio" name="b" value="${r.number}" aria-label="So sánh đến phiên bản ${r.number}"${r.number === view.newer ? html` checked` : ''}></td>
    ${view.canRestore ? html`<td><button type="submit" form="khoi-phuc-${r.number}" class="secondary">Khôi phục bản ${r.number}</button></td>` : ''}
  </tr>`,
  )}
  </tbody>
</table>`,
)}
<button type="submit">So sánh</button>
</form>
${view.canRestore ? view.revisions.map((r) => html`<form id="khoi-phuc-${r.number}" method="post" action="${base}/${r.number}/khoi-phuc" hidden>${csrfField(ctx)}</form>`) : ''}
${
  view.diff
    ? html`<section aria-labelledby="khac-biet" class="diff"><h2 id="khac-biet">Khác biệt giữa phiên bản ${view.older} và ${view.newer}</h2>
  <p class="hint"><ins>Chữ thêm vào</ins> · <del>chữ bị xóa</del></p>
  ${view.diff.filter((d) => d.changed).length === 0 ? html`<p>Hai phiên bản giống nhau.</p>` : ''}
  ${view.diff
    .filter((d) => d.changed)
    .map(
      (d) =>
        html`<h3>${d.label}</h3><div class="diff-text">${d.parts.map((p) => (p.kind === 'added' ? html`<ins>${p.text}</ins>` : p.kind === 'removed' ? html`<del>${p.text}</del>` : p.text))}</div>`,
    )}
</section>`
    : ''
}`;
  return adminLayout(ctx, 'Lịch sử phiên bản', body);
}
