import type { MediaRow } from '../../db/schema.ts';
import type { DocumentRow, DocumentStatus } from '../../db/schema/documents.ts';
import type { FieldError } from '../../errors.ts';
import { DOCUMENT_TYPES, documentTypeName, formatDay } from '../../services/documents/document-types.ts';
import { attachmentLabel } from '../../services/media-types.ts';
import type { Pagination } from '../../services/pagination.ts';
import { STATUS_NAMES } from '../../services/review/rules.ts';
import type { ReviewState } from '../../services/review/state.ts';
import { formatDateTime, formatFileSize } from '../../text/format.ts';
import { pagination } from '../components/pagination.ts';
import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, adminLayout, conflictNotice, csrfField, errorSummary, fieldError, invalidAttrs, tableRegion, textField } from './layout.ts';
import { reviewPanel } from './review-panel.ts';

/** The values the document form shows: what was saved, or what was just posted when it failed. */
export interface DocumentFormValues {
  doc_type: string;
  number_symbol: string;
  issuing_body: string;
  signer: string;
  issued_on: string;
  effective_on: string;
  expires_on: string;
  summary: string;
  field: string;
  media_ids: string[];
}

/** A library file the form offers to attach. */
export interface FileChoice {
  id: string;
  name: string;
  meta: string;
}

export interface DocumentFormView {
  id: number | null;
  values: DocumentFormValues;
  errors: FieldError[];
  files: FileChoice[];
  /** Its review as this person sees it: status, actions, whether they may change it. */
  review: ReviewState;
  publicUrl: string | null;
  /** The version the form carries (rules.ts: editConflict). */
  version: string;
}

/** A document as the admin list shows it. */
export interface AdminDocumentItem {
  id: number;
  label: string;
  summary: string;
  issued: string;
  status: DocumentStatus;
  statusName: string;
  updated: string;
}

export const DOCUMENT_LABELS: Record<string, string> = {
  comment: 'Nhận xét khi trả lại',
  version: 'Lưu trùng với người khác',
  doc_type: 'Loại văn bản',
  number_symbol: 'Số, ký hiệu',
  issuing_body: 'Cơ quan ban hành',
  signer: 'Người ký',
  issued_on: 'Ngày ban hành',
  effective_on: 'Ngày có hiệu lực',
  expires_on: 'Ngày hết hiệu lực',
  summary: 'Trích yếu',
  field: 'Lĩnh vực',
  media_ids: 'Tệp đính kèm',
};

/** Empty form values for a new document, issued by the site's authority. */
export function blankDocumentValues(issuingBody: string): DocumentFormValues {
  return {
    doc_type: 'quyet-dinh',
    number_symbol: '',
    issuing_body: issuingBody,
    signer: '',
    issued_on: '',
    effective_on: '',
    expires_on: '',
    summary: '',
    field: '',
    media_ids: [],
  };
}

/** A saved document as the form shows it. */
export function documentFormValues(document: DocumentRow, files: MediaRow[]): DocumentFormValues {
  return {
    doc_type: document.doc_type,
    number_symbol: document.number_symbol,
    issuing_body: document.issuing_body,
    signer: document.signer,
    issued_on: formatDay(document.issued_on),
    effective_on: formatDay(document.effective_on),
    expires_on: document.expires_on ? formatDay(document.expires_on) : '',
    summary: document.summary,
    field: document.field,
    media_ids: files.map((f) => String(f.id)),
  };
}

/** What was posted, as the form shows it again after an error. */
export function documentValuesFromBody(body: Record<string, unknown>): DocumentFormValues {
  const str = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  const ids = body.media_ids;
  return {
    doc_type: str('doc_type'),
    number_symbol: str('number_symbol'),
    issuing_body: str('issuing_body'),
    signer: str('signer'),
    issued_on: str('issued_on'),
    effective_on: str('effective_on'),
    expires_on: str('expires_on'),
    summary: str('summary'),
    field: str('field'),
    media_ids: Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : typeof ids === 'string' ? [ids] : [],
  };
}

