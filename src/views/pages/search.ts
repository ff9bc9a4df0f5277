import { CATEGORY_KINDS } from '../../services/category-service.ts';
import type { SearchOutcome, SearchResults } from '../../services/search/search-service.ts';
import { formatDate, formatNumber } from '../../text/format.ts';
import { pagination } from '../components/pagination.ts';
import { type SafeHtml, html, trustedHtml } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { paths } from '../../paths.ts';
import type { CommuneView } from '../province-presenters.ts';
import { communeLabel, communeSelect } from './province.ts';

/** The search form's current choices, as typed. */
export interface SearchFormValues {
  q: string;
  loai: string;
  chuyen_muc: string;
  tu: string;
  den: string;
  chinh_xac: string;
  /** The commune picked on a province portal's search. */
  xa?: string;
}

export interface SearchView {
  values: SearchFormValues;
  outcome: SearchOutcome | null;
  categories: Array<{ slug: string; name: string }>;
  /** Field errors of the filters, if any. */
  errors: Array<{ field: string; message: string }>;
  /** On a province portal: its communes to pick from (in place of categories), and whose each hit is, by site id. */
  province?: { communes: CommuneView[]; sources: Map<number, CommuneView> };
}

const KINDS: Array<[string, string]> = [
  ['', 'Tất cả'],
  ...CATEGORY_KINDS.map((k): [string, string] => [k.kind, k.name]),
  ['relief', 'Vận động – cứu trợ'],
  ['consultation', 'Lấy ý kiến dự thảo'],
];
const KIND_NAMES = Object.fromEntries(KINDS);

function queryString(values: SearchFormValues, overrides: Partial<SearchFormValues & { trang: string }> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...values, ...overrides })) if (value) params.set(key, value);
  return params.toString();
}

function form(view: SearchView): SafeHtml {
  const v = view.values;
  const error = (field: string) => view.errors.find((e) => e.field === field);
  return html`<form class="search-form search-page-form" role="search" action="${paths.search()}" method="get">
  <label for="q-page">Từ khóa (gõ có dấu hoặc không dấu đều được; đặt trong "ngoặc kép" để tìm đúng cụm từ)</label>
  <input id="q-page" name="q" type="search" value="${v.q}" maxlength="200">
  <button type="submit">Tìm</button>
  <details class="search-filters"${v.loai || v.chuyen_muc || v.xa || v.tu || v.den || view.errors.length ? html` open` : ''}>
    <summary>Lọc kết quả</summary>
    <div class="filter-grid">
      <div class="field"><label for="loai">Loại</label><select id="loai" name="loai">${KINDS.map(([value, label]) => html`<option value="${value}"${value === v.loai ? html` selected` : ''}>${label}</option>`)}</select></div>
      ${
        view.province
          ? html`<div class="field"><label for="xa">Xã, phường</label>${error('xa') ? html`<p class="field-error" id="xa-loi">${error('xa')!.message}</p>` : ''}${communeSelect('xa', view.province.communes, v.xa ?? '', undefined, error('xa') ? 'xa-loi' : null)}</div>`
          : html`<div class="field"><label for="chuyen_muc">Chuyên mục</label><select id="chuyen_muc" name="chuyen_muc"><option value="">Tất cả</option>${view.categories.map((c) => html`<option value="${c.slug}"${c.slug === v.chuyen_muc ? html` selected` : ''}>${c.name}</option>`)}</select></div>`
      }
      <div class="field"><label for="tu">Từ ngày (dd/mm/yyyy)</label>${error('tu') ? html`<p class="field-error" id="tu-loi">${error('tu')!.message}</p>` : ''}<input id="tu" name="tu" type="text" inputmode="numeric" value="${v.tu}" placeholder="01/01/2024"${error('tu') ? html` aria-invalid="true" aria-describedby="tu-loi"` : ''}></div>
      <div class="field"><label for="den">Đến ngày (dd/mm/yyyy)</label>${error('den') ? html`<p class="field-error" id="den-loi">${error('den')!.message}</p>` : ''}<input id="den" name="den" type="text" inputmode="numeric" value="${v.den}" placeholder="31/12/2024"${error('den') ? html` aria-invalid="true" aria-describedby="den-loi"` : ''}></div>
    </div>
  </details>
</form>`;
}

