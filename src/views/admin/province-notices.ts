import type { FieldError } from '../../errors.ts';
import { type SafeHtml, html, trustedHtml } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, tableRegion, textField } from './layout.ts';
import { richTextField } from './rich-text-field.ts';
import { fileList } from '../components/file-list.ts';

/** A province notice in a list: the platform admin's, or a commune newsroom's. */
export interface NoticeListItem {
  id: number;
  title: string;
  kindName: string;
  issuer: string;
  date: string;
  /** "Đang hiện" or "Đã gỡ". */
  statusName: string;
  withdrawn: boolean;
  /** "Mọi xã, phường (12)" or "3 xã, phường". */
  reach: string;
}

/** What the notice form holds: what was sent after an error, else what is stored. */
export interface NoticeFormValues {
  kind: string;
  issuer: string;
  title: string;
  summary: string;
  body_html: string;
  scope: string;
  sites: number[];
  /** Stored files ticked to be taken off. */
  remove_files: number[];
}

/** A stored file of a notice as the forms list it. */
export interface NoticeFileItem {
  id: number;
  name: string;
  /** "PDF, 1,2 MB". */
  meta: string;
  url: string;
}

const LABELS = {
  kind: 'Loại',
  issuer: 'Cơ quan ban hành',
  title: 'Tiêu đề',
  summary: 'Tóm tắt',
  body_html: 'Nội dung',
  scope: 'Nơi đăng',
  sites: 'Xã, phường',
  files: 'Tệp đính kèm',
};

const statusBadge = (i: NoticeListItem) => html`<span class="status status-${i.withdrawn ? 'unpublished' : 'published'}">${i.statusName}</span>`;

/** The platform admin's list of a province's notices, with the province to choose. */
export function provinceNoticeListPage(ctx: AdminContext, view: { province: string; provinces: string[]; items: NoticeListItem[] }): string {
  const q = encodeURIComponent(view.province);
  const body = html`<p><a href="/quan-tri/he-thong">‹ Quản trị hệ thống</a></p>
<h1>Thông báo của tỉnh</h1>
<p class="hint">Đăng một lần, hiện trên trang chủ và chuyên mục Thông báo (hoặc Tài liệu) của mọi xã, phường của tỉnh hay của các xã, phường được chọn, mang tên cơ quan ban hành. Sửa hay gỡ ở đây thì mọi cổng đều đổi theo; các xã, phường chỉ xem, không sửa được.</p>
<form method="get" action="/quan-tri/he-thong/thong-bao-tinh" class="inline-form">
  <label for="tinh">Tỉnh</label>
  <select id="tinh" name="tinh">${view.provinces.map((p) => html`<option value="${p}"${p === view.province ? html` selected` : ''}>${p}</option>`)}</select>
  <button type="submit" class="secondary">Xem</button>
</form>
<p><a class="button" href="/quan-tri/he-thong/thong-bao-tinh/moi?tinh=${q}">Đăng thông báo mới cho tỉnh ${view.province}</a></p>
${
  view.items.length
    ? tableRegion(
        `Thông báo của tỉnh ${view.province}`,
        html`<table class="data-table"><caption>Thông báo của tỉnh ${view.province}</caption>
<thead><tr><th scope="col">Tiêu đề</th><th scope="col">Loại</th><th scope="col">Ngày đăng</th><th scope="col">Trạng thái</th><th scope="col">Hiện ở</th></tr></thead>
<tbody>${view.items.map(
          (i) =>
            html`<tr><td><a href="/quan-tri/he-thong/thong-bao-tinh/${String(i.id)}">${i.title}</a><br><span class="hint">${i.issuer}</span></td><td>${i.kindName}</td><td>${i.date}</td><td>${statusBadge(i)}</td><td>${i.reach}</td></tr>`,
        )}</tbody></table>`,
      )
    : html`<p class="empty">Tỉnh ${view.province} chưa có thông báo nào.</p>`
}`;
  return adminLayout(ctx, 'Thông báo của tỉnh', body);
}

function kindChoice(values: NoticeFormValues, errors: FieldError[]): SafeHtml {
  const option = (value: string, label: string) =>
    html`<div class="field checkbox"><input type="radio" id="kind-${value}" name="kind" value="${value}"${values.kind === value ? html` checked` : ''}><label for="kind-${value}">${label}</label></div>`;
  return html`<fieldset id="kind"${invalidAttrs(errors, 'kind')}><legend>Loại</legend>${fieldError(errors, 'kind')}
  ${option('notice', 'Thông báo (hiện trong chuyên mục Thông báo)')}${option('document', 'Tài liệu (hiện trong chuyên mục Tài liệu)')}</fieldset>`;
}