/** A library file as a checkbox label shows it. */
export function presentFileChoice(media: MediaRow): FileChoice {
  return { id: String(media.id), name: media.title || media.original_name, meta: `${attachmentLabel(media.mime_type)}, ${formatFileSize(media.byte_size)}` };
}

/** A document row as the admin list shows it. */
export function presentAdminDocument(document: DocumentRow): AdminDocumentItem {
  return {
    id: document.id,
    label: `${documentTypeName(document.doc_type)} ${document.number_symbol}`,
    summary: document.summary,
    issued: formatDay(document.issued_on),
    status: document.status,
    statusName: STATUS_NAMES[document.status],
    updated: formatDateTime(document.updated_at),
  };
}

/** The status tabs of the admin list: all, then the workflow's order. */
export const DOCUMENT_LIST_TABS: Array<DocumentStatus | ''> = ['', 'draft', 'submitted', 'returned', 'published', 'unpublished'];

/** Every document of the site, newest change first, or those of one status (the review queue is "Chờ duyệt"). */
export function documentAdminListPage(
  ctx: AdminContext,
  view: { items: AdminDocumentItem[]; pagination: Pagination; status: DocumentStatus | ''; waiting: number },
): string {
  const table = html`<table class="data-table">
  <thead><tr><th scope="col">Văn bản</th><th scope="col">Trích yếu</th><th scope="col">Ngày ban hành</th><th scope="col">Trạng thái</th><th scope="col">Sửa lần cuối</th></tr></thead>
  <tbody>
    ${view.items.length === 0 ? html`<tr><td colspan="5">Chưa có văn bản nào.</td></tr>` : ''}
    ${view.items.map(
      (item) => html`<tr>
      <td><a href="/quan-tri/van-ban/${item.id}">${item.label}</a></td>
      <td class="document-summary">${item.summary}</td>
      <td>${item.issued}</td>
      <td><span class="status status-${item.status}">${item.statusName}</span></td>
      <td>${item.updated}</td>
    </tr>`,
    )}
  </tbody>
</table>`;
  const query = (page: number) => `/quan-tri/van-ban?${view.status ? `trang-thai=${view.status}&` : ''}trang=${page}`;
  const tabName = (s: DocumentStatus | '') => (s === '' ? 'Tất cả' : s === 'submitted' ? `${STATUS_NAMES[s]} (${view.waiting})` : STATUS_NAMES[s]);
  const body = html`<div class="page-head"><h1>Văn bản</h1><a class="button" href="/quan-tri/van-ban/moi">Thêm văn bản</a></div>
<nav aria-label="Lọc theo trạng thái" class="tabs"><ul>
  ${DOCUMENT_LIST_TABS.map((s) => html`<li><a href="/quan-tri/van-ban${s ? `?trang-thai=${s}` : ''}"${s === view.status ? html` aria-current="page"` : ''}>${tabName(s)}</a></li>`)}
</ul></nav>
${tableRegion(view.status ? `Văn bản: ${STATUS_NAMES[view.status]}` : 'Danh sách văn bản', table)}
${pagination(view.pagination, query)}`;
  return adminLayout(ctx, 'Văn bản', body);
}

function typeSelect(value: string, errors: FieldError[]): SafeHtml {
  return html`<div class="field">
  <label for="doc_type">${DOCUMENT_LABELS.doc_type} <span class="required">(bắt buộc)</span></label>
  ${fieldError(errors, 'doc_type')}
  <select id="doc_type" name="doc_type" required${invalidAttrs(errors, 'doc_type')}>
    ${DOCUMENT_TYPES.map((t) => html`<option value="${t.key}"${t.key === value ? html` selected` : ''}>${t.name}</option>`)}
  </select>
</div>`;
}

