import type { FieldError } from '../../errors.ts';
import type { PageKind } from '../../services/organisation/page-kinds.ts';
import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, tableRegion, textField } from './layout.ts';
import { type ReviewPanelView, reviewPanel } from './review-panel.ts';
import { richTextField } from './rich-text-field.ts';

/** An image of the library as the pickers offer it. */
export interface ImageOption {
  id: number;
  label: string;
}

/** The Giới thiệu overview: every page kind and every person. */
export interface OrganisationAdminView {
  /** statusName: the page's review status ("Chờ duyệt", "Đã xuất bản"…), or "Chưa có" when never saved. */
  pages: Array<{ slug: string; title: string; filled: boolean; hasEnglish: boolean; statusName: string; editUrl: string; publicUrl: string }>;
  people: Array<{ id: number; name: string; jobTitle: string; roleName: string; order: number; editUrl: string }>;
  /** The review state and actions of the people list as a whole. */
  peopleReview: ReviewPanelView;
  /** Whether this person may change the people list now (not while it waits for review, unless they may publish). */
  canEditPeople: boolean;
}

export type PageFormValues = { body_html: string; title_en: string; body_en_html: string; media_id: string };
export type PersonFormValues = Record<
  'role' | 'name' | 'job_title' | 'job_title_en' | 'phone' | 'email' | 'photo_media_id' | 'bio_html' | 'bio_en_html' | 'sort_order',
  string
>;

const LABELS: Record<string, string> = {
  body_html: 'Nội dung',
  title_en: 'Tiêu đề tiếng Anh',
  body_en_html: 'Nội dung tiếng Anh',
  media_id: 'Ảnh',
  role: 'Loại',
  name: 'Họ và tên',
  job_title: 'Chức vụ',
  job_title_en: 'Chức vụ (tiếng Anh)',
  phone: 'Điện thoại',
  email: 'Thư điện tử',
  photo_media_id: 'Ảnh chân dung',
  bio_html: 'Tiểu sử',
  bio_en_html: 'Tiểu sử (tiếng Anh)',
  sort_order: 'Thứ tự',
};

function imagePicker(name: string, label: string, value: string, images: ImageOption[], errors: FieldError[]): SafeHtml {
  return html`<div class="field">
  <label for="${name}">${label}</label>
  <p class="hint">Chọn ảnh đã tải lên <a href="/quan-tri/media">Thư viện ảnh và tệp</a>.</p>
  ${fieldError(errors, name)}
  <select id="${name}" name="${name}"${invalidAttrs(errors, name)}>
    <option value="">— Không có ảnh —</option>
    ${images.map((i) => html`<option value="${i.id}"${String(i.id) === value ? html` selected` : ''}>${i.label}</option>`)}
  </select>
</div>`;
}

/** /quan-tri/gioi-thieu: the page kinds and the people. */
export function organisationAdminPage(ctx: AdminContext, view: OrganisationAdminView): string {
  const body = html`<h1>Giới thiệu</h1>
<p><a href="/gioi-thieu">Xem trang Giới thiệu trên cổng</a> · <a href="/en" hreflang="en">Trang tiếng Anh</a></p>
<section aria-labelledby="cac-trang"><h2 id="cac-trang">Các trang</h2>
${tableRegion(
  'Các trang giới thiệu',
  html`<table class="data-table">
<thead><tr><th scope="col">Trang</th><th scope="col">Nội dung</th><th scope="col">Tiếng Anh</th><th scope="col">Trạng thái</th><th scope="col">Thao tác</th></tr></thead>
<tbody>${view.pages.map((p) => html`<tr><td>${p.title}</td><td>${p.filled ? 'Đã có' : 'Chưa có'}</td><td>${p.hasEnglish ? 'Đã có' : 'Chưa có'}</td><td>${p.statusName}</td><td><a href="${p.editUrl}">Sửa<span class="visually-hidden"> trang ${p.title}</span></a></td></tr>`)}</tbody>
</table>`,
)}
</section>
<section aria-labelledby="nhan-su"><h2 id="nhan-su">Lãnh đạo và cán bộ đầu mối</h2>
<p class="hint">Danh sách được duyệt cả một lần: cổng hiện bản đã công bố cho đến khi bản mới được duyệt.</p>
${reviewPanel(ctx, view.peopleReview)}
${view.canEditPeople ? html`<p><a class="button" href="/quan-tri/gioi-thieu/nguoi/moi">Thêm người</a></p>` : ''}
${
  view.people.length
    ? tableRegion(
        'Lãnh đạo và cán bộ đầu mối',
        html`<table class="data-table">
<thead><tr><th scope="col">Thứ tự</th><th scope="col">Họ và tên</th><th scope="col">Chức vụ</th><th scope="col">Loại</th><th scope="col">Thao tác</th></tr></thead>
<tbody>${view.people.map((p) => html`<tr><td>${p.order}</td><td>${p.name}</td><td>${p.jobTitle}</td><td>${p.roleName}</td><td><a href="${p.editUrl}">Sửa<span class="visually-hidden"> ${p.name}</span></a></td></tr>`)}</tbody>
</table>`,
      )
    : html`<p>Chưa có ai.</p>`
}
</section>`;
  return adminLayout(ctx, 'Giới thiệu', body);
}

