import type { RatingSummary } from '../../services/organisation/ratings.ts';
import { RATING_LABELS } from '../../services/organisation/ratings.ts';
import { formatDateTime, formatNumber } from '../../text/format.ts';
import { html } from '../html.ts';
import { type AdminContext, adminLayout, tableRegion } from './layout.ts';

const average = (value: number) => formatNumber(Math.round(value * 100) / 100);

/** /quan-tri/danh-gia: the satisfaction summary, with a bar chart drawn in HTML and CSS. */
export function ratingSummaryPage(ctx: AdminContext, summary: RatingSummary, visitors?: { online: number; today: number; total: number }): string {
  const max = Math.max(1, ...summary.counts.map((c) => c.n));
  const percent = (n: number) => (summary.total ? Math.round((n * 100) / summary.total) : 0);
  const body = html`<h1>Đánh giá mức độ hài lòng</h1>
<p class="rating-totals"><strong>${formatNumber(summary.total)}</strong> lượt đánh giá${summary.average === null ? '' : html` · điểm trung bình <strong>${average(summary.average)}</strong>/5`}</p>
${visitors ? html`<p class="hint">Truy cập: ${formatNumber(visitors.online)} đang truy cập · ${formatNumber(visitors.today)} lượt hôm nay · ${formatNumber(visitors.total)} lượt tổng cộng.</p>` : ''}
<section aria-labelledby="theo-muc"><h2 id="theo-muc">Theo mức độ</h2>
<ul class="bar-chart">${summary.counts.map(
    (c) =>
      html`<li><span class="bar-label">${c.label}</span><span class="bar-track"><span class="bar-fill bar-w${Math.round((c.n * 20) / max) * 5}"></span></span><span class="bar-value">${formatNumber(c.n)} (${percent(c.n)}%)</span></li>`,
  )}</ul>
</section>
<section aria-labelledby="theo-trang"><h2 id="theo-trang">Theo trang</h2>
${
  summary.byPath.length
    ? tableRegion(
        'Đánh giá theo trang',
        html`<table class="data-table"><thead><tr><th scope="col">Trang</th><th scope="col">Lượt</th><th scope="col">Trung bình</th></tr></thead>
<tbody>${summary.byPath.map((p) => html`<tr><td><a href="${p.path}">${p.path}</a></td><td>${formatNumber(p.n)}</td><td>${average(p.average)}</td></tr>`)}</tbody></table>`,
      )
    : html`<p>Chưa có đánh giá.</p>`
}
</section>
<section aria-labelledby="gop-y"><h2 id="gop-y">Góp ý mới nhất</h2>
${
  summary.comments.length
    ? html`<ul class="rating-comments">${summary.comments.map((c) => html`<li><p>${c.comment}</p><p class="hint">${RATING_LABELS[c.rating]} · <a href="${c.path}">${c.path}</a> · ${formatDateTime(c.createdAt)}</p></li>`)}</ul>`
    : html`<p>Chưa có góp ý.</p>`
}
</section>`;
  return adminLayout(ctx, 'Đánh giá mức độ hài lòng', body);
}
