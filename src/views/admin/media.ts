import type { FieldError } from '../../errors.ts';
import { html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, textField } from './layout.ts';

export interface MediaItem {
  id: number;
  kind: 'image' | 'file';
  url: string;
  thumb: string | null;
  alt: string;
  caption: string;
  title: string;
  name: string;
  size: string;
  type: string;
  date: string;
}

export interface MediaLibraryView {
  items: MediaItem[];
  search: string;
  errors: FieldError[];
  values: { alt: string; caption: string; title: string };
}

/** The site's media library: upload form, search, and each file with its alt text and caption. */
export function mediaLibraryPage(ctx: AdminContext, view: MediaLibraryView): string {
  // An item's own fields are named alt-<id>, caption-<id>, title-<id>: their errors belong beside that item, not on the upload form.
  const isItemError = (e: FieldError) => /-\d+$/.test(e.field);
  const uploadErrors = view.errors.filter((e) => !isItemError(e));
  const itemErrors = view.errors.filter(isItemError);
  const itemLabels = Object.fromEntries(
    view.items.flatMap((m) => [
      [`alt-${m.id}`, `Mô tả ảnh của ${m.name}`],
      [`caption-${m.id}`, `Chú thích của ${m.name}`],
      [`title-${m.id}`, `Tên tài liệu của ${m.name}`],
    ]),
  );
  const body = html`<h1>Thư viện ảnh và tệp</h1>
${errorSummary(itemErrors, itemLabels)}
${
  ctx.can('media.upload')
    ? html`<section aria-labelledby="tai-len" class="panel"><h2 id="tai-len">Tải tệp lên</h2>
  <p class="hint">Nhận ảnh JPEG, PNG, WebP, GIF (tối đa 20 MB) và tệp PDF, DOCX, XLSX, ODT (tối đa 20 MB). Ảnh bắt buộc có mô tả thay thế cho người khiếm thị.</p>
  ${errorSummary(uploadErrors, { file: 'Tệp', alt: 'Mô tả ảnh', caption: 'Chú thích', title: 'Tên tài liệu' })}
  <form method="post" action="/quan-tri/media?_csrf=${encodeURIComponent(ctx.csrf)}" enctype="multipart/form-data" class="stack">
    <div class="field"><label for="file">Tệp <span class="required">(bắt buộc)</span></label>${fieldError(uploadErrors, 'file')}<input id="file" name="file" type="file" required accept="image/jpeg,image/png,image/webp,image/gif,application/pdf,.docx,.xlsx,.odt"${invalidAttrs(uploadErrors, 'file')}></div>
    ${textField('alt', 'Mô tả ảnh – bắt buộc với ảnh', view.values.alt, uploadErrors)}
    ${textField('caption', 'Chú thích ảnh', view.values.caption, uploadErrors)}
    ${textField('title', 'Tên tài liệu (với tệp đính kèm)', view.values.title, uploadErrors)}
    <button type="submit" class="primary">Tải lên</button>
  </form></section>`
    : ''
}
<form method="get" action="/quan-tri/media" class="search-form" role="search">
  <label for="tim-media">Tìm trong thư viện</label>
  <input id="tim-media" name="q" type="search" value="${view.search}">
  <button type="submit">Tìm</button>
</form>
${
  view.items.length === 0
    ? html`<p class="empty">Chưa có tệp nào.</p>`
    : html`<ul class="media-grid">${view.items.map(
        (m) => html`<li class="media-item">
    ${m.thumb ? html`<img src="${m.thumb}" alt="${m.alt}" loading="lazy" width="240" height="160">` : html`<p class="file-badge">${m.type}</p>`}
    <p><a href="${m.url}">${m.kind === 'image' ? m.alt : m.title}</a></p>
    <p class="hint">${m.name} · ${m.size} · ${m.date}</p>
    ${
      ctx.can('media.manage')
        ? html`<details${itemErrors.some((e) => e.field.endsWith(`-${m.id}`)) ? html` open` : ''}><summary>Sửa thông tin</summary>
      <form method="post" action="/quan-tri/media/${m.id}" class="stack">${csrfField(ctx)}
        ${
          m.kind === 'image'
            ? html`${textField(`alt-${m.id}`, 'Mô tả ảnh', m.alt, itemErrors)}${textField(`caption-${m.id}`, 'Chú thích', m.caption, itemErrors)}`
            : textField(`title-${m.id}`, 'Tên tài liệu', m.title, itemErrors)
        }
        <button type="submit" class="secondary">Lưu</button>
      </form></details>`
        : ''
    }
  </li>`,
      )}</ul>`
}`;
  return adminLayout(ctx, 'Thư viện ảnh và tệp', body);
}
