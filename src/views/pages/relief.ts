import { reliefPaths } from '../../services/relief/relief-labels.ts';
import { barChart, monthlyChart } from '../components/relief-charts.ts';
import { type SafeHtml, html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { paths } from '../../paths.ts';
import type { CampaignCard, PublicSpending, TotalsView } from '../relief-presenters.ts';
import { statementSearchForm } from './relief-statement.ts';

const crumbs = (current: string, parent = true) =>
  html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li>${parent ? html`<li><a href="${reliefPaths.index()}">Vận động – cứu trợ</a></li>` : ''}<li aria-current="page">${current}</li></ol></nav>`;

function card(c: CampaignCard): SafeHtml {
  return html`<li class="relief-card">
  <h2><a href="${c.url}">${c.title}</a></h2>
  <p class="meta"><span class="relief-status">${c.status}</span> · ${c.period}</p>
  <dl class="relief-figures">
    <div><dt>Tiền đã nhận</dt><dd>${c.received}</dd></div>
    <div><dt>Tiền đã chi, hỗ trợ</dt><dd>${c.spent}</dd></div>
    <div><dt>Tiền còn lại</dt><dd>${c.balance}</dd></div>
  </dl>
  ${c.goods ? html`<p class="relief-goods">Hiện vật (ước tính): đã nhận ${c.goods.received}, đã trao ${c.goods.spent}.</p>` : ''}
  ${c.target ? html`<p class="relief-target">Mục tiêu ${c.target}: đạt ${c.progress}%</p><progress max="100" value="${c.progress}" aria-label="Tỷ lệ đạt mục tiêu">${c.progress}%</progress>` : ''}
</li>`;
}

/** Vận động – cứu trợ: every public campaign of the site with its totals, and the yearly summaries. */
export function campaignListPage(ctx: PageContext, view: { campaigns: CampaignCard[]; years: number[] }): string {
  const body = html`${crumbs('Vận động – cứu trợ', false)}
<h1 class="page-title">Vận động – cứu trợ</h1>
<p>Công khai các khoản tiền, hàng ủng hộ đã nhận và đã chi của từng cuộc vận động. Mọi số liệu được tính trực tiếp từ sổ thu chi; mỗi người ủng hộ có thể tra cứu khoản của mình trong sao kê.</p>
${view.campaigns.length ? html`<ul class="relief-cards">${view.campaigns.map(card)}</ul>` : html`<p class="empty">Chưa có cuộc vận động nào được công khai.</p>`}
${view.years.length ? html`<h2>Tổng hợp theo năm</h2><ul class="relief-years">${view.years.map((y) => html`<li><a href="${reliefPaths.year(y)}">Năm ${y}</a></li>`)}</ul>` : ''}
<p><a href="${reliefPaths.feed()}">Theo dõi các cuộc vận động (RSS)</a></p>`;
  return layout(ctx, { title: 'Vận động – cứu trợ', description: `Công khai thu, chi các cuộc vận động, cứu trợ của ${ctx.site.authority}.` }, body);
}

/** The totals of a campaign or a year: received, spent, left; in cash and per unit of goods; then the charts. */
export function totalsSection(t: TotalsView, idPrefix: string): SafeHtml {
  const list = (items: string[]) => (items.length ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : html`<p>Không có</p>`);
  return html`<section class="relief-totals" id="so-lieu" aria-labelledby="${idPrefix}-so-lieu">
  <h2 id="${idPrefix}-so-lieu">Số liệu thu, chi</h2>
  <div class="relief-columns">
    <div class="relief-column">
      <h3>Đã nhận</h3>
      <dl class="relief-figures">
        <div><dt>Tiền mặt và chuyển khoản</dt><dd>${t.receivedCash}</dd></div>
        <div><dt>Hiện vật, ước tính</dt><dd>${t.receivedGoodsValue}</dd></div>
        <div class="relief-sum"><dt>Tổng giá trị đã nhận</dt><dd>${t.receivedTotal}</dd></div>
        <div><dt>Số lượt ủng hộ</dt><dd>${t.entries}</dd></div>
      </dl>
      <h4>Hiện vật đã nhận</h4>${list(t.receivedGoods)}
    </div>
    <div class="relief-column">
      <h3>Đã chi, hỗ trợ</h3>
      <dl class="relief-figures">
        <div><dt>Bằng tiền</dt><dd>${t.spentCash}</dd></div>
        <div><dt>Bằng hiện vật, ước tính</dt><dd>${t.spentGoodsValue}</dd></div>
        <div class="relief-sum"><dt>Tổng giá trị đã chi, hỗ trợ</dt><dd>${t.spentTotal}</dd></div>
        <div><dt>Nhà xây mới / sửa chữa</dt><dd>${t.housesBuilt} / ${t.housesRepaired} căn, trị giá ${t.housesValue}</dd></div>
        <div><dt>Lượt người, hộ được hỗ trợ</dt><dd>${t.beneficiaries}</dd></div>
      </dl>
      <h4>Hiện vật đã cấp</h4>${list(t.spentGoods)}
    </div>
    <div class="relief-column">
      <h3>Còn lại</h3>
      <dl class="relief-figures"><div class="relief-sum"><dt>Tiền</dt><dd>${t.balanceCash}</dd></div></dl>
      <h4>Hiện vật còn lại</h4>${list(t.balanceGoods)}
    </div>
  </div>
  ${monthlyChart(`${idPrefix}-theo-thang`, 'Nhận và chi theo tháng', t.months)}
  ${barChart(`${idPrefix}-theo-doi-tuong`, 'Giá trị hỗ trợ theo đối tượng', t.categories, ['Đối tượng', 'Giá trị'])}
</section>`;
}

function spendingTable(rows: PublicSpending[]): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">Chưa có khoản chi nào được xác nhận.</p>`;
  return html`<div class="document-table" role="region" aria-label="Các khoản đã chi, hỗ trợ" tabindex="0"><table>
  <thead><tr><th scope="col">Ngày</th><th scope="col">Nội dung</th><th scope="col">Đối tượng</th><th scope="col">Số người, hộ</th><th scope="col">Giá trị</th></tr></thead>
  <tbody>${rows.map(
    (s) => html`<tr>
    <td>${s.day}</td>
    <td>${s.description}${s.house ? html`<br><span class="hint">${s.house}</span>` : ''}${s.names.length ? html`<br><span class="hint">Người nhận đồng ý công khai tên: ${s.names.join(', ')}</span>` : ''}${s.mark ? html`<br><span class="relief-mark">${s.mark}</span>` : ''}</td>
    <td>${s.category}</td><td>${s.beneficiaries}</td><td class="num">${s.what}</td>
  </tr>`,
  )}</tbody></table></div>`;
}

