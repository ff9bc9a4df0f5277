import type { FieldError } from '../../../errors.ts';
import { type SafeHtml, html } from '../../html.ts';
import type { MediaRow, SiteRow } from '../../../db/schema.ts';
import { ACCENTS, accentOf } from '../../../services/site-shape/palette.ts';
import { type ImageView, presentImage } from '../../presenters.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs } from '../layout.ts';
import { settingsTabs } from './common.ts';

export interface AppearanceView {
  accents: Array<{ key: string; name: string }>;
  accent: string;
  logo: ImageView | null;
  banner: ImageView | null;
  errors: FieldError[];
}

const LABELS = { accent: 'Màu chủ đạo', logo: 'Biểu trưng', banner: 'Ảnh đầu trang' };

function imageForm(ctx: AdminContext, view: AppearanceView, which: 'logo' | 'banner'): SafeHtml {
  const current = view[which];
  const path = which === 'logo' ? 'bieu-trung' : 'anh-dau-trang';
  const name = LABELS[which];
  const hint =
    which === 'logo'
      ? 'Hiện bên trái tên đơn vị ở đầu mọi trang, thay biểu tượng ngôi sao. Ảnh PNG, JPEG, WebP hoặc GIF, gần vuông, ít nhất 64×64 điểm ảnh.'
      : 'Thay cả phần đầu trang (biểu tượng và tên đơn vị): hãy dùng ảnh có ghi tên đơn vị. Ảnh rộng ít nhất 960 điểm ảnh, chiều rộng gấp 3 lần chiều cao trở lên.';
  return html`<section aria-labelledby="${which}-tieu-de" class="panel"><h2 id="${which}-tieu-de">${name}</h2>
  <p class="hint">${hint}</p>
  ${
    current
      ? html`<p class="look-preview look-${which}"><img src="${current.src}" alt="${name} đang dùng" ${current.width ? html`width="${current.width}"` : ''} ${current.height ? html`height="${current.height}"` : ''}></p>
  <form method="post" action="/quan-tri/cai-dat/giao-dien/${path}/xoa" class="inline-form">${csrfField(ctx)}<button type="submit" class="secondary" data-confirm="Bỏ ${name.toLowerCase()} đang dùng?">Bỏ ${name.toLowerCase()}</button></form>`
      : html`<p>Chưa có ${name.toLowerCase()}: ${which === 'logo' ? 'cổng dùng biểu tượng ngôi sao.' : 'đầu trang hiện biểu trưng và tên đơn vị.'}</p>`
  }
  <form method="post" action="/quan-tri/cai-dat/giao-dien/${path}?_csrf=${encodeURIComponent(ctx.csrf)}" enctype="multipart/form-data" class="stack">
    <div class="field"><label for="${which}">Chọn ${which === 'logo' ? 'ảnh biểu trưng' : 'ảnh đầu trang'} mới</label>${fieldError(view.errors, which)}
    <input id="${which}" name="file" type="file" required accept="image/png,image/jpeg,image/webp,image/gif"${invalidAttrs(view.errors, which)}></div>
    <button type="submit" class="primary">Tải lên ${name.toLowerCase()}</button>
  </form>
</section>`;
}

/** /quan-tri/cai-dat/giao-dien: the accent colour from the palette, the logo and the banner. */
export function appearancePage(ctx: AdminContext, view: AppearanceView): string {
  const e = view.errors;
  const body = html`<h1>Giao diện</h1>
${settingsTabs(ctx)}
${errorSummary(e, LABELS)}
<section aria-labelledby="mau-tieu-de" class="panel"><h2 id="mau-tieu-de">Màu chủ đạo</h2>
<form method="post" action="/quan-tri/cai-dat/giao-dien/mau" class="stack">${csrfField(ctx)}
  <fieldset id="accent"><legend>Màu đầu trang, danh mục và tiêu đề</legend>
  <p class="hint">Mọi màu trong bảng đều đủ tương phản cho người nhìn kém (chuẩn WCAG 2.1 AA).</p>
  ${fieldError(e, 'accent')}
  <ul class="swatch-list">
    ${view.accents.map(
      (a) => html`<li><input type="radio" id="mau-${a.key}" name="accent" value="${a.key}"${a.key === view.accent ? html` checked` : ''}>
      <label for="mau-${a.key}"><span class="swatch" data-accent="${a.key}" aria-hidden="true"><span></span></span> ${a.name}</label></li>`,
    )}
  </ul>
  </fieldset>
  <button type="submit" class="primary">Lưu màu</button>
</form></section>
${imageForm(ctx, view, 'logo')}
${imageForm(ctx, view, 'banner')}
<p><a href="/">Xem cổng</a></p>`;
  return adminLayout(ctx, 'Giao diện', body);
}

/** The look page's view: the accent chosen (or just picked, after an error) and the site's images. */
export function presentAppearance(
  site: SiteRow,
  images: { logo: MediaRow | null; banner: MediaRow | null },
  errors: FieldError[],
  accent?: string,
): AppearanceView {
  return {
    accents: ACCENTS.map((a) => ({ key: a.key, name: a.name })),
    accent: accent ?? accentOf(site.accent).key,
    logo: images.logo ? presentImage(images.logo) : null,
    banner: images.banner ? presentImage(images.banner) : null,
    errors,
  };
}
