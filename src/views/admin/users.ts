import type { Role } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import type { SiteMember } from '../../repositories/user-repository.ts';
import { ROLES, ROLE_NAMES } from '../../services/permissions.ts';
import { type SafeHtml, html } from '../html.ts';
import { type InvitationItem, invitationTable } from './invitations.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, textField, tableRegion } from './layout.ts';

export interface MemberItem {
  id: number;
  name: string;
  email: string;
  role: Role;
  totp: boolean;
  isSelf: boolean;
  /** Whether the account rule lets this admin change the account (password, sessions, 2FA). */
  controllable: boolean;
}

/** A member as a row of the staff list. */
export function presentMember(m: SiteMember, selfId: number, controllable: ReadonlySet<number>): MemberItem {
  return {
    id: m.id,
    name: m.display_name,
    email: m.email,
    role: m.role,
    totp: m.totp_enabled === 1,
    isSelf: m.id === selfId,
    controllable: controllable.has(m.id),
  };
}

export interface UsersView {
  members: MemberItem[];
  invitations: InvitationItem[];
  errors: FieldError[];
  values: { email: string; display_name: string; role: string };
}

function roleSelect(id: string, name: string, value: string): ReturnType<typeof html> {
  return html`<select id="${id}" name="${name}">${ROLES.map((r) => html`<option value="${r}"${r === value ? html` selected` : ''}>${ROLE_NAMES[r]}</option>`)}</select>`;
}

/** The account actions, or why they are not offered: the account works on a site this admin does not run, or is a platform admin. */
function accountActions(ctx: AdminContext, m: MemberItem, errors: FieldError[]): SafeHtml {
  if (!m.controllable) {
    return html`<p class="hint">Tài khoản này còn làm việc ở cổng khác hoặc là quản trị hệ thống: chỉ quản trị hệ thống được đặt lại mật khẩu.</p>`;
  }
  const failed = errors.some((e) => e.field === `password-${m.id}`);
  return html`<details${failed ? html` open` : ''}><summary>Mật khẩu, phiên đăng nhập${m.totp ? ', xác thực hai bước' : ''}</summary><div class="stack">
      <form method="post" action="/quan-tri/nguoi-dung/${m.id}/mat-khau" class="stack">${csrfField(ctx)}
        ${textField(`password-${m.id}`, 'Mật khẩu tạm (ít nhất 10 ký tự)', '', errors, { type: 'password', autocomplete: 'new-password' })}
        <button type="submit" class="secondary">Đặt lại mật khẩu</button></form>
      <form method="post" action="/quan-tri/nguoi-dung/${m.id}/ket-thuc-phien">${csrfField(ctx)}<button type="submit" class="secondary">Kết thúc mọi phiên đăng nhập</button></form>
      ${
        m.totp
          ? html`<form method="post" action="/quan-tri/nguoi-dung/${m.id}/tat-xac-thuc-hai-buoc">${csrfField(ctx)}<button type="submit" class="secondary">Tắt xác thực hai bước (mất điện thoại)</button></form>`
          : ''
      }</div></details>`;
}

/** The site's staff: roles, account actions, pending invitations, and adding someone. */
export function usersPage(ctx: AdminContext, view: UsersView): string {
  const isReset = (e: FieldError) => e.field.startsWith('password-');
  const resetLabels = Object.fromEntries(view.members.map((m) => [`password-${m.id}`, `Mật khẩu tạm của ${m.name}`]));
  const body = html`<h1>Người dùng của cổng</h1>
${errorSummary(view.errors.filter(isReset), resetLabels)}
${tableRegion(
  'Tài khoản có quyền trên cổng này',
  html`<table class="data-table">
  <caption>Tài khoản có quyền trên cổng này</caption>
  <thead><tr><th scope="col">Họ tên</th><th scope="col">Thư điện tử</th><th scope="col">Vai trò</th><th scope="col">Xác thực hai bước</th><th scope="col">Thao tác</th></tr></thead>
  <tbody>${view.members.map(
    (m) => html`<tr>
    <td>${m.name}</td><td>${m.email}</td><td>${ROLE_NAMES[m.role]}</td><td>${m.totp ? 'Đã bật' : 'Chưa bật'}</td>
    <td class="member-actions">${
      m.isSelf
        ? html`<span class="hint">Tài khoản của bạn (<a href="/quan-tri/tai-khoan">đổi mật khẩu, xác thực hai bước</a>)</span>`
        : html`<div class="stack"><form method="post" action="/quan-tri/nguoi-dung/${m.id}/vai-tro" class="inline-form">${csrfField(ctx)}
        <label for="role-${m.id}" class="visually-hidden">Vai trò của ${m.name}</label>${roleSelect(`role-${m.id}`, 'role', m.role)}
        <button type="submit" class="secondary">Đổi vai trò</button></form>
      ${accountActions(ctx, m, view.errors)}</div>`
    }</td>
  </tr>`,
  )}</tbody>
</table>`,
)}
<section aria-labelledby="loi-moi" class="panel"><h2 id="loi-moi">Lời mời đang chờ</h2>
${invitationTable(ctx, view.invitations, {
  caption: 'Lời mời cổng này đã gửi, chờ chủ tài khoản trả lời',
  empty: 'Không có lời mời nào đang chờ.',
  action: (i) => ({ url: `/quan-tri/nguoi-dung/loi-moi/${i.id}/thu-hoi`, label: 'Thu hồi', style: 'danger' }),
})}
</section>
<section aria-labelledby="them-nguoi" class="panel"><h2 id="them-nguoi">Thêm người dùng</h2>
<p class="hint">Thư điện tử chưa có tài khoản: tài khoản mới được tạo với mật khẩu tạm, phải đổi ở lần đăng nhập đầu. Thư điện tử đã có tài khoản trong tỉnh: tài khoản đó nhận <strong>lời mời</strong>, và chỉ có vai trò trên cổng này khi chủ tài khoản đăng nhập và chấp nhận; mật khẩu và các cổng khác của họ không thay đổi.</p>
${errorSummary(
  view.errors.filter((e) => !isReset(e)),
  { email: 'Thư điện tử', display_name: 'Họ tên', password: 'Mật khẩu tạm', role: 'Vai trò' },
)}
<form method="post" action="/quan-tri/nguoi-dung" class="stack">${csrfField(ctx)}
  ${textField('email', 'Thư điện tử', view.values.email, view.errors, { type: 'email', required: true })}
  ${textField('display_name', 'Họ tên (với tài khoản mới)', view.values.display_name, view.errors)}
  ${textField('password', 'Mật khẩu tạm (với tài khoản mới)', '', view.errors, { type: 'password', autocomplete: 'new-password' })}
  <div class="field"><label for="role">Vai trò</label>${fieldError(view.errors, 'role')}${roleSelect('role', 'role', view.values.role || 'contributor')}</div>
  <button type="submit" class="primary">Thêm hoặc mời</button>
</form></section>`;
  return adminLayout(ctx, 'Người dùng', body);
}