/** The query as the page quotes it back: a query that is one quoted phrase keeps one pair of quotes, not “"…"”. */
function quoted(text: string): string {
  const phrase = /^["“”„]([^"“”„]*)["“”„]$/.exec(text);
  return `“${phrase ? phrase[1] : text}”`;
}

/** What the page says when it shows a corrected query's results: for what, and how to search what was typed. */
function correctionNote(v: SearchFormValues, outcome: SearchOutcome, corrected: string): SafeHtml {
  return html`<div class="search-correction" role="status">
  <p>Hiển thị kết quả cho <a href="${paths.search()}?${queryString(v, { q: corrected, chinh_xac: '' })}"><strong>${corrected}</strong></a>.</p>
  <p>Tìm chính xác từ khóa đã gõ: <a href="${paths.search()}?${queryString(v, { chinh_xac: '1' })}">${outcome.query.text}</a>${outcome.total > 0 ? ` (${resultCount(outcome)})` : ''}</p>
</div>`;
}

/** How many results, "hơn 1.000 kết quả" where the count stopped. */
const resultCount = (results: SearchResults) => `${results.capped ? 'hơn ' : ''}${formatNumber(results.total)} kết quả`;

/** On a province portal, whose a hit is: its commune, or the province's own. */
function source(view: SearchView, siteId: number): SafeHtml {
  const commune = view.province?.sources.get(siteId);
  return commune ? html`${communeLabel(commune)} ` : html``;
}

function results(view: SearchView, full: SearchOutcome): SafeHtml {
  const v = view.values;
  const outcome = full.corrected ? { ...full.corrected, suggestion: null } : full;
  const note = full.corrected ? correctionNote(v, full, full.corrected.query.text) : html``;
  if (outcome.total === 0) {
    return html`<div class="no-results" role="status">
  <p>Không tìm thấy kết quả nào cho ${quoted(outcome.query.text)}.</p>
  ${outcome.suggestion ? html`<p>Có phải bạn muốn tìm: <a href="${paths.search()}?${queryString(v, { q: outcome.suggestion, chinh_xac: '' })}">${outcome.suggestion}</a>?</p>` : ''}
  <p>Gợi ý: kiểm tra chính tả, dùng ít từ hơn, hoặc bỏ bớt bộ lọc.</p>
</div>`;
  }
  return html`${note}<p class="result-count"${full.corrected ? '' : html` role="status"`}>Tìm thấy ${resultCount(outcome)} cho ${quoted(outcome.query.text)}.</p>
<ol class="search-results" start="${outcome.pagination.offset + 1}">
${outcome.hits.map(
  (hit) => html`<li class="search-hit">
  <h2 class="card-title"><a href="${hit.path}">${trustedHtml(hit.titleHtml)}</a></h2>
  <p class="meta">${source(view, hit.siteId)}<span>${KIND_NAMES[hit.kind] ?? hit.kind}</span> <time datetime="${hit.publishedAt}">${formatDate(hit.publishedAt)}</time></p>
  <p class="snippet">${trustedHtml(hit.snippetHtml)}</p>
</li>`,
)}
</ol>
${pagination(outcome.pagination, (page) => `${paths.search()}?${queryString(v, { trang: page > 1 ? String(page) : '' })}`)}`;
}

/** Search: the form with filters, the results with highlighted passages, and a suggestion when nothing matches. */
export function searchPage(ctx: PageContext, view: SearchView): string {
  const outcome = view.outcome;
  const body = html`<h1 class="page-title">${view.province ? 'Tìm kiếm trong toàn tỉnh' : 'Tìm kiếm'}</h1>
${form(view)}
${
  outcome && outcome.query.groups.length > 0
    ? results(view, outcome)
    : html`<p>${view.values.q.trim() ? 'Từ khóa chỉ gồm dấu câu hoặc ký hiệu. Hãy nhập chữ hoặc số để tìm.' : view.province ? 'Nhập từ khóa để tìm tin tức, thông báo và tài liệu của mọi xã, phường trong tỉnh.' : 'Nhập từ khóa để tìm tin tức, thông báo và tài liệu của cổng.'}</p>`
}`;
  return layout(ctx, { title: outcome?.query.text ? `Tìm kiếm: ${outcome.query.text}` : 'Tìm kiếm', noindex: true }, body);
}
