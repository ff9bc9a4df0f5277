import type { FieldError } from '../../errors.ts';
import type { Pagination } from '../../services/pagination.ts';
import { BENEFICIARY_CATEGORIES, COMMON_UNITS, PROGRAMMES, reliefAdminPaths } from '../../services/relief/relief-labels.ts';
import { pagination } from '../components/pagination.ts';
import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, tableRegion, textField } from './layout.ts';
import { campaignTabs } from './relief.ts';

/** A ledger row as the newsroom lists show it. */
export interface AdminEntryItem {
  id: number;
  url: string;
  day: string;
  who: string;
  what: string;
  status: string;
  pending: boolean;
  mark: string;
}

const LABELS: Record<string, string> = {
  kind: 'Loại',
  amount: 'Số tiền hoặc giá trị (đồng)',
  quantity: 'Số lượng',
  unit: 'Đơn vị',
  donor_name: 'Người ủng hộ',
  received_on: 'Ngày nhận',
  channel: 'Hình thức',
  bank_ref: 'Số tham chiếu',
  account_id: 'Tài khoản',
  note: 'Nội dung',
  reason: 'Lý do điều chỉnh',
  category: 'Đối tượng',
  programme: 'Chương trình nhà',
  house_work: 'Xây mới hay sửa chữa',
  description: 'Nội dung chi',
  beneficiary_count: 'Số người, hộ được hỗ trợ',
  spent_on: 'Ngày chi',
  handover_on: 'Ngày bàn giao',
  full_name: 'Họ tên',
  address: 'Địa chỉ',
};

const select = (name: string, value: string, options: Array<[string, string]>, errors: FieldError[]) =>
  html`<div class="field"><label for="${name}">${LABELS[name]}</label>${fieldError(errors, name)}<select id="${name}" name="${name}"${invalidAttrs(errors, name)}>${options.map(([v, label]) => html`<option value="${v}"${v === value ? html` selected` : ''}>${label}</option>`)}</select></div>`;

/** A list of entries with checkboxes to confirm the pending ones (for approvers). */
function entryTable(ctx: AdminContext, label: string, items: AdminEntryItem[], confirmUrl: string): SafeHtml {
  const canConfirm = ctx.can('relief.confirm') && items.some((i) => i.pending);
  const table = html`<table class="data-table"><thead><tr>${canConfirm ? html`<th scope="col"><span class="visually-hidden">Chọn</span></th>` : ''}<th scope="col">Số</th><th scope="col">Ngày</th><th scope="col">Nội dung</th><th scope="col">Giá trị</th><th scope="col">Trạng thái</th></tr></thead><tbody>
  ${items.length === 0 ? html`<tr><td colspan="6">Chưa có khoản nào.</td></tr>` : ''}
  ${items.map(
    (i) =>
      html`<tr>${canConfirm ? html`<td>${i.pending ? html`<input type="checkbox" name="ids" value="${i.id}" id="chon-${i.id}" aria-label="Chọn khoản số ${i.id}">` : ''}</td>` : ''}<td><a href="${i.url}">${i.id}</a></td><td>${i.day}</td><td class="free-text">${i.who}${i.mark ? html`<br><span class="hint">${i.mark}</span>` : ''}</td><td>${i.what}</td><td>${i.status}</td></tr>`,
  )}
  </tbody></table>`;
  if (!canConfirm) return tableRegion(label, table);
  return html`<form method="post" action="${confirmUrl}">${csrfField(ctx)}${tableRegion(label, table)}<p><button type="submit">Xác nhận các khoản đã chọn</button></p></form>`;
}

