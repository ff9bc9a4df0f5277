import type { FieldError } from '../../errors.ts';
import { reliefAdminPaths } from '../../services/relief/relief-labels.ts';
import { type SafeHtml, html } from '../html.ts';
import type { TotalsView } from '../relief-presenters.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, tableRegion, textField } from './layout.ts';

/** The tabs of a campaign in the newsroom. */
export function campaignTabs(id: number, current: 'chung' | 'thu' | 'chi' | 'nhap'): SafeHtml {
  const tabs: Array<[typeof current, string, string]> = [
    ['chung', reliefAdminPaths.campaign(id), 'Thông tin và số liệu'],
    ['thu', reliefAdminPaths.receipts(id), 'Khoản thu'],
    ['chi', reliefAdminPaths.spending(id), 'Khoản chi'],
    ['nhap', reliefAdminPaths.imports(id), 'Nhập sao kê'],
  ];
  return html`<nav aria-label="Mục của cuộc vận động" class="tabs"><ul>${tabs.map(([key, url, label]) => html`<li><a href="${url}"${key === current ? html` aria-current="page"` : ''}>${label}</a></li>`)}</ul></nav>`;
}

/** A campaign row in the newsroom list. */
export interface AdminCampaignItem {
  id: number;
  title: string;
  status: string;
  period: string;
  received: string;
  pending: number;
}

export function campaignAdminListPage(ctx: AdminContext, items: AdminCampaignItem[]): string {
  const table = html`<table class="data-table">
  <thead><tr><th scope="col">Cuộc vận động</th><th scope="col">Thời gian</th><th scope="col">Trạng thái</th><th scope="col">Tiền đã nhận</th></tr></thead>
  <tbody>
    ${items.length === 0 ? html`<tr><td colspan="4">Chưa có cuộc vận động nào.</td></tr>` : ''}
    ${items.map((c) => html`<tr><td><a href="${reliefAdminPaths.campaign(c.id)}">${c.title}</a></td><td>${c.period}</td><td>${c.status}</td><td>${c.received}</td></tr>`)}
  </tbody>
</table>`;
  const body = html`<div class="page-head"><h1>Vận động – cứu trợ</h1><a class="button" href="/quan-tri/van-dong/moi">Thêm cuộc vận động</a></div>
<p><a href="${reliefAdminPaths.accounts()}">Tài khoản nhận ủng hộ</a> · <a href="${reliefAdminPaths.summary()}">Báo cáo tổng kết năm</a> · <a href="/van-dong">Xem trang công khai</a></p>
${tableRegion('Danh sách cuộc vận động', table)}`;
  return adminLayout(ctx, 'Vận động – cứu trợ', body);
}

export interface CampaignFormValues {
  title: string;
  purpose: string;
  starts_on: string;
  ends_on: string;
  target_amount: string;
  account_ids: string[];
}

export const CAMPAIGN_LABELS: Record<string, string> = {
  title: 'Tên cuộc vận động',
  purpose: 'Mục đích',
  starts_on: 'Ngày bắt đầu',
  ends_on: 'Ngày kết thúc',
  target_amount: 'Mục tiêu (đồng)',
  account_ids: 'Tài khoản nhận ủng hộ',
};

/** The campaign form, and for a saved campaign its status actions and totals. */
export function campaignFormPage(
  ctx: AdminContext,
  view: {
    id: number | null;
    values: CampaignFormValues;
    errors: FieldError[];
    accounts: Array<{ id: number; label: string }>;
    status: string | null;
    statusKey: string | null;
    publicUrl: string | null;
    totals: TotalsView | null;
    pending: { receipts: number; spending: number };
  },
): string {
  const v = view.values;
  const e = view.errors;
  const title = view.id === null ? 'Thêm cuộc vận động' : v.title;
  const action = view.id === null ? '/quan-tri/van-dong' : reliefAdminPaths.campaign(view.id);
  const statusForm = (path: string, label: string) =>
    html`<form method="post" action="${reliefAdminPaths.campaign(view.id!)}/${path}" class="inline-form">${csrfField(ctx)}<button type="submit">${label}</button></form>`;
  const body = html`<h1>${title}</h1>
${view.id === null ? '' : campaignTabs(view.id, 'chung')}
${
  view.id === null
    ? ''
    : html`<p>Trạng thái: <strong>${view.status}</strong>${view.publicUrl ? html` · <a href="${view.publicUrl}">Xem trang công khai</a>` : ''}. Chờ xác nhận: ${view.pending.receipts} khoản thu, ${view.pending.spending} khoản chi.</p>
${
  ctx.can('relief.confirm')
    ? html`<p>${view.statusKey !== 'open' ? statusForm('cong-khai', view.statusKey === 'draft' ? 'Công khai cuộc vận động' : 'Mở lại cuộc vận động') : ''} ${view.statusKey === 'open' ? statusForm('ket-thuc', 'Kết thúc cuộc vận động') : ''}</p>`
    : ''
}`
}
${errorSummary(e, CAMPAIGN_LABELS)}
<form method="post" action="${action}" class="stack">
  ${csrfField(ctx)}
  ${textField('title', CAMPAIGN_LABELS.title!, v.title, e, { required: true, hint: 'Ví dụ: Ngày vì người nghèo 2019, Cứu trợ bão lũ 2024.' })}
  <div class="field"><label for="purpose">${CAMPAIGN_LABELS.purpose} <span class="required">(bắt buộc)</span></label>${fieldError(e, 'purpose')}<textarea id="purpose" name="purpose" rows="4" required${invalidAttrs(e, 'purpose')}>${v.purpose}</textarea></div>
  <div class="three-col">
    ${textField('starts_on', CAMPAIGN_LABELS.starts_on!, v.starts_on, e, { required: true, hint: 'dd/mm/yyyy' })}
    ${textField('ends_on', CAMPAIGN_LABELS.ends_on!, v.ends_on, e, { hint: 'dd/mm/yyyy, để trống nếu chưa định' })}
    ${textField('target_amount', CAMPAIGN_LABELS.target_amount!, v.target_amount, e, { hint: 'Ví dụ 500.000.000; để trống nếu không đặt' })}
  </div>
  <fieldset${invalidAttrs(e, 'account_ids')}><legend id="account_ids">${CAMPAIGN_LABELS.account_ids}</legend>${fieldError(e, 'account_ids')}
    ${view.accounts.length ? '' : html`<p>Chưa có tài khoản nào: <a href="${reliefAdminPaths.accounts()}">thêm tài khoản</a>.</p>`}
    <ul class="checkbox-list">${view.accounts.map((a) => html`<li><input type="checkbox" id="tk-${a.id}" name="account_ids" value="${a.id}"${v.account_ids.includes(String(a.id)) ? html` checked` : ''}> <label for="tk-${a.id}">${a.label}</label></li>`)}</ul>
  </fieldset>
  <p class="form-actions"><button type="submit" class="primary">Lưu</button></p>
</form>
${view.totals ? adminTotals(view.totals) : ''}`;
  return adminLayout(ctx, title, body);
}

