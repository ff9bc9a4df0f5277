import type { FieldError } from '../../errors.ts';
import type { Pagination } from '../../services/pagination.ts';
import type { PublicReceipt } from '../../services/relief/public-receipt.ts';
import { reliefPaths } from '../../services/relief/relief-labels.ts';
import type { StatementQuery } from '../../services/relief/statement.ts';
import { formatMoney, formatNumber } from '../../text/format.ts';
import { pagination } from '../components/pagination.ts';
import { type SafeHtml, html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { paths } from '../../paths.ts';

/** The statement's address with a search; blank fields and page 1 are left out. */
export function statementUrl(slug: string, query: StatementQuery, page = 1): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  if (page > 1) params.set('trang', String(page));
  const q = params.toString();
  return q ? `${reliefPaths.statement(slug)}?${q}` : reliefPaths.statement(slug);
}

/** The search form residents fill on a phone: name, amount, dates, reference. */
export function statementSearchForm(slug: string, v: StatementQuery, errors: FieldError[]): SafeHtml {
  const field = (name: keyof StatementQuery, label: string, hint: string, attrs: SafeHtml = html``) => {
    const error = errors.find((e) => e.field === name);
    return html`<div class="field"><label for="sk-${name}">${label}</label><p class="hint" id="sk-${name}-goi-y">${hint}</p>${error ? html`<p class="field-error" id="sk-${name}-loi">${error.message}</p>` : ''}<input id="sk-${name}" name="${name}" type="text" value="${v[name]}" aria-describedby="sk-${name}-goi-y${error ? html` sk-${name}-loi` : ''}"${error ? html` aria-invalid="true"` : ''}${attrs}></div>`;
  };
  return html`<form class="relief-search-form" action="${reliefPaths.statement(slug)}" method="get" role="search" aria-label="Tra cứu sao kê">
  <div class="filter-grid">
    ${field('ten', 'Tên người ủng hộ hoặc nội dung', 'Gõ có dấu hoặc không dấu, ví dụ: nguyen van an', html` maxlength="200" autocomplete="name"`)}
    ${field('tien', 'Số tiền (đồng)', 'Ví dụ 200.000, hoặc khoảng 100.000-500.000', html` inputmode="numeric" maxlength="40"`)}
    ${field('tu', 'Từ ngày', 'dd/mm/yyyy', html` inputmode="numeric" maxlength="10"`)}
    ${field('den', 'Đến ngày', 'dd/mm/yyyy', html` inputmode="numeric" maxlength="10"`)}
    ${field('ma', 'Số tham chiếu ngân hàng', 'Đủ cả mã, như trong ứng dụng ngân hàng', html` maxlength="80" autocapitalize="characters"`)}
  </div>
  <p><button type="submit">Tra cứu</button> <a href="${reliefPaths.statement(slug)}">Xóa điều kiện</a></p>
</form>`;
}

function receiptTable(rows: PublicReceipt[]): SafeHtml {
  return html`<div class="document-table relief-statement" role="region" aria-label="Kết quả tra cứu sao kê" tabindex="0"><table>
  <thead><tr><th scope="col">Ngày</th><th scope="col">Người ủng hộ</th><th scope="col">Số tiền</th><th scope="col">Nội dung</th></tr></thead>
  <tbody>${rows.map(
    (r) => html`<tr>
    <td><time datetime="${r.dayIso}">${r.day}</time>${r.time ? html` <span class="hint">${r.time}</span>` : ''}</td>
    <td>${r.donor}<br><span class="hint">${r.channel} · số ${r.number}</span></td>
    <td class="num">${formatMoney(r.amount)}${r.goods ? html`<br><span class="hint">${r.goods}</span>` : ''}</td>
    <td>${r.note}${r.ref ? html`<br><span class="hint">Mã GD: ${r.ref}</span>` : ''}${r.mark ? html`<br><span class="relief-mark">${r.mark}</span>` : ''}</td>
  </tr>`,
  )}</tbody></table></div>`;
}

/** The public statement of a campaign: the search form, the matching receipts twenty a page, and downloads. */
export function statementPage(
  ctx: PageContext,
  view: {
    title: string;
    slug: string;
    query: StatementQuery;
    errors: FieldError[];
    rows: PublicReceipt[];
    pagination: Pagination;
    capped: boolean;
    searched: boolean;
  },
): string {
  const p = view.pagination;
  const count = view.capped ? `Hơn ${formatNumber(p.total)} khoản` : `${formatNumber(p.total)} khoản`;
  const body = html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li><li><a href="${reliefPaths.index()}">Vận động – cứu trợ</a></li><li><a href="${reliefPaths.campaign(view.slug)}">${view.title}</a></li><li aria-current="page">Sao kê</li></ol></nav>
<h1 class="page-title">Sao kê: ${view.title}</h1>
${statementSearchForm(view.slug, view.query, view.errors)}
${view.errors.length ? html`<p class="field-error" role="alert">Một số điều kiện chưa đúng dạng nên chưa được dùng; xem ghi chú ở từng ô.</p>` : ''}
<p class="result-count" role="status">${view.searched ? 'Tìm thấy' : 'Sao kê có'} ${count}${view.searched ? ' phù hợp' : ''}.</p>
${view.rows.length ? receiptTable(view.rows) : html`<p class="empty">Không có khoản nào phù hợp. Hãy kiểm tra lại tên, số tiền hoặc ngày; khoản chuyển trong vài ngày gần đây có thể đang chờ đối chiếu.</p>`}
${pagination(p, (page) => statementUrl(view.slug, view.query, page))}
<p>Tải toàn bộ sao kê: <a href="${reliefPaths.download(view.slug, 'csv')}">CSV</a> · <a href="${reliefPaths.download(view.slug, 'xlsx')}">Excel (XLSX)</a></p>`;
  return layout(
    ctx,
    {
      title: `Sao kê: ${view.title}`,
      description: `Tra cứu các khoản ủng hộ cuộc vận động ${view.title}.`,
      canonicalPath: statementUrl(view.slug, view.query, p.page),
      noindex: view.searched,
    },
    body,
  );
}