/** One campaign: purpose, accounts, totals and charts, what was spent, and the search of its statement. */
export function campaignPage(
  ctx: PageContext,
  view: {
    card: CampaignCard;
    slug: string;
    purpose: string;
    accounts: Array<{ bank: string; number: string; name: string }>;
    totals: TotalsView;
    spending: PublicSpending[];
  },
): string {
  const c = view.card;
  const body = html`${crumbs(c.title)}
<article class="relief-campaign">
  <h1 class="page-title">${c.title}</h1>
  <p class="meta"><span class="relief-status">${c.status}</span> · ${c.period}${c.target ? html` · Mục tiêu ${c.target} (đạt ${c.progress}%)` : ''}</p>
  <p>${view.purpose}</p>
  ${
    view.accounts.length
      ? html`<h2>Tài khoản nhận ủng hộ</h2><ul class="relief-accounts">${view.accounts.map((a) => html`<li><strong>${a.number}</strong> – ${a.bank} – ${a.name}</li>`)}</ul>`
      : ''
  }
  <section class="relief-search" aria-labelledby="tra-cuu">
    <h2 id="tra-cuu">Tra cứu khoản ủng hộ</h2>
    ${statementSearchForm(view.slug, { ten: '', tien: '', tu: '', den: '', ma: '' }, [])}
    <p>Tải toàn bộ sao kê: <a href="${reliefPaths.download(view.slug, 'csv')}">CSV</a> · <a href="${reliefPaths.download(view.slug, 'xlsx')}">Excel (XLSX)</a></p>
  </section>
  ${totalsSection(view.totals, 'cd')}
  <h2>Các khoản đã chi, hỗ trợ</h2>
  <p class="hint">Thông tin cá nhân của người nhận hỗ trợ không được công khai; tên chỉ hiện khi người nhận đồng ý.</p>
  ${spendingTable(view.spending)}
</article>`;
  return layout(
    ctx,
    { title: c.title, description: `${c.title}: tiền đã nhận ${c.received}, đã chi ${c.spent}, còn lại ${c.balance}.`, canonicalPath: c.url },
    body,
  );
}

/** A year of the site's campaigns: the totals every annual report draws its figures from. */
export function yearPage(ctx: PageContext, view: { year: number; campaigns: CampaignCard[]; totals: TotalsView }): string {
  const body = html`${crumbs(`Năm ${view.year}`)}
<h1 class="page-title">Vận động – cứu trợ năm ${view.year}</h1>
<p>Số liệu các khoản nhận và chi trong năm ${view.year} của mọi cuộc vận động đã công khai, tính từ sổ thu chi.</p>
${view.campaigns.length ? html`<ul class="relief-cards">${view.campaigns.map(card)}</ul>` : ''}
${totalsSection(view.totals, `nam-${view.year}`)}`;
  return layout(
    ctx,
    { title: `Vận động – cứu trợ năm ${view.year}`, description: `Tổng hợp thu, chi vận động, cứu trợ năm ${view.year} của ${ctx.site.authority}.` },
    body,
  );
}