function fileChoices(view: DocumentFormView): SafeHtml {
  const e = view.errors;
  return html`<fieldset class="document-file-choices"${invalidAttrs(e, 'media_ids')}>
  <legend id="media_ids">${DOCUMENT_LABELS.media_ids}</legend>
  <p class="hint">Chọn tệp PDF, Word, Excel hoặc ODT đã tải lên <a href="/quan-tri/media">Thư viện ảnh và tệp</a>. Bỏ chọn để gỡ tệp khỏi văn bản. Cần ít nhất một tệp để công bố.</p>
  ${fieldError(e, 'media_ids')}
  ${view.files.length === 0 ? html`<p>Thư viện chưa có tệp văn bản nào.</p>` : ''}
  <ul class="checkbox-list">
    ${view.files.map(
      (f) =>
        html`<li><input type="checkbox" id="tep-${f.id}" name="media_ids" value="${f.id}"${view.values.media_ids.includes(f.id) ? html` checked` : ''}> <label for="tep-${f.id}">${f.name} <span class="hint">(${f.meta})</span></label></li>`,
    )}
  </ul>
</fieldset>`;
}

/** The document form: every field, the files to attach, and publishing for those allowed. */
export function documentFormPage(ctx: AdminContext, view: DocumentFormView): string {
  const v = view.values;
  const e = view.errors;
  const action = view.id === null ? '/quan-tri/van-ban' : `/quan-tri/van-ban/${view.id}`;
  const title = view.id === null ? 'Thêm văn bản' : view.review.canEdit ? 'Sửa văn bản' : 'Xem văn bản';
  const body = html`<h1>${title}</h1>
${errorSummary(e, DOCUMENT_LABELS)}
<div class="editor-grid">
  <form method="post" action="${action}" id="noi-dung-van-ban" class="document-form" data-warn-unsaved>
    ${csrfField(ctx)}
    <input type="hidden" name="version" value="${view.version}">
    ${conflictNotice(view.errors)}
    <fieldset class="stack"${view.review.canEdit ? '' : html` disabled`}>
      <legend class="visually-hidden">Thông tin văn bản</legend>
      <div class="two-col">
        ${typeSelect(v.doc_type, e)}
        ${textField('number_symbol', DOCUMENT_LABELS.number_symbol!, v.number_symbol, e, { required: true, hint: 'Ghi đúng như trên văn bản, ví dụ 12/QĐ-UBND.' })}
      </div>
      <div class="two-col">
        ${textField('issuing_body', DOCUMENT_LABELS.issuing_body!, v.issuing_body, e, { required: true })}
        ${textField('signer', DOCUMENT_LABELS.signer!, v.signer, e, { required: true })}
      </div>
      <div class="three-col">
        ${textField('issued_on', DOCUMENT_LABELS.issued_on!, v.issued_on, e, { required: true, hint: 'dd/mm/yyyy' })}
        ${textField('effective_on', DOCUMENT_LABELS.effective_on!, v.effective_on, e, { required: true, hint: 'dd/mm/yyyy' })}
        ${textField('expires_on', DOCUMENT_LABELS.expires_on!, v.expires_on, e, { hint: 'dd/mm/yyyy, để trống nếu chưa xác định' })}
      </div>
      <div class="field">
        <label for="summary">${DOCUMENT_LABELS.summary} <span class="required">(bắt buộc)</span></label>
        ${fieldError(e, 'summary')}
        <textarea id="summary" name="summary" rows="3" required${invalidAttrs(e, 'summary')}>${v.summary}</textarea>
      </div>
      ${textField('field', DOCUMENT_LABELS.field!, v.field, e, { hint: 'Ví dụ: Đất đai, Y tế, Giáo dục.' })}
      ${fileChoices(view)}
    </fieldset>
    ${
      view.review.canEdit
        ? html`<p class="form-actions"><button type="submit" class="primary">Lưu</button></p>`
        : html`<p class="hint">${view.review.status === 'submitted' ? 'Văn bản đang chờ duyệt; người có quyền duyệt mới sửa được, hoặc trả lại để sửa.' : 'Văn bản đã công bố; cần quyền công bố văn bản để sửa.'}</p>`
    }
  </form>
  ${
    view.id === null
      ? ''
      : reviewPanel(ctx, {
          ...view.review,
          label: 'Duyệt văn bản',
          noun: 'văn bản này',
          actionBase: `/quan-tri/van-ban/${view.id}`,
          publicUrl: view.publicUrl,
          errors: view.errors,
          formId: 'noi-dung-van-ban',
        })
  }
</div>`;
  return adminLayout(ctx, title, body);
}