function adminTotals(t: TotalsView): SafeHtml {
  return html`<h2>Số liệu đã xác nhận</h2>
<dl class="relief-admin-totals">
  <div><dt>Đã nhận (tiền)</dt><dd>${t.receivedCash}</dd></div>
  <div><dt>Đã nhận (hiện vật, ước tính)</dt><dd>${t.receivedGoodsValue}${t.receivedGoods.length ? html` – ${t.receivedGoods.join('; ')}` : ''}</dd></div>
  <div><dt>Tổng đã nhận</dt><dd>${t.receivedTotal}</dd></div>
  <div><dt>Tổng đã chi, hỗ trợ</dt><dd>${t.spentTotal}</dd></div>
  <div><dt>Tiền còn lại</dt><dd>${t.balanceCash}</dd></div>
</dl>`;
}

/** The site's bank accounts, and the form to add one. */
export function accountsPage(
  ctx: AdminContext,
  view: { accounts: Array<{ id: number; label: string; remembered: boolean }>; values: Record<string, string>; errors: FieldError[] },
): string {
  const e = view.errors;
  const table = html`<table class="data-table"><thead><tr><th scope="col">Tài khoản</th><th scope="col">Cách đọc sao kê</th></tr></thead><tbody>
  ${view.accounts.length === 0 ? html`<tr><td colspan="2">Chưa có tài khoản nào.</td></tr>` : ''}
  ${view.accounts.map((a) => html`<tr><td>${a.label}</td><td>${a.remembered ? 'Đã ghi nhớ từ lần nhập trước' : 'Chưa có'}</td></tr>`)}
  </tbody></table>`;
  const body = html`<h1>Tài khoản nhận ủng hộ</h1>
<p><a href="${reliefAdminPaths.index()}">Quay lại danh sách cuộc vận động</a></p>
${tableRegion('Tài khoản nhận ủng hộ', table)}
<h2>Thêm tài khoản</h2>
${errorSummary(e, { bank_name: 'Ngân hàng', account_number: 'Số tài khoản', account_name: 'Chủ tài khoản' })}
<form method="post" action="${reliefAdminPaths.accounts()}" class="stack">${csrfField(ctx)}
  <div class="three-col">
    ${textField('bank_name', 'Ngân hàng', view.values.bank_name ?? '', e, { required: true, hint: 'Ví dụ: Vietcombank chi nhánh Đồng Tháp' })}
    ${textField('account_number', 'Số tài khoản', view.values.account_number ?? '', e, { required: true })}
    ${textField('account_name', 'Chủ tài khoản', view.values.account_name ?? '', e, { required: true, hint: 'Ví dụ: Ủy ban MTTQ Việt Nam phường 1' })}
  </div>
  <p class="form-actions"><button type="submit" class="primary">Thêm tài khoản</button></p>
</form>`;
  return adminLayout(ctx, 'Tài khoản nhận ủng hộ', body);
}

/** Generating the draft of a year's summary article. */
export function summaryPage(ctx: AdminContext, view: { year: string; errors: FieldError[] }): string {
  const body = html`<h1>Báo cáo tổng kết vận động năm</h1>
<p>Tạo bản nháp bài viết tổng kết một năm: số nhà xây mới và sửa chữa cùng giá trị, hàng đã nhận (ví dụ gạo), tổng giá trị vận động… Mọi con số là số liệu tự tính từ sổ thu chi khi bài được xuất bản, kèm liên kết nguồn, nên tổng không thể nhỏ hơn các phần của nó. Bài đi qua quy trình duyệt như mọi bài viết.</p>
${errorSummary(view.errors, { year: 'Năm' })}
<form method="post" action="${reliefAdminPaths.summary()}" class="stack">${csrfField(ctx)}
  ${textField('year', 'Năm', view.year, view.errors, { required: true, hint: 'Ví dụ: 2019' })}
  <p class="form-actions"><button type="submit" class="primary">Tạo bản nháp</button></p>
</form>`;
  return adminLayout(ctx, 'Báo cáo tổng kết vận động năm', body);
}
