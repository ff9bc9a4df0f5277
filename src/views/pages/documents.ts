import { fileList } from '../components/file-list.ts';
import type { MediaRow } from '../../db/schema.ts';
import type { DocumentRow } from '../../db/schema/documents.ts';
import type { FieldError } from '../../errors.ts';
import { DOCUMENT_TYPES, documentPath, documentTypeName, formatDay } from '../../services/documents/document-types.ts';
import { attachmentLabel } from '../../services/media-types.ts';
import type { Pagination } from '../../services/pagination.ts';
import { formatFileSize } from '../../text/format.ts';
import { pagination } from '../components/pagination.ts';
import { type SafeHtml, html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { paths } from '../../paths.ts';

/** The public list's filters and order as typed, named as in the URL. */
export interface DocumentFilterValues {
  q: string;
  so: string;
  loai: string;
  co_quan: string;
  nguoi_ky: string;
  linh_vuc: string;
  tu: string;
  den: string;
  sap_xep: string;
  thu_tu: string;
}

/** A document as a list row shows it. */
export interface DocumentItemView {
  url: string;
  typeName: string;
  numberSymbol: string;
  issued: string;
  issuedIso: string;
  effective: string;
  issuingBody: string;
  summary: string;
}

/** An attached file as the detail page links it. */
export interface DocumentFileView {
  url: string;
  name: string;
  meta: string;
}

/** Every field of a document, as the detail page shows it. */
export interface DocumentDetailView extends DocumentItemView {
  signer: string;
  expires: string | null;
  field: string;
  files: DocumentFileView[];
}

export interface DocumentListView {
  values: DocumentFilterValues;
  errors: FieldError[];
  items: DocumentItemView[];
  pagination: Pagination;
  choices: { issuingBodies: string[]; signers: string[]; fields: string[] };
}

/** A document row as list rows show it. */
export function presentDocumentItem(document: DocumentRow): DocumentItemView {
  return {
    url: documentPath(document),
    typeName: documentTypeName(document.doc_type),
    numberSymbol: document.number_symbol,
    issued: formatDay(document.issued_on),
    issuedIso: document.issued_on,
    effective: formatDay(document.effective_on),
    issuingBody: document.issuing_body,
    summary: document.summary,
  };
}

/** A document with its files as the detail page shows it. */
export function presentDocumentDetail(document: DocumentRow, files: MediaRow[]): DocumentDetailView {
  return {
    ...presentDocumentItem(document),
    signer: document.signer,
    expires: document.expires_on ? formatDay(document.expires_on) : null,
    field: document.field,
    files: files.map((f) => ({
      url: paths.media(f.storage_key),
      name: f.title || f.original_name,
      meta: `${attachmentLabel(f.mime_type)}, ${formatFileSize(f.byte_size)}`,
    })),
  };
}

const SORTS: Array<[string, string]> = [
  ['ngay-ban-hanh', 'Ngày ban hành'],
  ['ngay-hieu-luc', 'Ngày có hiệu lực'],
  ['so', 'Số văn bản'],
];
const DIRECTIONS: Array<[string, string]> = [
  ['giam', 'Giảm dần (mới trước)'],
  ['tang', 'Tăng dần (cũ trước)'],
];

/** The list's address with these filters; blank ones and page 1 are left out, so links stay short. */
export function documentListUrl(values: DocumentFilterValues, page = 1): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  if (page > 1) params.set('trang', String(page));
  const query = params.toString();
  return query ? `/van-ban?${query}` : '/van-ban';
}

function errorOf(errors: FieldError[], name: string): SafeHtml {
  const error = errors.find((e) => e.field === name);
  return error ? html`<p class="field-error" id="${name}-loi">${error.message}</p>` : html``;
}

function invalid(errors: FieldError[], name: string): SafeHtml {
  return errors.some((e) => e.field === name) ? html` aria-invalid="true" aria-describedby="${name}-loi"` : html``;
}

function select(name: string, label: string, value: string, options: Array<[string, string]>): SafeHtml {
  return html`<div class="field"><label for="${name}">${label}</label><select id="${name}" name="${name}">${options.map(([v, text]) => html`<option value="${v}"${v === value ? html` selected` : ''}>${text}</option>`)}</select></div>`;
}

const all = (values: string[]): Array<[string, string]> => [['', 'Tất cả'], ...values.map((v): [string, string] => [v, v])];