/** The receipt form: cash or goods, donor or anonymous, channel and reference. */
export function receiptFields(v: Record<string, string>, e: FieldError[], accounts: Array<{ id: number; label: string }>): SafeHtml {
  return html`<div class="three-col">
    ${select(
      'kind',
      v.kind ?? 'cash',
      [
        ['cash', 'Tiền'],
        ['goods', 'Hiện vật'],
      ],
      e,
    )}
    ${select(
      'channel',
      v.channel ?? 'cash',
      [
        ['cash', 'Tiền mặt'],
        ['transfer', 'Chuyển khoản'],
        ['in_kind', 'Hiện vật'],
      ],
      e,
    )}
    ${textField('received_on', LABELS.received_on!, v.received_on ?? '', e, { required: true, hint: 'dd/mm/yyyy' })}
  </div>
  <div class="three-col">
    ${textField('amount', LABELS.amount!, v.amount ?? '', e, { hint: 'Ví dụ 200.000; hiện vật: giá trị ước tính' })}
    ${textField('quantity', LABELS.quantity!, v.quantity ?? '', e, { hint: 'Hiện vật: ví dụ 21.090 hoặc 12,5' })}
    <div class="field"><label for="unit">${LABELS.unit}</label><p class="hint" id="unit-goi-y">Hiện vật: ví dụ kg gạo</p>${fieldError(e, 'unit')}<input id="unit" name="unit" list="don-vi" value="${v.unit ?? ''}" aria-describedby="unit-goi-y"${invalidAttrs(e, 'unit')}><datalist id="don-vi">${COMMON_UNITS.map((u) => html`<option value="${u}">`)}</datalist></div>
  </div>
  <div class="two-col">
    ${textField('donor_name', LABELS.donor_name!, v.donor_name ?? '', e, { hint: 'Họ tên hoặc tên đơn vị' })}
    <div class="field"><input type="checkbox" id="anonymous" name="anonymous" value="1"${v.anonymous === '1' ? html` checked` : ''}> <label for="anonymous">Người ủng hộ đề nghị ẩn danh</label></div>
  </div>
  <div class="two-col">
    ${textField('bank_ref', LABELS.bank_ref!, v.bank_ref ?? '', e, { hint: 'Chuyển khoản: mã giao dịch của ngân hàng' })}
    ${select('account_id', v.account_id ?? '', [['', '—'], ...accounts.map((a): [string, string] => [String(a.id), a.label])], e)}
  </div>
  <div class="field"><label for="note">${LABELS.note}</label>${fieldError(e, 'note')}<textarea id="note" name="note" rows="2"${invalidAttrs(e, 'note')}>${v.note ?? ''}</textarea></div>`;
}

/** A campaign's receipts: the list to check and confirm, and the form to record one. */
export function receiptsPage(
  ctx: AdminContext,
  view: {
    campaignId: number;
    title: string;
    items: AdminEntryItem[];
    pagination: Pagination;
    status: string;
    q: string;
    values: Record<string, string>;
    errors: FieldError[];
    accounts: Array<{ id: number; label: string }>;
  },
): string {
  const base = reliefAdminPaths.receipts(view.campaignId);
  const tab = (s: string, label: string) =>
    html`<li><a href="${base}${s ? `?trang-thai=${s}` : ''}"${s === view.status ? html` aria-current="page"` : ''}>${label}</a></li>`;
  const body = html`<h1>${view.title}: khoản thu</h1>
${campaignTabs(view.campaignId, 'thu')}
<nav aria-label="Lọc theo trạng thái" class="tabs"><ul>${tab('', 'Tất cả')}${tab('pending', 'Chờ xác nhận')}${tab('confirmed', 'Đã xác nhận')}</ul></nav>
<form method="get" action="${base}" class="inline-form"><input type="hidden" name="trang-thai" value="${view.status}"><label for="q">Tìm theo tên, nội dung, mã</label> <input id="q" name="q" type="search" value="${view.q}"> <button type="submit">Tìm</button></form>
${entryTable(ctx, 'Khoản thu', view.items, `${base}/xac-nhan`)}
${pagination(view.pagination, (p) => `${base}?${new URLSearchParams({ ...(view.status ? { 'trang-thai': view.status } : {}), ...(view.q ? { q: view.q } : {}), trang: String(p) })}`)}
<h2 id="ghi-khoan-thu">Ghi khoản thu</h2>
<p class="hint">Khoản mới chờ một người khác có quyền xác nhận; đã xác nhận thì không sửa, không xóa, chỉ điều chỉnh bằng bút toán mới.</p>
${errorSummary(view.errors, LABELS)}
<form method="post" action="${base}" class="stack">${csrfField(ctx)}${receiptFields(view.values, view.errors, view.accounts)}<p class="form-actions"><button type="submit" class="primary">Ghi khoản thu</button></p></form>`;
  return adminLayout(ctx, `${view.title}: khoản thu`, body);
}

