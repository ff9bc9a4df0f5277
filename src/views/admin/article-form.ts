import type { ArticleStatus } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { ACTION_NAMES, type ReviewAction, type ReviewStatus } from '../../services/review/rules.ts';
import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, adminLayout, conflictNotice, csrfField, dateTimeInput, errorSummary, fieldError, invalidAttrs, textField } from './layout.ts';

/** The values the form shows: what was saved, or what was just submitted when it failed. */
export interface ArticleFormValues {
  title: string;
  slug: string;
  summary: string;
  body_html: string;
  writer: string;
  photographer: string;
  category_id: string;
  featured_media_id: string;
  publish_at: string;
  /** The version the form was opened on, sent back so a save over someone else's is refused. */
  version: string;
}

export interface ArticleFormView {
  id: number | null;
  values: ArticleFormValues;
  errors: FieldError[];
  categories: Array<{ id: number; name: string }>;
  images: Array<{ id: number; alt: string }>;
  status: ArticleStatus | null;
  /** Where the review of the latest content stands: an edit waiting over the live article counts as its own. */
  reviewStatus: ReviewStatus | null;
  statusName: string;
  /** An edit waits for review while the public keeps the approved version. */
  pendingEdit: boolean;
  canEdit: boolean;
  actions: ReviewAction[];
  author: string;
  returnComment: string | null;
  forceReason: string | null;
  /** When a scheduled article goes out, dd/mm/yyyy HH:mm. */
  scheduledAt: string | null;
  publicUrl: string | null;
  previewLink: string | null;
  uploadUrl: string;
}

const LABELS: Record<string, string> = {
  title: 'Tiêu đề',
  slug: 'Đường dẫn',
  summary: 'Tóm tắt',
  body_html: 'Nội dung',
  writer: 'Người viết (Tin)',
  photographer: 'Người chụp ảnh (Ảnh)',
  category_id: 'Chuyên mục',
  featured_media_id: 'Ảnh đại diện',
  publish_at: 'Thời điểm xuất bản',
  comment: 'Nhận xét',
  reason: 'Lý do',
  action: 'Thao tác',
  version: 'Lưu trùng với người khác',
};

/** The id of the content form, which the workflow buttons also submit (save first, then act). */
const FORM_ID = 'noi-dung-bai';

function select(
  name: string,
  label: string,
  value: string,
  options: Array<{ value: string; label: string }>,
  errors: FieldError[],
  required = false,
): SafeHtml {
  return html`<div class="field">
  <label for="${name}">${label}${required ? html` <span class="required">(bắt buộc)</span>` : ''}</label>
  ${fieldError(errors, name)}
  <select id="${name}" name="${name}"${required ? html` required` : ''}${invalidAttrs(errors, name)}>
    ${options.map((o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`)}
  </select>
</div>`;
}

function contentFields(ctx: AdminContext, view: ArticleFormView): SafeHtml {
  const v = view.values;
  const e = view.errors;
  const disabled = !view.canEdit;
  return html`<fieldset class="stack"${disabled ? html` disabled` : ''}>
  <legend class="visually-hidden">Nội dung bài viết</legend>
  ${textField('title', LABELS.title!, v.title, e, { required: true })}
  ${textField('slug', LABELS.slug!, v.slug, e, { hint: 'Để trống để tạo tự động từ tiêu đề (không dấu, đ thành d).' })}
  <div class="field">
    <label for="summary">${LABELS.summary}</label>
    ${fieldError(e, 'summary')}
    <textarea id="summary" name="summary" rows="3"${invalidAttrs(e, 'summary')}>${v.summary}</textarea>
  </div>
  <div class="field">
    <label for="body_html">${LABELS.body_html}</label>
    ${fieldError(e, 'body_html')}
    <textarea id="body_html" name="body_html" rows="18" data-rich-editor data-upload-url="${view.uploadUrl}" data-csrf-token="${ctx.csrf}"${invalidAttrs(e, 'body_html')}>${v.body_html}</textarea>
  </div>
  <div class="two-col">
    ${textField('writer', LABELS.writer!, v.writer, e)}
    ${textField('photographer', LABELS.photographer!, v.photographer, e)}
  </div>
  <div class="two-col">
    ${select('category_id', LABELS.category_id!, v.category_id, [{ value: '', label: '— Chọn chuyên mục —' }, ...view.categories.map((c) => ({ value: String(c.id), label: c.name }))], e, true)}
    ${select('featured_media_id', LABELS.featured_media_id!, v.featured_media_id, [{ value: '', label: '— Không có —' }, ...view.images.map((i) => ({ value: String(i.id), label: i.alt }))], e)}
  </div>
  ${dateTimeInput('publish_at', LABELS.publish_at!, v.publish_at, e, { hint: 'Để trống để xuất bản ngay khi được duyệt; ghi thời điểm sau này để hẹn giờ.' })}
