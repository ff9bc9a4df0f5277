import { html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';

/** /thong-ke-truy-cap: the visitor counter, rendered fresh on every request. */
export function visitorStatsPage(ctx: PageContext, figures: { online: string; today: string; total: string }): string {
  const body = html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="/">Trang chủ</a></li><li aria-current="page">Thống kê truy cập</li></ol></nav>
<h1 class="page-title">Thống kê truy cập</h1>
<dl class="visitor-stats">
  <div><dt>Đang truy cập</dt><dd>${figures.online}</dd></div>
  <div><dt>Hôm nay</dt><dd>${figures.today}</dd></div>
  <div><dt>Tổng lượt truy cập</dt><dd>${figures.total}</dd></div>
</dl>
<p class="rating-note">Cổng đếm lượt xem trang mà không dùng cookie và không lưu địa chỉ IP. “Đang truy cập” là số người xem trong 5 phút gần nhất.</p>`;
  return layout(ctx, { title: 'Thống kê truy cập', noindex: true }, body);
}
