import type { FieldError } from '../../errors.ts';
import { ratingForm } from '../components/rating-form.ts';
import { html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';

const FIELD_NAMES: Record<string, string> = { rating: 'Mức độ hài lòng', comment: 'Góp ý thêm', path: 'Trang được đánh giá' };

/** After a rating was sent: thanks, and the way back to the page. */
export function ratingThanksPage(ctx: PageContext, backPath: string): string {
  const body = html`<h1 class="page-title">Cảm ơn bạn đã đánh giá</h1>
<p>Ý kiến của bạn giúp ${ctx.site.authority} phục vụ người dân tốt hơn. Đánh giá là ẩn danh.</p>
<p><a href="${backPath}">Quay lại trang bạn vừa xem</a></p>`;
  return layout(ctx, { title: 'Cảm ơn bạn đã đánh giá', noindex: true, ratingForm: false }, body);
}

/** A rating that could not be stored: what to fix, and the form again. */
export function ratingErrorPage(ctx: PageContext, path: string, errors: FieldError[]): string {
  const body = html`<h1 class="page-title">Chưa gửi được đánh giá</h1>
<div class="error-summary" role="alert"><p>Vui lòng sửa:</p><ul>${errors.map((e) => html`<li>${FIELD_NAMES[e.field] ?? e.field}: ${e.message}</li>`)}</ul></div>
${ratingForm(path)}
<p><a href="${path}">Quay lại trang trước</a></p>`;
  return layout(ctx, { title: 'Chưa gửi được đánh giá', noindex: true, ratingForm: false }, body);
}