/** The spending form: what, to whom, cash or goods, a house. */
export function spendingFields(v: Record<string, string>, e: FieldError[]): SafeHtml {
  return html`<div class="three-col">
    ${select(
      'kind',
      v.kind ?? 'cash',
      [
        ['cash', 'Tiền'],
        ['goods', 'Hiện vật'],
      ],
      e,
    )}
    ${select(
      'category',
      v.category ?? 'ho-ngheo',
      BENEFICIARY_CATEGORIES.map((c): [string, string] => [c.key, c.name]),
      e,
    )}
    ${textField('spent_on', LABELS.spent_on!, v.spent_on ?? '', e, { required: true, hint: 'dd/mm/yyyy' })}
  </div>
  ${textField('description', LABELS.description!, v.description ?? '', e, { required: true, hint: 'Ví dụ: Hỗ trợ 50 hộ nghèo, mỗi hộ 10 kg gạo' })}
  <div class="three-col">
    ${textField('amount', LABELS.amount!, v.amount ?? '', e, { hint: 'Hiện vật: để trống để tính theo giá trị bình quân khi nhận' })}
    ${textField('quantity', LABELS.quantity!, v.quantity ?? '', e, { hint: 'Hiện vật: ví dụ 500' })}
    ${textField('unit', LABELS.unit!, v.unit ?? '', e, { hint: 'Hiện vật: đúng đơn vị khi nhận, ví dụ kg gạo' })}
  </div>
  <div class="three-col">
    ${textField('beneficiary_count', LABELS.beneficiary_count!, v.beneficiary_count ?? '', e, { hint: 'Công khai dưới dạng con số' })}
    ${select('programme', v.programme ?? '', [['', 'Không phải nhà'], ...PROGRAMMES.map((p): [string, string] => [p.key, p.name])], e)}
    ${select(
      'house_work',
      v.house_work ?? '',
      [
        ['', '—'],
        ['built', 'Xây mới'],
        ['repaired', 'Sửa chữa'],
      ],
      e,
    )}
  </div>
  ${textField('handover_on', LABELS.handover_on!, v.handover_on ?? '', e, { hint: 'Nhà: ngày bàn giao, dd/mm/yyyy' })}`;
}

/** A campaign's spending: the list to confirm, and the form to record one. */
export function spendingPage(
  ctx: AdminContext,
  view: { campaignId: number; title: string; items: AdminEntryItem[]; values: Record<string, string>; errors: FieldError[] },
): string {
  const base = reliefAdminPaths.spending(view.campaignId);
  const body = html`<h1>${view.title}: khoản chi</h1>
${campaignTabs(view.campaignId, 'chi')}
${entryTable(ctx, 'Khoản chi', view.items, `${base}/xac-nhan`)}
<h2>Ghi khoản chi, hỗ trợ</h2>
<p class="hint">Thông tin cá nhân người nhận ghi ở trang của từng khoản, không công khai.</p>
${errorSummary(view.errors, LABELS)}
<form method="post" action="${base}" class="stack">${csrfField(ctx)}${spendingFields(view.values, view.errors)}<p class="form-actions"><button type="submit" class="primary">Ghi khoản chi</button></p></form>`;
  return adminLayout(ctx, `${view.title}: khoản chi`, body);
}

