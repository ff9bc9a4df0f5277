import type { MediaRow } from '../../db/schema.ts';
import type { DisclosureEntryRow, DisclosureItemRow } from '../../db/schema/disclosure.ts';
import type { DocumentRow, DocumentStatus } from '../../db/schema/documents.ts';
import type { FieldError } from '../../errors.ts';
import { documentLabel } from '../../services/documents/document-review.ts';
import { formatDay } from '../../services/documents/document-types.ts';
import { disclosurePaths } from '../../services/disclosure/disclosure-paths.ts';
import type { Pagination } from '../../services/pagination.ts';
import { STATUS_NAMES } from '../../services/review/rules.ts';
import type { ReviewState } from '../../services/review/state.ts';
import { formatDateTime } from '../../text/format.ts';
import { pagination } from '../components/pagination.ts';
import { type SafeHtml, html } from '../html.ts';
import { type FileChoice, presentFileChoice } from './documents.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, tableRegion, textField } from './layout.ts';
import { reviewPanel } from './review-panel.ts';

/** The values the entry form shows: what was saved, or what was just posted when it failed. */
export interface DisclosureFormValues {
  item_id: string;
  title: string;
  period: string;
  year: string;
  body_html: string;
  starts_on: string;
  ends_on: string;
  media_ids: string[];
  document_ids: string[];
}

export const DISCLOSURE_LABELS: Record<string, string> = {
  comment: 'Nhận xét khi trả lại',
  item_id: 'Mục công khai',
  title: 'Tiêu đề',
  period: 'Kỳ công khai',
  year: 'Năm',
  body_html: 'Nội dung',
  starts_on: 'Công khai từ ngày',
  ends_on: 'Công khai đến ngày',
  media_ids: 'Tệp đính kèm',
  document_ids: 'Văn bản liên quan',
  file: 'Tệp tải lên',
};

/** Empty values for a new entry: this year, disclosed from today. */
export function blankDisclosureValues(today: string): DisclosureFormValues {
  const year = today.slice(0, 4);
  return { item_id: '', title: '', period: `Năm ${year}`, year, body_html: '', starts_on: formatDay(today), ends_on: '', media_ids: [], document_ids: [] };
}

/** A saved entry as the form shows it. */
export function disclosureFormValues(entry: DisclosureEntryRow, files: MediaRow[], documents: DocumentRow[]): DisclosureFormValues {
  return {
    item_id: String(entry.item_id),
    title: entry.title,
    period: entry.period,
    year: String(entry.year),
    body_html: entry.body_html,
    starts_on: formatDay(entry.starts_on),
    ends_on: entry.ends_on ? formatDay(entry.ends_on) : '',
    media_ids: files.map((f) => String(f.id)),
    document_ids: documents.map((d) => String(d.id)),
  };
}

/** What was posted, as the form shows it again after an error. */
export function disclosureValuesFromBody(body: Record<string, unknown>): DisclosureFormValues {
  const str = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  const ids = (key: string) => {
    const v = body[key];
    return Array.isArray(v) ? v.filter((i): i is string => typeof i === 'string') : typeof v === 'string' ? [v] : [];
  };
  return {
    item_id: str('item_id'),
    title: str('title'),
    period: str('period'),
    year: str('year'),
    body_html: str('body_html'),
    starts_on: str('starts_on'),
    ends_on: str('ends_on'),
    media_ids: ids('media_ids'),
    document_ids: ids('document_ids'),
  };
}

/** A row of the newsroom's list. */
export interface AdminDisclosureItem {
  id: number;
  title: string;
  item: string;
  period: string;
  dates: string;
  status: DocumentStatus;
  statusName: string;
  updated: string;
}

/** The disclosure period as people read it: "01/03/2025 – 31/03/2025", or from a day on. */
export function periodText(entry: Pick<DisclosureEntryRow, 'starts_on' | 'ends_on'>): string {
  return entry.ends_on ? `${formatDay(entry.starts_on)} – ${formatDay(entry.ends_on)}` : `từ ${formatDay(entry.starts_on)}, thường xuyên`;
}

/** An entry as the newsroom's list shows it. */
export function presentAdminDisclosure(entry: DisclosureEntryRow, items: DisclosureItemRow[]): AdminDisclosureItem {
  return {
    id: entry.id,
    title: entry.title,
    item: items.find((i) => i.id === entry.item_id)?.name ?? '',
    period: entry.period,
    dates: periodText(entry),
    status: entry.status,
    statusName: STATUS_NAMES[entry.status],
    updated: formatDateTime(entry.updated_at),
  };
}

/** The list's filters as chosen. */
export interface DisclosureListFilter {
  muc: string;
  nam: string;
  'trang-thai': DocumentStatus | '';
}

const STATUS_CHOICES: Array<DocumentStatus | ''> = ['', 'draft', 'submitted', 'returned', 'published', 'unpublished'];

