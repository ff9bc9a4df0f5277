import type { FieldError } from '../../errors.ts';
import { ACTION_NAMES, type ReviewAction, STATUS_NAMES } from '../../services/review/rules.ts';
import type { ReviewState } from '../../services/review/state.ts';
import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, csrfField, fieldError, invalidAttrs } from './layout.ts';

/** What the review panel of a document, a calendar or a Giới thiệu page shows. */
export interface ReviewPanelView extends ReviewState {
  /** The panel's accessible name: "Duyệt văn bản". */
  label: string;
  /** What people call the item: "văn bản", "lịch tuần này". */
  noun: string;
  /** Actions post to `${actionBase}/gui-duyet`, `/tra-lai`, `/cong-bo`, `/go`; the history is `${actionBase}/phien-ban`. */
  actionBase: string;
  publicUrl?: string | null;
  errors: FieldError[];
  /** The id of the item's content form: submitting, approving and returning then save what it holds first, in the same request. */
  formId?: string;
}

export const REVIEW_ACTION_LABELS: Partial<Record<ReviewAction, string>> = ACTION_NAMES;

/** The path of each action under an item's URL, unless a kind names its own: the forms here post to them, the route builder serves them. */
export const ACTION_PATHS: Record<ReviewAction, string> = {
  submit: 'gui-duyet',
  return: 'tra-lai',
  publish: 'cong-bo',
  force_publish: 'xuat-ban-khong-qua-duyet',
  unpublish: 'go',
  archive: 'luu-tru',
  trash: 'thung-rac',
  restore: 'khoi-phuc',
};

/** Status, the return comment, the revision history, and the workflow buttons this person may use. */
export function reviewPanel(ctx: AdminContext, view: ReviewPanelView): SafeHtml {
  if (view.status === null) return html``;
  const has = (a: ReviewAction) => view.actions.includes(a);
  const url = (a: ReviewAction) => `${view.actionBase}/${ACTION_PATHS[a]}`;
  const form = view.formId && view.canEdit ? view.formId : null;
  const simple = (a: ReviewAction, style: string) =>
    form && a !== 'unpublish'
      ? html`<p class="action-form"><button type="submit" form="${form}" formaction="${url(a)}" class="${style}">${REVIEW_ACTION_LABELS[a]}</button></p>`
      : html`<form method="post" action="${url(a)}" class="action-form">${csrfField(ctx)}<button type="submit" class="${style}">${REVIEW_ACTION_LABELS[a]}</button></form>`;
  const comment = html`<div class="field"><label for="comment">Nhận xét khi trả lại <span class="required">(bắt buộc)</span></label>${fieldError(view.errors, 'comment')}<textarea id="comment" name="comment" rows="2"${form ? html` form="${form}"` : ''}${invalidAttrs(view.errors, 'comment')}></textarea></div>`;
  const approving = has('publish') || has('return');
  return html`<aside class="side-panel" aria-label="${view.label}">
  <p><strong>Trạng thái:</strong> <span class="status status-${view.status}">${STATUS_NAMES[view.status]}</span></p>
  ${view.olderVersionLive ? html`<p class="hint">Cổng vẫn hiện bản đã công bố trước đây cho đến khi bản này được duyệt.</p>` : ''}
  ${view.publicUrl ? html`<p><a href="${view.publicUrl}">Xem trên cổng</a></p>` : ''}
  ${view.returnComment && view.status === 'returned' ? html`<div class="callout"><strong>Nhận xét khi trả lại:</strong> ${view.returnComment}</div>` : ''}
  <p><a href="${view.actionBase}/phien-ban">Lịch sử phiên bản</a></p>
  <section class="workflow" aria-label="Quy trình duyệt ${view.noun}"><h2>Quy trình duyệt</h2>
  ${fieldError(view.errors, 'action')}
  ${form && view.actions.some((a) => a !== 'unpublish') ? html`<p class="hint">Các nút dưới đây lưu nội dung đang sửa trước, rồi mới thực hiện.</p>` : ''}
  ${has('submit') ? simple('submit', 'primary') : ''}
  ${
    approving && view.ownWork
      ? html`<p class="hint">Bạn đã tạo hoặc sửa ${view.noun} sau cùng, nên không thể tự duyệt hay trả lại. Hãy nhờ một lãnh đạo khác.</p>`
      : html`${has('publish') ? simple('publish', 'primary') : ''}
  ${
    has('return')
      ? form
        ? html`<div class="action-form stack">${comment}<button type="submit" form="${form}" formaction="${url('return')}" class="secondary">${ACTION_NAMES.return}</button></div>`
        : html`<form method="post" action="${url('return')}" class="action-form stack">${csrfField(ctx)}${comment}<button type="submit" class="secondary">${ACTION_NAMES.return}</button></form>`
      : ''
  }`
  }
  ${has('unpublish') ? simple('unpublish', 'secondary') : ''}
  ${view.status === 'submitted' && !approving ? html`<p class="hint">Đang chờ lãnh đạo duyệt.</p>` : ''}
  ${(view.status === 'draft' || view.status === 'returned') && !has('submit') ? html`<p class="hint">Người có quyền sẽ gửi duyệt và công bố.</p>` : ''}
  </section>
</aside>`;
}