/** One entry: its details and history; edit or delete while pending, correct once confirmed. */
export function entryPage(
  ctx: AdminContext,
  view: {
    kind: 'receipt' | 'spending';
    campaignId: number;
    id: number;
    heading: string;
    details: Array<[string, string]>;
    pending: boolean;
    correctable: boolean;
    history: AdminEntryItem[];
    fields: SafeHtml;
    errors: FieldError[];
    reason: string;
    extra?: SafeHtml;
  },
): string {
  const base = view.kind === 'receipt' ? reliefAdminPaths.receipt(view.campaignId, view.id) : reliefAdminPaths.spendingEntry(view.campaignId, view.id);
  const list = view.kind === 'receipt' ? reliefAdminPaths.receipts(view.campaignId) : reliefAdminPaths.spending(view.campaignId);
  const body = html`<h1>${view.heading}</h1>
<p><a href="${list}">Quay lại danh sách</a></p>
<dl class="relief-admin-totals">${view.details.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
${view.history.length ? html`<h2>Điều chỉnh</h2><ul>${view.history.map((h) => html`<li><a href="${h.url}">Số ${h.id}</a>: ${h.what} – ${h.mark} (${h.status})</li>`)}</ul>` : ''}
${errorSummary(view.errors, LABELS)}
${
  view.pending
    ? html`<h2>Sửa khoản chờ xác nhận</h2>
<form method="post" action="${base}" class="stack">${csrfField(ctx)}${view.fields}<p class="form-actions"><button type="submit" class="primary">Lưu</button></p></form>
<form method="post" action="${base}/xoa" class="inline-form">${csrfField(ctx)}<button type="submit" data-confirm="Xóa khoản chờ xác nhận này?">Xóa khoản này</button></form>
${ctx.can('relief.confirm') ? html`<form method="post" action="${list}/xac-nhan" class="inline-form">${csrfField(ctx)}<input type="hidden" name="ids" value="${view.id}"><button type="submit">Xác nhận khoản này</button></form>` : ''}`
    : ''
}
${
  view.correctable
    ? html`<h2>Điều chỉnh khoản đã xác nhận</h2>
<p class="hint">Khoản đã xác nhận không sửa được. Điều chỉnh tạo một bút toán hủy khoản này và, nếu cần, một khoản thay thế với số liệu đúng; cả hai chờ xác nhận.</p>
<form method="post" action="${base}/dieu-chinh" class="stack">${csrfField(ctx)}
  ${textField('reason', LABELS.reason!, view.reason, view.errors, { required: true })}
  <div class="field"><input type="checkbox" id="huy" name="huy" value="1"> <label for="huy">Chỉ hủy khoản này, không có khoản thay thế</label></div>
  ${view.fields}
  <p class="form-actions"><button type="submit" class="primary">Lập bút toán điều chỉnh</button></p>
</form>`
    : ''
}
${view.extra ?? ''}`;
  return adminLayout(ctx, view.heading, body);
}

/** The private list of people a spending reached, with their consent to be named. */
export function beneficiariesSection(
  ctx: AdminContext,
  base: string,
  people: Array<{ id: number; name: string; address: string; note: string; consent: boolean }>,
  errors: FieldError[],
): SafeHtml {
  return html`<h2>Người nhận hỗ trợ (không công khai)</h2>
<p class="hint">Chỉ người có quyền trong cổng xem được danh sách này. Trang công khai chỉ hiện số lượng, và tên của người đã đồng ý.</p>
<ul>${people.map(
    (p) => html`<li>${p.name}${p.address ? `, ${p.address}` : ''}${p.note ? ` (${p.note})` : ''} – ${p.consent ? 'đồng ý công khai tên' : 'không công khai tên'}
    <form method="post" action="${base}/nguoi-nhan/${p.id}/xoa" class="inline-form">${csrfField(ctx)}<button type="submit" class="link-button" data-confirm="Xóa người này khỏi danh sách?">Xóa</button></form></li>`,
  )}</ul>
${errorSummary(errors, LABELS)}
<form method="post" action="${base}/nguoi-nhan" class="stack">${csrfField(ctx)}
  <div class="two-col">${textField('full_name', LABELS.full_name!, '', errors, { required: true })}${textField('address', LABELS.address!, '', errors)}</div>
  ${textField('note', 'Ghi chú', '', errors)}
  <div class="field"><input type="checkbox" id="consent_public" name="consent_public" value="1"> <label for="consent_public">Người nhận đồng ý công khai tên</label></div>
  <p class="form-actions"><button type="submit">Thêm người nhận</button></p>
</form>`;
}