</fieldset>`;
}

const ACTION_LABELS: Record<ReviewAction, string> = ACTION_NAMES;

/** Actions that save what the form holds first, in the same request: they submit the content form to the workflow path. */
const SAVING: ReviewAction[] = ['submit', 'publish', 'return', 'force_publish'];

function actionForms(ctx: AdminContext, view: ArticleFormView): SafeHtml {
  if (view.id === null || view.actions.length === 0) return html``;
  const url = `/quan-tri/bai-viet/${view.id}/thao-tac`;
  const simple = (action: ReviewAction, style = 'secondary') =>
    html`<form method="post" action="${url}" class="action-form">${csrfField(ctx)}<input type="hidden" name="action" value="${action}"><button type="submit" class="${style}"${action === 'trash' || action === 'unpublish' ? html` data-confirm="Bạn chắc chắn muốn ${ACTION_LABELS[action].toLowerCase()}?"` : ''}>${ACTION_LABELS[action]}</button></form>`;
  // Outside the content form in the page, but part of it: what is typed goes with the action.
  const saving = (action: ReviewAction, style: string) =>
    html`<button type="submit" form="${FORM_ID}" formaction="${url}" name="action" value="${action}" class="${style}">${ACTION_LABELS[action]}</button>`;
  const has = (a: ReviewAction) => view.actions.includes(a);
  return html`<section class="workflow" aria-labelledby="quy-trinh"><h2 id="quy-trinh">Quy trình duyệt</h2>
  ${view.canEdit && view.actions.some((a) => SAVING.includes(a)) ? html`<p class="hint">Các nút dưới đây lưu nội dung đang sửa trước, rồi mới thực hiện.</p>` : ''}
  ${has('submit') ? html`<p class="action-form">${saving('submit', 'primary')}</p>` : ''}
  ${has('publish') ? html`<p class="action-form">${saving('publish', 'primary')}</p>` : ''}
  ${
    has('return')
      ? html`<div class="action-form stack">
    <div class="field"><label for="comment">Nhận xét khi trả lại <span class="required">(bắt buộc)</span></label>${fieldError(view.errors, 'comment')}<textarea id="comment" name="comment" form="${FORM_ID}" rows="2"${invalidAttrs(view.errors, 'comment')}></textarea></div>
    ${saving('return', 'secondary')}</div>`
      : ''
  }
  ${
    has('force_publish')
      ? html`<details class="force"${view.errors.some((e) => e.field === 'reason') ? html` open` : ''}><summary>Xuất bản không qua duyệt…</summary>
    <div class="action-form stack">
    <p class="hint">Chỉ dùng khi không thể chờ người duyệt thứ hai. Lý do được ghi vào nhật ký và bài được đánh dấu để lãnh đạo xem lại.</p>
    <div class="field"><label for="reason">Lý do <span class="required">(bắt buộc)</span></label>${fieldError(view.errors, 'reason')}<textarea id="reason" name="reason" form="${FORM_ID}" rows="2"${invalidAttrs(view.errors, 'reason')}></textarea></div>
    ${saving('force_publish', 'danger')}</div></details>`
      : ''
  }
  ${has('unpublish') ? simple('unpublish') : ''}
  ${has('archive') ? simple('archive') : ''}
  ${has('trash') ? simple('trash', 'danger') : ''}
  ${has('restore') ? simple('restore', 'primary') : ''}