/** The form of one Giới thiệu page: Vietnamese body, optional image, English title and body; and its review panel. */
export function organisationPageForm(
  ctx: AdminContext,
  view: { kind: PageKind; values: PageFormValues; images: ImageOption[]; errors: FieldError[]; review: ReviewPanelView; canSave: boolean },
): string {
  const { kind, values: v } = view;
  const e = view.errors.filter((f) => f.field !== 'comment');
  const body = html`<p><a href="/quan-tri/gioi-thieu">← Giới thiệu</a></p>
<h1>${kind.title}</h1>
${reviewPanel(ctx, view.review)}
${errorSummary(e, LABELS)}
<form method="post" action="/quan-tri/gioi-thieu/trang/${kind.slug}" id="noi-dung-trang" class="stack" data-warn-unsaved>${csrfField(ctx)}
  ${kind.extra === 'image' ? imagePicker('media_id', kind.imageLabel ?? 'Ảnh', v.media_id, view.images, e) : ''}
  ${kind.extra === 'leaders' || kind.extra === 'focal' ? html`<p class="hint">Danh sách người được sửa ở <a href="/quan-tri/gioi-thieu#nhan-su">Lãnh đạo và cán bộ đầu mối</a>; phần nội dung dưới đây hiện phía trên danh sách.</p>` : ''}
  ${richTextField(ctx, { name: 'body_html', label: 'Nội dung', value: v.body_html, errors: e, rows: 14 })}
  <fieldset class="stack"><legend>Bản tiếng Anh (không bắt buộc)</legend>
  ${textField('title_en', 'Tiêu đề tiếng Anh', v.title_en, e, { hint: `Để trống sẽ dùng “${kind.titleEn}”.` })}
  ${richTextField(ctx, { name: 'body_en_html', label: 'Nội dung tiếng Anh', value: v.body_en_html, errors: e, rows: 8 })}
  </fieldset>
  ${view.canSave ? html`<button type="submit" class="primary">Lưu nháp</button>` : html`<p class="hint">Trang đang chờ duyệt nên chưa sửa được. Người duyệt có thể trả lại để sửa.</p>`}
</form>`;
  return adminLayout(ctx, kind.title, body, { editor: view.canSave });
}

/** The form of a leader or focal official; an existing person also gets a delete button. */
export function personForm(
  ctx: AdminContext,
  view: { id: number | null; values: PersonFormValues; images: ImageOption[]; errors: FieldError[]; canSave: boolean },
): string {
  const { values: v, errors: e } = view;
  const title = view.id === null ? 'Thêm lãnh đạo / cán bộ đầu mối' : `Sửa: ${v.name}`;
  const action = view.id === null ? '/quan-tri/gioi-thieu/nguoi/moi' : `/quan-tri/gioi-thieu/nguoi/${view.id}`;
  const body = html`<p><a href="/quan-tri/gioi-thieu">← Giới thiệu</a></p>
<h1>${title}</h1>
${errorSummary(e, LABELS)}
<form method="post" action="${action}" class="stack">${csrfField(ctx)}
  <fieldset><legend>Loại</legend>${fieldError(e, 'role')}
    <div class="field checkbox"><input type="radio" id="role" name="role" value="leader"${v.role === 'leader' ? html` checked` : ''}><label for="role">Lãnh đạo</label></div>
    <div class="field checkbox"><input type="radio" id="role-focal" name="role" value="focal"${v.role === 'focal' ? html` checked` : ''}><label for="role-focal">Cán bộ đầu mối</label></div>
    <div class="field checkbox"><input type="radio" id="role-spokesperson" name="role" value="spokesperson"${v.role === 'spokesperson' ? html` checked` : ''}><label for="role-spokesperson">Người phát ngôn</label></div>
  </fieldset>
  ${textField('name', 'Họ và tên', v.name, e, { required: true })}
  ${textField('job_title', 'Chức vụ', v.job_title, e)}
  ${textField('phone', 'Điện thoại', v.phone, e, { type: 'tel' })}
  ${textField('email', 'Thư điện tử', v.email, e, { type: 'email' })}
  ${textField('sort_order', 'Thứ tự hiển thị (số nhỏ hiện trước)', v.sort_order, e, { type: 'number' })}
  ${imagePicker('photo_media_id', 'Ảnh chân dung', v.photo_media_id, view.images, e)}
  ${richTextField(ctx, { name: 'bio_html', label: 'Tiểu sử', value: v.bio_html, errors: e, rows: 8 })}
  <fieldset class="stack"><legend>Bản tiếng Anh (không bắt buộc)</legend>
  ${textField('job_title_en', 'Chức vụ (tiếng Anh)', v.job_title_en, e)}
  ${richTextField(ctx, { name: 'bio_en_html', label: 'Tiểu sử (tiếng Anh)', value: v.bio_en_html, errors: e, rows: 6 })}
  </fieldset>
  ${view.canSave ? html`<button type="submit" class="primary">Lưu nháp</button>` : html`<p class="hint">Danh sách đang chờ duyệt nên chưa sửa được. Người duyệt có thể trả lại để sửa.</p>`}
</form>
${
  view.id === null || !view.canSave
    ? ''
    : html`<form method="post" action="/quan-tri/gioi-thieu/nguoi/${view.id}/xoa" class="stack danger-zone">${csrfField(ctx)}
  <button type="submit" class="danger">Xóa người này</button>
</form>`
}`;
  return adminLayout(ctx, title, body, { editor: view.canSave });
}