function filterForm(view: { filter: DisclosureListFilter; choices: DisclosureItemRow[]; years: number[]; waiting: number }): SafeHtml {
  const f = view.filter;
  const selected = (a: string, b: string) => (a === b ? html` selected` : '');
  return html`<form method="get" action="${disclosurePaths.admin()}" class="filter-bar">
  <div class="field"><label for="loc-muc">Mục</label><select id="loc-muc" name="muc"><option value="">Tất cả các mục</option>${view.choices.map((i) => html`<option value="${i.id}"${selected(String(i.id), f.muc)}>${i.name}</option>`)}</select></div>
  <div class="field"><label for="loc-nam">Năm</label><select id="loc-nam" name="nam"><option value="">Mọi năm</option>${view.years.map((y) => html`<option value="${y}"${selected(String(y), f.nam)}>${y}</option>`)}</select></div>
  <div class="field"><label for="loc-trang-thai">Trạng thái</label><select id="loc-trang-thai" name="trang-thai">${STATUS_CHOICES.map((s) => html`<option value="${s}"${selected(s, f['trang-thai'])}>${s === '' ? 'Mọi trạng thái' : s === 'submitted' ? `${STATUS_NAMES[s]} (${view.waiting})` : STATUS_NAMES[s]}</option>`)}</select></div>
  <p class="form-actions"><button type="submit">Lọc</button></p>
</form>`;
}

/** The newsroom's Công khai list: filters by item, year and status, one page of entries. */
export function disclosureAdminListPage(
  ctx: AdminContext,
  view: { items: AdminDisclosureItem[]; pagination: Pagination; filter: DisclosureListFilter; choices: DisclosureItemRow[]; years: number[]; waiting: number },
): string {
  const table = html`<table class="data-table">
  <thead><tr><th scope="col">Tiêu đề</th><th scope="col">Mục</th><th scope="col">Kỳ</th><th scope="col">Thời hạn công khai</th><th scope="col">Trạng thái</th><th scope="col">Sửa lần cuối</th></tr></thead>
  <tbody>
    ${view.items.length === 0 ? html`<tr><td colspan="6">Chưa có nội dung công khai nào.</td></tr>` : ''}
    ${view.items.map(
      (item) => html`<tr>
      <td><a href="${disclosurePaths.adminEntry(item.id)}">${item.title}</a></td>
      <td>${item.item}</td>
      <td>${item.period}</td>
      <td>${item.dates}</td>
      <td><span class="status status-${item.status}">${item.statusName}</span></td>
      <td>${item.updated}</td>
    </tr>`,
    )}
  </tbody>
</table>`;
  const f = view.filter;
  const query = (page: number) => {
    const params = new URLSearchParams(Object.entries({ muc: f.muc, nam: f.nam, 'trang-thai': f['trang-thai'] }).filter(([, v]) => v !== ''));
    params.set('trang', String(page));
    return `${disclosurePaths.admin()}?${params.toString()}`;
  };
  const body = html`<div class="page-head"><h1>Công khai</h1><a class="button" href="${disclosurePaths.adminEntry('moi')}">Thêm nội dung công khai</a></div>
${ctx.can('settings.manage') ? html`<p><a href="${disclosurePaths.adminItems()}">Sửa danh mục công khai</a> (thêm, đổi tên, sắp xếp, ẩn mục)</p>` : ''}
${filterForm(view)}
${tableRegion('Danh sách nội dung công khai', table)}
${pagination(view.pagination, query)}`;
  return adminLayout(ctx, 'Công khai', body);
}

/** A document of the database as a checkbox label shows it. */
export function presentDocumentChoice(document: DocumentRow): FileChoice {
  return { id: String(document.id), name: documentLabel(document), meta: `${formatDay(document.issued_on)}, ${STATUS_NAMES[document.status]}` };
}

export { presentFileChoice };

function choiceList(
  name: 'media_ids' | 'document_ids',
  prefix: string,
  choices: FileChoice[],
  chosen: string[],
  errors: FieldError[],
  hint: SafeHtml,
): SafeHtml {
  return html`<fieldset class="document-file-choices"${invalidAttrs(errors, name)}>
  <legend id="${name}">${DISCLOSURE_LABELS[name]}</legend>
  <p class="hint">${hint}</p>
  ${fieldError(errors, name)}
  ${choices.length === 0 ? html`<p>Chưa có mục nào để chọn.</p>` : ''}
  <ul class="checkbox-list">
    ${choices.map(
      (c) =>
        html`<li><input type="checkbox" id="${prefix}-${c.id}" name="${name}" value="${c.id}"${chosen.includes(c.id) ? html` checked` : ''}> <label for="${prefix}-${c.id}">${c.name} <span class="hint">(${c.meta})</span></label></li>`,
    )}
  </ul>
</fieldset>`;
}

export interface DisclosureFormView {
  id: number | null;
  values: DisclosureFormValues;
  errors: FieldError[];
  items: DisclosureItemRow[];
  files: FileChoice[];
  documents: FileChoice[];
  review: ReviewState;
  publicUrl: string | null;
}

