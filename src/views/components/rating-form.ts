import { RATING_LABELS } from '../../services/organisation/ratings.ts';
import { type SafeHtml, html } from '../html.ts';

/**
 * The anonymous satisfaction rating form at the end of every public page.
 * Pages are cached, so the form is the same for every visitor: no token,
 * only the page's own path. The `website` field is a honeypot hidden from
 * people and assistive technology. Kept terse: it weighs on every page
 * (one `required` radio makes the whole group required).
 */
export function ratingForm(path: string): SafeHtml {
  return html`<section class="rating-box" aria-labelledby="dg" lang="vi"><h2 id="dg">Bạn có hài lòng với trang này?</h2>
<form method="post" action="/danh-gia"><input type="hidden" name="path" value="${path}">
<fieldset><legend>Mức độ hài lòng</legend>${[1, 2, 3, 4, 5].map((n) => html`<label><input type="radio" name="rating" value="${n}"${n === 1 ? html` required` : ''}> ${RATING_LABELS[n]}</label> `)}</fieldset>
<label for="dg-y">Góp ý (không bắt buộc)</label><textarea id="dg-y" name="comment" rows="2" cols="40" maxlength="500"></textarea>
<p class="rating-hp" aria-hidden="true"><label>Để trống <input name="website" tabindex="-1" autocomplete="off"></label></p>
<button>Gửi đánh giá ẩn danh</button></form></section>`;
}
