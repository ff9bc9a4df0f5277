import type { FieldError } from '../../errors.ts';
import type { Pagination } from '../../services/pagination.ts';
import type { ReviewState } from '../../services/review/state.ts';
import { pagination } from '../components/pagination.ts';
import { type SafeHtml, html } from '../html.ts';
import { paragraphs } from '../pages/questions.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, tableRegion, textField } from './layout.ts';
import { reviewPanel } from './review-panel.ts';

/** A consultation as the newsroom's list shows it. */
export interface AdminConsultationItem {
  id: number;
  title: string;
  period: string;
  statusName: string;
  phaseName: string;
  comments: string;
}

/** The values the consultation form shows: as saved, or as just posted when it failed. */
export interface ConsultationFormValues {
  title: string;
  body_html: string;
  document_id: string;
  media_id: string;
  opens_on: string;
  closes_on: string;
}

/** A choice of a select: a document or a library file. */
export interface Choice {
  id: string;
  label: string;
}

export const CONSULTATION_LABELS: Record<string, string> = {
  comment: 'Nhận xét khi trả lại',
  title: 'Tên dự thảo',
  body_html: 'Nội dung',
  document_id: 'Văn bản dự thảo',
  media_id: 'Tệp dự thảo',
  opens_on: 'Ngày bắt đầu lấy ý kiến',
  closes_on: 'Ngày kết thúc lấy ý kiến',
  summary_html: 'Báo cáo tổng hợp',
  summary_media_id: 'Tệp báo cáo',
};

const base = (id: number) => `/quan-tri/lay-y-kien/${id}`;

/** Every consultation of the site, newest change first. */
export function consultationAdminListPage(ctx: AdminContext, view: { items: AdminConsultationItem[]; pagination: Pagination }): string {
  const table = html`<table class="data-table">
  <thead><tr><th scope="col">Dự thảo</th><th scope="col">Thời gian lấy ý kiến</th><th scope="col">Trạng thái</th><th scope="col">Góp ý</th></tr></thead>
  <tbody>
    ${view.items.length === 0 ? html`<tr><td colspan="4">Chưa có dự thảo nào.</td></tr>` : ''}
    ${view.items.map(
      (c) =>
        html`<tr><td><a href="${base(c.id)}">${c.title}</a></td><td>${c.period}</td><td>${c.statusName} · ${c.phaseName}</td><td><a href="${base(c.id)}/gop-y">${c.comments}</a></td></tr>`,
    )}
  </tbody>
</table>`;
  const body = html`<div class="page-head"><h1>Lấy ý kiến dự thảo</h1><a class="button" href="/quan-tri/lay-y-kien/moi">Thêm dự thảo</a></div>
${tableRegion('Danh sách dự thảo lấy ý kiến', table)}
${pagination(view.pagination, (page) => `/quan-tri/lay-y-kien?trang=${page}`)}`;
  return adminLayout(ctx, 'Lấy ý kiến dự thảo', body);
}

function select(name: string, label: string, value: string, choices: Choice[], errors: FieldError[], hint: string): SafeHtml {
  return html`<div class="field">
  <label for="${name}">${label}</label>
  <p class="hint">${hint}</p>
  ${fieldError(errors, name)}
  <select id="${name}" name="${name}"${invalidAttrs(errors, name)}>
    <option value="">— Không chọn —</option>
    ${choices.map((c) => html`<option value="${c.id}"${c.id === value ? html` selected` : ''}>${c.label}</option>`)}
  </select>
</div>`;
}

function richText(ctx: AdminContext, name: string, label: string, value: string, errors: FieldError[]): SafeHtml {
  return html`<div class="field">
  <label for="${name}">${label}</label>
  ${fieldError(errors, name)}
  <textarea id="${name}" name="${name}" rows="14" data-rich-editor data-upload-url="/quan-tri/media" data-csrf-token="${ctx.csrf}"${invalidAttrs(errors, name)}>${value}</textarea>
</div>`;
}