function uploadForm(ctx: AdminContext, view: DisclosureFormView): SafeHtml {
  if (view.id === null || !view.review.canEdit) return html``;
  return html`<form method="post" action="${disclosurePaths.adminEntry(view.id)}/tep?_csrf=${encodeURIComponent(ctx.csrf)}" enctype="multipart/form-data" class="stack upload-form">
  <h2>Tải tệp lên và đính kèm</h2>
  <p class="hint">Tệp PDF, Word (DOCX), Excel (XLSX) hoặc ODT; đuôi tên tệp phải đúng với loại tệp.</p>
  ${fieldError(view.errors, 'file')}
  <div class="field"><label for="file">${DISCLOSURE_LABELS.file}</label><input id="file" name="file" type="file" accept=".pdf,.docx,.xlsx,.odt"${invalidAttrs(view.errors, 'file')}></div>
  ${textField('file_title', 'Tên hiển thị của tệp', '', [], { hint: 'Để trống thì dùng tên tệp.' })}
  <p class="form-actions"><button type="submit">Tải lên và đính kèm</button></p>
</form>`;
}

/** The entry form: item, title, period, body (the rich-text editor), disclosure dates, attachments; review beside it. */
export function disclosureFormPage(ctx: AdminContext, view: DisclosureFormView): string {
  const v = view.values;
  const e = view.errors;
  const action = view.id === null ? disclosurePaths.admin() : disclosurePaths.adminEntry(view.id);
  const title = view.id === null ? 'Thêm nội dung công khai' : view.review.canEdit ? 'Sửa nội dung công khai' : 'Xem nội dung công khai';
  const body = html`<h1>${title}</h1>
<p><a href="${disclosurePaths.admin()}">← Danh sách công khai</a></p>
${errorSummary(e, DISCLOSURE_LABELS)}
<div class="editor-grid">
  <div class="stack">
  <form method="post" action="${action}" class="document-form">
    ${csrfField(ctx)}
    <fieldset class="stack"${view.review.canEdit ? '' : html` disabled`}>
      <legend class="visually-hidden">Nội dung công khai</legend>
      <div class="field">
        <label for="item_id">${DISCLOSURE_LABELS.item_id} <span class="required">(bắt buộc)</span></label>
        ${fieldError(e, 'item_id')}
        <select id="item_id" name="item_id" required${invalidAttrs(e, 'item_id')}>
          <option value="">— Chọn mục —</option>
          ${view.items.map((i) => html`<option value="${i.id}"${String(i.id) === v.item_id ? html` selected` : ''}>${i.name}</option>`)}
        </select>
      </div>
      ${textField('title', DISCLOSURE_LABELS.title!, v.title, e, { required: true, hint: 'Ví dụ: Công khai dự toán ngân sách xã năm 2025.' })}
      <div class="two-col">
        ${textField('period', DISCLOSURE_LABELS.period!, v.period, e, { required: true, hint: 'Ví dụ: Năm 2025, Quý I/2025, 6 tháng đầu năm 2025.' })}
        ${textField('year', DISCLOSURE_LABELS.year!, v.year, e, { required: true, inputmode: 'numeric', hint: 'Năm ngân sách hoặc năm của kỳ công khai.' })}
      </div>
      <div class="two-col">
        ${textField('starts_on', DISCLOSURE_LABELS.starts_on!, v.starts_on, e, { required: true, hint: 'dd/mm/yyyy' })}
        ${textField('ends_on', DISCLOSURE_LABELS.ends_on!, v.ends_on, e, { hint: 'dd/mm/yyyy; để trống nếu công khai thường xuyên' })}
      </div>
      <div class="field">
        <label for="body_html">${DISCLOSURE_LABELS.body_html}</label>
        ${fieldError(e, 'body_html')}
        <textarea id="body_html" name="body_html" rows="14" data-rich-editor data-upload-url="/quan-tri/media" data-csrf-token="${ctx.csrf}"${invalidAttrs(e, 'body_html')}>${v.body_html}</textarea>
      </div>
      ${choiceList('media_ids', 'tep', view.files, v.media_ids, e, html`Chọn tệp đã có trong <a href="/quan-tri/media">Thư viện ảnh và tệp</a>, hoặc tải tệp mới lên ở dưới sau khi lưu.`)}
      ${choiceList('document_ids', 'vb', view.documents, v.document_ids, e, html`Văn bản trong cơ sở dữ liệu <a href="/quan-tri/van-ban">Văn bản</a>; trang công khai chỉ hiện văn bản đã công bố.`)}
    </fieldset>
    ${
      view.review.canEdit
        ? html`<p class="form-actions"><button type="submit" class="primary">Lưu</button></p>`
        : html`<p class="hint">${view.review.status === 'submitted' ? 'Nội dung đang chờ duyệt; người có quyền duyệt mới sửa được, hoặc trả lại để sửa.' : 'Nội dung đã công bố; cần quyền duyệt để sửa.'}</p>`
    }
  </form>
  ${uploadForm(ctx, view)}
  </div>
  ${
    view.id === null
      ? ''
      : reviewPanel(ctx, {
          ...view.review,
          label: 'Duyệt nội dung công khai',
          noun: 'nội dung này',
          actionBase: disclosurePaths.adminEntry(view.id),
          publicUrl: view.publicUrl,
          errors: view.errors,
        })
  }
</div>`;
  return adminLayout(ctx, title, body, { editor: view.review.canEdit });
}