</section>`;
}

function sidebar(ctx: AdminContext, view: ArticleFormView): SafeHtml {
  if (view.id === null) return html``;
  return html`<aside class="side-panel" aria-label="Thông tin bài viết">
  <p><strong>Trạng thái:</strong> <span class="status status-${view.status}">${view.statusName}</span></p>
  <p><strong>Người tạo:</strong> ${view.author}</p>
  ${view.scheduledAt ? html`<p><strong>Hẹn giờ xuất bản:</strong> ${view.scheduledAt}</p>` : ''}
  ${view.pendingEdit ? html`<p class="hint">Bản sửa này chờ duyệt; cổng vẫn hiện bản đã được duyệt cho đến khi bản sửa được duyệt.</p>` : ''}
  ${view.returnComment && view.reviewStatus === 'returned' ? html`<div class="callout"><strong>Nhận xét khi trả lại:</strong> ${view.returnComment}</div>` : ''}
  ${view.forceReason ? html`<div class="callout"><strong>Xuất bản không qua duyệt, lý do:</strong> ${view.forceReason}</div>` : ''}
  <ul class="link-list">
    <li><a href="/quan-tri/bai-viet/${view.id}/xem-truoc">Xem trước</a></li>
    <li><a href="/quan-tri/bai-viet/${view.id}/phien-ban">Lịch sử phiên bản</a></li>
    ${view.publicUrl ? html`<li><a href="${view.publicUrl}">Xem trên cổng</a></li>` : ''}
  </ul>
  <form method="post" action="/quan-tri/bai-viet/${view.id}/chia-se-xem-truoc" class="action-form">${csrfField(ctx)}<button type="submit" class="secondary">Tạo liên kết xem trước</button></form>
  ${view.previewLink ? html`<p class="hint">Liên kết xem trước (hết hạn sau 7 ngày):<br><a href="${view.previewLink}">${view.previewLink}</a></p>` : ''}
  ${actionForms(ctx, view)}
</aside>`;
}

/** The article editor: content form, autosave, and the workflow actions this person may take. */
export function articleFormPage(ctx: AdminContext, view: ArticleFormView): string {
  const action = view.id === null ? '/quan-tri/bai-viet' : `/quan-tri/bai-viet/${view.id}`;
  const title = view.id === null ? 'Viết bài mới' : view.canEdit ? 'Sửa bài viết' : 'Xem bài viết';
  const body = html`<h1>${title}</h1>
${errorSummary(view.errors, LABELS)}
<div class="editor-grid">
  <form method="post" action="${action}" id="${FORM_ID}" class="article-form" data-warn-unsaved${view.id !== null && view.canEdit ? html` data-autosave-url="/quan-tri/bai-viet/${view.id}/tu-dong-luu"` : ''}>
    ${csrfField(ctx)}
    <input type="hidden" name="version" value="${view.values.version}">
    ${conflictNotice(view.errors)}
    ${contentFields(ctx, view)}
    ${view.canEdit ? html`<p class="form-actions"><button type="submit" class="primary">Lưu</button> <span class="autosave-status" data-autosave-status aria-live="polite"></span></p>` : html`<p class="hint">Bạn chỉ xem được bài này ở trạng thái hiện tại.</p>`}
  </form>
  ${sidebar(ctx, view)}
</div>`;
  return adminLayout(ctx, title, body, { editor: view.canEdit });
}