function placeChoice(values: NoticeFormValues, communes: Array<{ id: number; name: string }>, errors: FieldError[]): SafeHtml {
  const option = (value: string, label: string) =>
    html`<div class="field checkbox"><input type="radio" id="scope-${value}" name="scope" value="${value}"${values.scope === value ? html` checked` : ''}><label for="scope-${value}">${label}</label></div>`;
  const chosen = new Set(values.sites);
  return html`<fieldset id="scope"${invalidAttrs(errors, 'scope')}><legend>Nơi đăng</legend>${fieldError(errors, 'scope')}
  ${option('all', 'Mọi xã, phường của tỉnh (kể cả xã, phường thêm sau)')}${option('chosen', 'Chỉ các xã, phường được chọn dưới đây')}</fieldset>
<fieldset id="sites"${invalidAttrs(errors, 'sites')}><legend>Xã, phường được chọn</legend>${fieldError(errors, 'sites')}
  ${communes.length === 0 ? html`<p>Tỉnh này chưa có cổng xã, phường nào.</p>` : ''}
  <ul class="checkbox-list">${communes.map(
    (c) =>
      html`<li><input type="checkbox" id="site-${String(c.id)}" name="sites" value="${String(c.id)}"${chosen.has(c.id) ? html` checked` : ''}> <label for="site-${String(c.id)}">${c.name}</label></li>`,
  )}</ul></fieldset>`;
}

/** The notice's files: those stored (named, not linked: the admin's own host may not show the notice), each with a box to take it off, and a field to add more (files chosen are lost when the form comes back with an error). */
function filesChoice(values: NoticeFormValues, files: NoticeFileItem[], errors: FieldError[], limits: { perPost: number; megabytes: number }): SafeHtml {
  const removing = new Set(values.remove_files);
  return html`<fieldset id="tep-dinh-kem"><legend>Tệp đính kèm</legend>
  ${
    files.length
      ? html`<ul class="stored-files">${files.map(
          (f) =>
            html`<li>${f.name} <span class="file-meta">(${f.meta})</span><div class="field checkbox"><input type="checkbox" id="remove-file-${String(f.id)}" name="remove_files" value="${String(f.id)}"${removing.has(f.id) ? html` checked` : ''}><label for="remove-file-${String(f.id)}">Gỡ tệp “${f.name}”</label></div></li>`,
        )}</ul>`
      : ''
  }
  <div class="field">
    <label for="files">Thêm tệp</label>
    <p class="hint" id="files-goi-y">PDF, DOCX, XLSX, ODT hoặc ảnh JPEG, PNG, WebP, GIF; mỗi lần lưu tối đa ${String(limits.perPost)} tệp, cộng lại tối đa ${String(limits.megabytes)} MB. Mọi cổng đã chọn đều cho tải về.${errors.length ? ' Nếu vừa chọn tệp, hãy chọn lại: tệp chưa được lưu.' : ''}</p>
    ${fieldError(errors, 'files')}
    <input type="file" id="files" name="files" multiple accept=".pdf,.docx,.xlsx,.odt,.jpg,.jpeg,.png,.webp,.gif" aria-describedby="files-goi-y${errors.some((e) => e.field === 'files') ? ' files-loi' : ''}"${errors.some((e) => e.field === 'files') ? html` aria-invalid="true"` : ''}>
  </div>
</fieldset>`;
}