/** The consultation form, its review panel, and links to its comments and summary. */
export function consultationFormPage(
  ctx: AdminContext,
  view: {
    id: number | null;
    values: ConsultationFormValues;
    errors: FieldError[];
    documents: Choice[];
    files: Choice[];
    review: ReviewState;
    publicUrl: string | null;
    comments: number;
  },
): string {
  const { values: v, errors: e } = view;
  const title = view.id === null ? 'Thêm dự thảo lấy ý kiến' : view.review.canEdit ? 'Sửa dự thảo lấy ý kiến' : 'Xem dự thảo lấy ý kiến';
  const body = html`<h1>${title}</h1>
${errorSummary(e, CONSULTATION_LABELS)}
${view.id === null ? '' : html`<p><a href="${base(view.id)}/gop-y">Góp ý của người dân (${view.comments})</a> · <a href="${base(view.id)}/bao-cao">Báo cáo tổng hợp, tiếp thu, giải trình</a></p>`}
<div class="editor-grid">
  <form method="post" action="${view.id === null ? '/quan-tri/lay-y-kien' : base(view.id)}" class="document-form">
    ${csrfField(ctx)}
    <fieldset class="stack"${view.review.canEdit ? '' : html` disabled`}>
      <legend class="visually-hidden">Thông tin dự thảo</legend>
      ${textField('title', CONSULTATION_LABELS.title!, v.title, e, { required: true })}
      <div class="two-col">
        ${textField('opens_on', CONSULTATION_LABELS.opens_on!, v.opens_on, e, { required: true, hint: 'dd/mm/yyyy, giờ Việt Nam' })}
        ${textField('closes_on', CONSULTATION_LABELS.closes_on!, v.closes_on, e, { required: true, hint: 'dd/mm/yyyy; người dân góp ý được đến hết ngày này' })}
      </div>
      ${select('document_id', CONSULTATION_LABELS.document_id!, v.document_id, view.documents, e, 'Một văn bản đã công bố trong mục Văn bản.')}
      ${select('media_id', CONSULTATION_LABELS.media_id!, v.media_id, view.files, e, 'Tệp PDF, Word… đã tải lên Thư viện ảnh và tệp (tệp được kiểm tra nội dung khi tải lên). Cần văn bản hoặc tệp dự thảo để công bố.')}
      ${richText(ctx, 'body_html', CONSULTATION_LABELS.body_html!, v.body_html, e)}
    </fieldset>
    ${view.review.canEdit ? html`<p class="form-actions"><button type="submit" class="primary">Lưu</button></p>` : html`<p class="hint">Dự thảo đang chờ duyệt hoặc đã công bố; cần quyền công bố văn bản để sửa.</p>`}
  </form>
  ${
    view.id === null
      ? ''
      : reviewPanel(ctx, { ...view.review, label: 'Duyệt dự thảo', noun: 'dự thảo này', actionBase: base(view.id), publicUrl: view.publicUrl, errors: e })
  }
</div>`;
  return adminLayout(ctx, title, body, { editor: view.review.canEdit });
}

/** A comment as staff see it: with the contact details residents keep private. */
export interface StaffComment {
  id: number;
  name: string;
  contact: string;
  received: string;
  content: string;
  file: { url: string; name: string } | null;
  published: boolean;
  showName: boolean;
}