function filterForm(view: DocumentListView): SafeHtml {
  const v = view.values;
  const e = view.errors;
  const dateField = (name: 'tu' | 'den', label: string, placeholder: string) =>
    html`<div class="field"><label for="${name}">${label}</label>${errorOf(e, name)}<input id="${name}" name="${name}" type="text" inputmode="numeric" value="${v[name]}" placeholder="${placeholder}"${invalid(e, name)}></div>`;
  return html`<form class="document-filters" action="/van-ban" method="get" aria-label="Tra cứu văn bản">
  <div class="filter-grid">
    <div class="field document-filter-wide"><label for="q">Trích yếu có chứa</label><input id="q" name="q" type="search" value="${v.q}" maxlength="200"></div>
    <div class="field"><label for="so">Số, ký hiệu</label><input id="so" name="so" type="text" value="${v.so}" maxlength="60" placeholder="12/QĐ-UBND"></div>
    ${select('loai', 'Loại văn bản', v.loai, [['', 'Tất cả'], ...DOCUMENT_TYPES.map((t): [string, string] => [t.key, t.name])])}
    ${select('co_quan', 'Cơ quan ban hành', v.co_quan, all(view.choices.issuingBodies))}
    ${select('nguoi_ky', 'Người ký', v.nguoi_ky, all(view.choices.signers))}
    ${select('linh_vuc', 'Lĩnh vực', v.linh_vuc, all(view.choices.fields))}
    ${dateField('tu', 'Ban hành từ (dd/mm/yyyy)', '01/01/2024')}
    ${dateField('den', 'Đến (dd/mm/yyyy)', '31/12/2024')}
    ${select('sap_xep', 'Sắp xếp theo', v.sap_xep || 'ngay-ban-hanh', SORTS)}
    ${select('thu_tu', 'Thứ tự', v.thu_tu || 'giam', DIRECTIONS)}
  </div>
  <p><button type="submit">Tra cứu</button> <a href="/van-ban">Xóa bộ lọc</a></p>
</form>`;
}

function documentTable(items: DocumentItemView[]): SafeHtml {
  return html`<div class="document-table" role="region" aria-label="Danh sách văn bản" tabindex="0"><table>
  <thead><tr><th scope="col">Số, ký hiệu</th><th scope="col">Ngày ban hành</th><th scope="col">Trích yếu</th><th scope="col">Cơ quan ban hành</th></tr></thead>
  <tbody>
    ${items.map(
      (item) => html`<tr>
      <td>${item.numberSymbol ? html`<strong>${item.numberSymbol}</strong>` : html`<span class="file-meta">Không số</span>`}</td>
      <td><time datetime="${item.issuedIso}">${item.issued}</time></td>
      <td><a href="${item.url}">${item.typeName}: ${item.summary}</a></td>
      <td>${item.issuingBody}</td>
    </tr>`,
    )}
  </tbody>
</table></div>`;
}

/** Văn bản: the site's published documents, searchable by every field, twenty a page. */
export function documentListPage(ctx: PageContext, view: DocumentListView): string {
  const p = view.pagination;
  const body = html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li><li aria-current="page">Văn bản</li></ol></nav>
<h1 class="page-title">Văn bản</h1>
${filterForm(view)}
${view.errors.length ? html`<p class="field-error" role="alert">Bộ lọc chưa hợp lệ, vui lòng sửa ngày theo dạng dd/mm/yyyy.</p>` : ''}
<p class="result-count" role="status">${p.total.toLocaleString('vi-VN')} văn bản</p>
${view.items.length ? documentTable(view.items) : html`<p class="empty">Không có văn bản nào phù hợp. Hãy bỏ bớt bộ lọc.</p>`}
${pagination(p, (page) => documentListUrl(view.values, page))}`;
  const title = p.page > 1 ? `Văn bản – trang ${p.page}` : 'Văn bản';
  return layout(
    ctx,
    {
      title,
      description: `Văn bản quy phạm pháp luật và văn bản chỉ đạo, điều hành của ${ctx.site.authority}.`,
      canonicalPath: documentListUrl(view.values, p.page),
    },
    body,
  );
}

/** One document: every field as a definition list, and its files to download. */
export function documentDetailPage(ctx: PageContext, view: DocumentDetailView): string {
  const title = `${view.typeName} số ${view.numberSymbol}`;
  const body = html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li><li><a href="/van-ban">Văn bản</a></li></ol></nav>
<article class="article document-detail">
  <h1 class="article-title">${title}</h1>
  <p class="article-summary">${view.summary}</p>
  <dl class="document-fields">
    <dt>Số, ký hiệu</dt><dd>${view.numberSymbol}</dd>
    <dt>Loại văn bản</dt><dd>${view.typeName}</dd>
    <dt>Cơ quan ban hành</dt><dd>${view.issuingBody}</dd>
    <dt>Người ký</dt><dd>${view.signer}</dd>
    <dt>Ngày ban hành</dt><dd><time datetime="${view.issuedIso}">${view.issued}</time></dd>
    <dt>Ngày có hiệu lực</dt><dd>${view.effective}</dd>
    <dt>Ngày hết hiệu lực</dt><dd>${view.expires ?? 'Chưa xác định'}</dd>
    <dt>Lĩnh vực</dt><dd>${view.field || 'Không phân loại'}</dd>
    <dt>Trích yếu</dt><dd>${view.summary}</dd>
  </dl>
  <h2>Tệp đính kèm</h2>
  ${view.files.length ? fileList(view.files) : html`<p class="empty">Văn bản chưa có tệp đính kèm.</p>`}
</article>`;
  return layout(ctx, { title: `${title}: ${view.summary}`, description: view.summary, canonicalPath: view.url }, body);
}