/** The form of a new or stored province notice; a stored one also offers withdrawing (or publishing again). */
export function provinceNoticeFormPage(
  ctx: AdminContext,
  view: {
    province: string;
    notice: { id: number; withdrawn: boolean; url: string } | null;
    communes: Array<{ id: number; name: string }>;
    values: NoticeFormValues;
    errors: FieldError[];
    files: NoticeFileItem[];
    fileLimits: { perPost: number; megabytes: number };
  },
): string {
  const { values, errors, notice } = view;
  // A multipart form's body is read after the guard, so its CSRF token also travels in the address.
  const csrf = `_csrf=${encodeURIComponent(ctx.csrf)}`;
  const action = notice
    ? `/quan-tri/he-thong/thong-bao-tinh/${notice.id}?${csrf}`
    : `/quan-tri/he-thong/thong-bao-tinh?tinh=${encodeURIComponent(view.province)}&${csrf}`;
  const title = notice ? `Sửa thông báo của tỉnh ${view.province}` : `Đăng thông báo mới cho tỉnh ${view.province}`;
  const body = html`<p><a href="/quan-tri/he-thong/thong-bao-tinh?tinh=${encodeURIComponent(view.province)}">‹ Thông báo của tỉnh ${view.province}</a></p>
<h1>${title}</h1>
${notice ? html`<p>${notice.withdrawn ? 'Thông báo này đã được gỡ khỏi mọi cổng.' : html`Đang hiện trên các cổng đã chọn, ví dụ tại địa chỉ <code>${notice.url}</code>.`}</p>` : ''}
${errorSummary(errors, LABELS)}
<form method="post" action="${action}" enctype="multipart/form-data" class="stack">${csrfField(ctx)}
  ${kindChoice(values, errors)}
  ${textField('issuer', 'Cơ quan ban hành (hiện trên mọi cổng, ví dụ: UBND tỉnh Đồng Tháp)', values.issuer, errors, { required: true })}
  ${textField('title', 'Tiêu đề', values.title, errors, { required: true })}
  <div class="field"><label for="summary">Tóm tắt</label>${fieldError(errors, 'summary')}<textarea id="summary" name="summary" rows="3"${invalidAttrs(errors, 'summary')}>${values.summary}</textarea></div>
  ${/* Uploads would land in the library of the site the admin is signed in on, which the communes do not serve. */ ''}
  ${richTextField({ ...ctx, can: () => false }, { name: 'body_html', label: 'Nội dung', value: values.body_html, errors, rows: 12, reliefFigures: false })}
  ${filesChoice(values, view.files, errors, view.fileLimits)}
  ${placeChoice(values, view.communes, errors)}
  <button type="submit" class="primary">${notice ? 'Lưu và cập nhật trên mọi cổng' : 'Đăng lên các cổng'}</button>
</form>
${
  notice
    ? html`<form method="post" action="/quan-tri/he-thong/thong-bao-tinh/${String(notice.id)}/${notice.withdrawn ? 'dang-lai' : 'go'}" class="stack">${csrfField(ctx)}
  <button type="submit" class="${notice.withdrawn ? 'secondary' : 'danger'}">${notice.withdrawn ? 'Đăng lại trên các cổng đã chọn' : 'Gỡ khỏi mọi cổng'}</button>
</form>`
    : ''
}`;
  return adminLayout(ctx, title, body, { editor: true });
}

/** A commune newsroom's list of the province's notices shown on its site: read-only. */
export function siteProvinceNoticesPage(ctx: AdminContext, items: NoticeListItem[]): string {
  const body = html`<h1>Thông báo của tỉnh</h1>
<p class="hint">Các thông báo và tài liệu do tỉnh đăng lên cổng này. Chỉ quản trị hệ thống của tỉnh sửa hay gỡ được; cổng xã, phường chỉ xem.</p>
${
  items.length
    ? tableRegion(
        'Thông báo của tỉnh trên cổng này',
        html`<table class="data-table"><caption>Thông báo của tỉnh trên cổng này</caption>
<thead><tr><th scope="col">Tiêu đề</th><th scope="col">Loại</th><th scope="col">Ngày đăng</th><th scope="col">Trạng thái</th></tr></thead>
<tbody>${items.map(
          (i) =>
            html`<tr><td><a href="/quan-tri/thong-bao-cua-tinh/${String(i.id)}">${i.title}</a> <span class="badge-province">${i.issuer}</span></td><td>${i.kindName}</td><td>${i.date}</td><td>${statusBadge(i)}</td></tr>`,
        )}</tbody></table>`,
      )
    : html`<p class="empty">Tỉnh chưa đăng thông báo nào lên cổng này.</p>`
}`;
  return adminLayout(ctx, 'Thông báo của tỉnh', body);
}

/** One province notice in a commune's newsroom: read-only, marked as the province's. */
export function siteProvinceNoticePage(
  ctx: AdminContext,
  view: { item: NoticeListItem; summary: string; bodyHtml: string; url: string; files: NoticeFileItem[] },
): string {
  const { item } = view;
  const body = html`<p><a href="/quan-tri/thong-bao-cua-tinh">‹ Thông báo của tỉnh</a></p>
<h1>${item.title}</h1>
<p role="note" class="notice-readonly"><span class="badge-province">${item.issuer}</span> ${item.kindName} của tỉnh, chỉ xem: cổng xã, phường không sửa hay gỡ được.</p>
<p>Ngày đăng: ${item.date}. Trạng thái: ${statusBadge(item)}${item.withdrawn ? '' : html` · <a href="${view.url}">Xem trên cổng</a>`}</p>
${view.summary ? html`<p class="article-summary">${view.summary}</p>` : ''}
<div class="article-body">${trustedHtml(view.bodyHtml)}</div>
${view.files.length ? html`<h2>Tệp đính kèm</h2>${item.withdrawn ? html`<ul>${view.files.map((f) => html`<li>${f.name} <span class="file-meta">(${f.meta})</span></li>`)}</ul>` : fileList(view.files)}` : ''}`;
  return adminLayout(ctx, item.title, body);
}
