import type { Role } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { ROLES, ROLE_NAMES } from '../../services/permissions.ts';
import { html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, textField, tableRegion } from './layout.ts';

export interface MemberItem {
  id: number;
  name: string;
  email: string;
  role: Role;
  totp: boolean;
  isSelf: boolean;
}

export interface UsersView {
  members: MemberItem[];
  errors: FieldError[];
  values: { email: string; display_name: string; role: string };
}

function roleSelect(id: string, name: string, value: string): ReturnType<typeof html> {
  return html`<select id="${id}" name="${name}">${ROLES.map((r) => html`<option value="${r}"${r === value ? html` selected` : ''}>${ROLE_NAMES[r]}</option>`)}</select>`;
}

/** The site's staff: roles, password resets, and adding someone. */
export function usersPage(ctx: AdminContext, view: UsersView): string {
  const body = html`<h1>Người dùng của cổng</h1>
${tableRegion(
  'Tài khoản có quyền trên cổng này',
  html`<table class="data-table">
  <caption>Tài khoản có quyền trên cổng này</caption>
  <thead><tr><th scope="col">Họ tên</th><th scope="col">E-mail</th><th scope="col">Vai trò</th><th scope="col">Xác thực hai bước</th><th scope="col">Thao tác</th></tr></thead>
  <tbody>${view.members.map(
    (m) => html`<tr>
    <td>${m.name}</td><td>${m.email}</td><td>${ROLE_NAMES[m.role]}</td><td>${m.totp ? 'Đã bật' : 'Chưa bật'}</td>
    <td>${
      m.isSelf
        ? html`<span class="hint">Tài khoản của bạn</span>`
        : html`<form method="post" action="/quan-tri/nguoi-dung/${m.id}/vai-tro" class="inline-form">${csrfField(ctx)}
        <label for="role-${m.id}" class="visually-hidden">Vai trò của ${m.name}</label>${roleSelect(`role-${m.id}`, 'role', m.role)}
        <button type="submit" class="secondary">Đổi vai trò</button></form>
      <details><summary>Đặt lại mật khẩu</summary><form method="post" action="/quan-tri/nguoi-dung/${m.id}/mat-khau" class="stack">${csrfField(ctx)}
        ${textField(`password-${m.id}`, 'Mật khẩu tạm (ít nhất 10 ký tự)', '', [], { type: 'password', autocomplete: 'new-password' })}
        <button type="submit" class="secondary">Đặt lại</button></form></details>`
    }</td>
  </tr>`,
  )}</tbody>
</table>`,
)}
<section aria-labelledby="them-nguoi" class="panel"><h2 id="them-nguoi">Thêm người dùng</h2>
<p class="hint">Nếu e-mail đã có tài khoản trong tỉnh, tài khoản đó được cấp vai trò trên cổng này và giữ mật khẩu cũ. Tài khoản mới phải đổi mật khẩu tạm ở lần đăng nhập đầu.</p>
${errorSummary(view.errors, { email: 'E-mail', display_name: 'Họ tên', password: 'Mật khẩu tạm', role: 'Vai trò' })}
<form method="post" action="/quan-tri/nguoi-dung" class="stack">${csrfField(ctx)}
  ${textField('email', 'E-mail', view.values.email, view.errors, { type: 'email', required: true })}
  ${textField('display_name', 'Họ tên', view.values.display_name, view.errors)}
  ${textField('password', 'Mật khẩu tạm (với tài khoản mới)', '', view.errors, { type: 'password', autocomplete: 'new-password' })}
  <div class="field"><label for="role">Vai trò</label>${fieldError(view.errors, 'role')}${roleSelect('role', 'role', view.values.role || 'contributor')}</div>
  <button type="submit" class="primary">Thêm</button>
</form></section>`;
  return adminLayout(ctx, 'Người dùng', body);
}