/** Every comment on a consultation, paged, each with its publish or withdraw button for those who may. */
export function consultationCommentsPage(
  ctx: AdminContext,
  view: { id: number; title: string; comments: StaffComment[]; pagination: Pagination; published: number; canPublish: boolean; publicUrl: string | null },
): string {
  const body = html`<h1>Góp ý: ${view.title}</h1>
<p><a href="${base(view.id)}">Quay lại dự thảo</a>${view.publicUrl ? html` · <a href="${view.publicUrl}">Xem trên cổng</a>` : ''}</p>
<p>${view.pagination.total} góp ý, đã công khai ${view.published}. Họ tên, số điện thoại, thư điện tử và tệp không bao giờ hiện trên cổng; họ tên chỉ hiện khi người góp ý đồng ý.</p>
${view.comments.length === 0 ? html`<p>Chưa có góp ý nào.</p>` : ''}
<ol class="consult-staff-comments">
${view.comments.map(
  (c) => html`<li class="card">
  <p><strong>${c.name}</strong> · ${c.contact} · ${c.received} · ${c.showName ? 'đồng ý hiện tên' : 'không hiện tên'}</p>
  ${paragraphs(c.content)}
  ${c.file ? html`<p>Tệp kèm: <a href="${c.file.url}">${c.file.name}</a></p>` : ''}
  <p><span class="status status-${c.published ? 'published' : 'draft'}">${c.published ? 'Đã công khai' : 'Chưa công khai'}</span></p>
  ${
    view.canPublish
      ? html`<form method="post" action="${base(view.id)}/gop-y/${c.id}/cong-khai">${csrfField(ctx)}<input type="hidden" name="publish" value="${c.published ? '0' : '1'}"><button type="submit">${c.published ? 'Thôi công khai' : 'Công khai góp ý'}</button></form>`
      : ''
  }
</li>`,
)}
</ol>
${pagination(view.pagination, (page) => `${base(view.id)}/gop-y?trang=${page}`)}`;
  return adminLayout(ctx, `Góp ý: ${view.title}`, body);
}

/** The summary form, and its publish or withdraw button; before the closing day it says when it can be written. */
export function consultationSummaryPage(
  ctx: AdminContext,
  view: {
    id: number;
    title: string;
    closed: boolean;
    closesOn: string;
    values: { summary_html: string; summary_media_id: string };
    files: Choice[];
    errors: FieldError[];
    published: boolean;
    canEdit: boolean;
    canPublish: boolean;
  },
): string {
  const e = view.errors;
  const form = html`<form method="post" action="${base(view.id)}/bao-cao" class="document-form">
  ${csrfField(ctx)}
  <fieldset class="stack"${view.canEdit ? '' : html` disabled`}><legend class="visually-hidden">Báo cáo</legend>
  ${richText(ctx, 'summary_html', 'Báo cáo tổng hợp, tiếp thu, giải trình', view.values.summary_html, e)}
  ${select('summary_media_id', CONSULTATION_LABELS.summary_media_id!, view.values.summary_media_id, view.files, e, 'Tùy chọn: bản báo cáo có chữ ký, đã tải lên Thư viện ảnh và tệp.')}
  </fieldset>
  ${view.canEdit ? html`<p class="form-actions"><button type="submit" class="primary">Lưu báo cáo</button></p>` : ''}
</form>
${
  view.canPublish
    ? html`<form method="post" action="${base(view.id)}/bao-cao/cong-bo">${csrfField(ctx)}<input type="hidden" name="publish" value="${view.published ? '0' : '1'}"><button type="submit"${view.published ? '' : html` class="primary"`}>${view.published ? 'Gỡ báo cáo khỏi cổng' : 'Công bố báo cáo'}</button></form>`
    : ''
}`;
  const body = html`<h1>Báo cáo tổng hợp: ${view.title}</h1>
<p><a href="${base(view.id)}">Quay lại dự thảo</a></p>
${errorSummary(e, CONSULTATION_LABELS)}
<p><span class="status status-${view.published ? 'published' : 'draft'}">${view.published ? 'Đã công bố' : 'Chưa công bố'}</span></p>
${view.closed ? form : html`<p class="notice">Báo cáo được viết và công bố sau ngày kết thúc lấy ý kiến (${view.closesOn}).</p>`}`;
  return adminLayout(ctx, `Báo cáo tổng hợp: ${view.title}`, body, { editor: view.closed && view.canEdit });
}
