import type { ArticleStatus } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { ACTION_NAMES, type ReviewAction, type ReviewStatus } from '../../services/review/rules.ts';
import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, textField } from './layout.ts';

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
};

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
  ${textField('publish_at', LABELS.publish_at!, v.publish_at, e, { type: 'datetime-local', hint: 'Giờ Việt Nam. Để trống để xuất bản ngay khi được duyệt; chọn thời điểm sau này để hẹn giờ.' })}
</fieldset>`;
}

const ACTION_LABELS: Record<ReviewAction, string> = ACTION_NAMES;

function actionForms(ctx: AdminContext, view: ArticleFormView): SafeHtml {
  if (view.id === null || view.actions.length === 0) return html``;
  const url = `/quan-tri/bai-viet/${view.id}/thao-tac`;
  const simple = (action: ReviewAction, style = 'secondary') =>
    html`<form method="post" action="${url}" class="action-form">${csrfField(ctx)}<input type="hidden" name="action" value="${action}"><button type="submit" class="${style}"${action === 'trash' || action === 'unpublish' ? html` data-confirm="Bạn chắc chắn muốn ${ACTION_LABELS[action].toLowerCase()}?"` : ''}>${ACTION_LABELS[action]}</button></form>`;
  const has = (a: ReviewAction) => view.actions.includes(a);
  return html`<section class="workflow" aria-labelledby="quy-trinh"><h2 id="quy-trinh">Quy trình duyệt</h2>
  ${has('submit') ? simple('submit', 'primary') : ''}
  ${has('publish') ? simple('publish', 'primary') : ''}
  ${
    has('return')
      ? html`<form method="post" action="${url}" class="action-form stack">${csrfField(ctx)}<input type="hidden" name="action" value="return">
    <div class="field"><label for="comment">Nhận xét khi trả lại <span class="required">(bắt buộc)</span></label>${fieldError(view.errors, 'comment')}<textarea id="comment" name="comment" rows="2"${invalidAttrs(view.errors, 'comment')}></textarea></div>
    <button type="submit" class="secondary">Trả lại</button></form>`
      : ''
  }
  ${
    has('force_publish')
      ? html`<details class="force"${view.errors.some((e) => e.field === 'reason') ? html` open` : ''}><summary>Xuất bản không qua duyệt…</summary>
    <form method="post" action="${url}" class="action-form stack">${csrfField(ctx)}<input type="hidden" name="action" value="force_publish">
    <p class="hint">Chỉ dùng khi không thể chờ người duyệt thứ hai. Lý do được ghi vào nhật ký và bài được đánh dấu để lãnh đạo xem lại.</p>
    <div class="field"><label for="reason">Lý do <span class="required">(bắt buộc)</span></label>${fieldError(view.errors, 'reason')}<textarea id="reason" name="reason" rows="2"${invalidAttrs(view.errors, 'reason')}></textarea></div>
    <button type="submit" class="danger">Xuất bản không qua duyệt</button></form></details>`
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
  <form method="post" action="${action}" class="article-form"${view.id !== null && view.canEdit ? html` data-autosave-url="/quan-tri/bai-viet/${view.id}/tu-dong-luu"` : ''}>
    ${csrfField(ctx)}
    ${contentFields(ctx, view)}
    ${view.canEdit ? html`<p class="form-actions"><button type="submit" class="primary">Lưu</button> <span class="autosave-status" data-autosave-status aria-live="polite"></span></p>` : html`<p class="hint">Bạn chỉ xem được bài này ở trạng thái hiện tại.</p>`}
  </form>
  ${sidebar(ctx, view)}
</div>`;
  return adminLayout(ctx, title, body, { editor: view.canEdit });
}
