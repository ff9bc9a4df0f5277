import type { FieldError } from '../../errors.ts';
import { html } from '../html.ts';
import { type InvitationItem, invitationTable } from './invitations.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, textField, tableRegion } from './layout.ts';

export interface PlatformView {
  sites: Array<{ id: number; name: string; province: string; hosts: string[] }>;
  invitations: InvitationItem[];
  errors: FieldError[];
  values: NewSiteValues;
}

/** What the new-site form holds. */
export interface NewSiteValues {
  name: string;
  unit_type: string;
  province: string;
  host: string;
  address: string;
  phone: string;
  email: string;
  responsible_person: string;
  responsible_title: string;
}

/** Province level: every commune site of the installation, and a form to add one. */
export function platformPage(ctx: AdminContext, view: PlatformView): string {
  const body = html`<h1>Quản trị hệ thống</h1>
<p><a href="/quan-tri/he-thong/viet-tat">Từ viết tắt khi tìm kiếm</a>: UBND, HĐND, MTTQ… và những từ riêng của tỉnh.</p>
<p><a href="/quan-tri/he-thong/tuan-thu">Tuân thủ quy định của các cổng</a>: bảng từng yêu cầu của từng cổng trong tỉnh, tải về CSV.</p>
<p><a href="/quan-tri/he-thong/thong-bao-tinh">Thông báo của tỉnh</a>: đăng một lần lên mọi xã, phường của tỉnh hoặc các xã, phường được chọn.</p>
<p><a href="/quan-tri/he-thong/gop-cong">Gộp cổng của các đơn vị cũ vào đơn vị mới</a></p>
${tableRegion(
  'Các cổng trong hệ thống',
  html`<table class="data-table"><caption>Các cổng trong hệ thống</caption>
<thead><tr><th scope="col">Cổng</th><th scope="col">Tỉnh</th><th scope="col">Tên miền</th></tr></thead>
<tbody>${view.sites.map((s) => html`<tr><td>${s.name}</td><td>${s.province}</td><td>${s.hosts.map((h, i) => html`${i ? ', ' : ''}<a href="//${h}/quan-tri">${h}</a>`)}</td></tr>`)}</tbody></table>`,
)}
<section aria-labelledby="loi-moi-cho" class="panel"><h2 id="loi-moi-cho">Lời mời đang chờ trả lời</h2>
<p class="hint">Khi quản trị một cổng thêm thư điện tử đã có tài khoản, tài khoản đó chỉ nhận lời mời. Nếu chủ tài khoản không thể tự đăng nhập để nhận, quản trị hệ thống có thể duyệt thay sau khi đã xác minh.</p>
${invitationTable(ctx, view.invitations, {
  caption: 'Lời mời đang chờ trong toàn hệ thống',
  empty: 'Không có lời mời nào đang chờ.',
  action: (i) => ({ url: `/quan-tri/he-thong/loi-moi/${i.id}/duyet`, label: 'Duyệt thay chủ tài khoản', style: 'secondary' }),
})}
</section>
<section aria-labelledby="cong-moi" class="panel narrow"><h2 id="cong-moi">Tạo cổng mới</h2>
<p class="hint">Địa chỉ, điện thoại, thư điện tử và người chịu trách nhiệm hiện ở chân mọi trang và trang liên hệ, như Nghị định 42/2022 yêu cầu. Cổng mới có sẵn các trang Giới thiệu ở dạng nháp với các đề mục cần viết.</p>
${errorSummary(view.errors, {
  name: 'Tên đơn vị',
  unit_type: 'Loại đơn vị',
  province: 'Tỉnh',
  host: 'Tên miền',
  address: 'Địa chỉ',
  phone: 'Điện thoại',
  email: 'Thư điện tử',
  responsible_person: 'Người chịu trách nhiệm',
  responsible_title: 'Chức vụ người chịu trách nhiệm',
})}
<form method="post" action="/quan-tri/he-thong" class="stack">${csrfField(ctx)}
  ${textField('name', 'Tên đơn vị (ví dụ: Phường 2, Xã Tân Phú)', view.values.name, view.errors, { required: true })}
  <div class="field"><label for="unit_type">Loại đơn vị</label><select id="unit_type" name="unit_type">
    ${[
      ['xa', 'Xã'],
      ['phuong', 'Phường'],
      ['dac_khu', 'Đặc khu'],
      ['tinh', 'Tỉnh (cổng tỉnh: tổng hợp tin, danh bạ và tìm kiếm của các xã, phường cùng tỉnh)'],
    ].map(([v, l]) => html`<option value="${v}"${v === view.values.unit_type ? html` selected` : ''}>${l}</option>`)}
  </select></div>
  ${textField('province', 'Tỉnh', view.values.province, view.errors, { required: true })}
  ${textField('host', 'Tên miền (ví dụ: phuong2.dongthap.gov.vn)', view.values.host, view.errors, { required: true })}
  ${textField('address', 'Địa chỉ trụ sở', view.values.address, view.errors, { required: true, autocomplete: 'street-address' })}
  ${textField('phone', 'Điện thoại', view.values.phone, view.errors, { required: true, type: 'tel', autocomplete: 'tel' })}
  ${textField('email', 'Thư điện tử', view.values.email, view.errors, { required: true, type: 'email', autocomplete: 'email' })}
  ${textField('responsible_person', 'Người chịu trách nhiệm (họ và tên)', view.values.responsible_person, view.errors, { required: true })}
  ${textField('responsible_title', 'Chức vụ người chịu trách nhiệm (ví dụ: Chủ tịch Ủy ban nhân dân xã)', view.values.responsible_title, view.errors)}
  <button type="submit" class="primary">Tạo cổng</button>
</form></section>`;
  return adminLayout(ctx, 'Hệ thống', body);
}
