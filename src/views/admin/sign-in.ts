import type { FieldError } from '../../errors.ts';
import { html } from '../html.ts';
import { type AdminContext, adminLayout, errorSummary, textField } from './layout.ts';

export interface SignInView {
  email: string;
  next: string;
  csrf: string;
  errors: FieldError[];
  message?: string | undefined;
}

/** The sign-in form. It keeps the e-mail after a failure, never the password. */
export function signInPage(ctx: AdminContext, view: SignInView): string {
  const body = html`<div class="narrow">
<h1>Đăng nhập quản trị</h1>
${view.message ? html`<div class="error-summary" role="alert"><p>${view.message}</p></div>` : errorSummary(view.errors, { email: 'Thư điện tử', password: 'Mật khẩu' })}
<form action="/quan-tri/dang-nhap" method="post" class="stack">
  <input type="hidden" name="_csrf" value="${view.csrf}">
  <input type="hidden" name="tiep" value="${view.next}">
  ${textField('email', 'Thư điện tử', view.email, view.errors, { type: 'email', required: true, autocomplete: 'username' })}
  ${textField('password', 'Mật khẩu', '', view.errors, { type: 'password', required: true, autocomplete: 'current-password' })}
  <button type="submit">Đăng nhập</button>
</form>
<p class="hint">Quên mật khẩu? Hãy liên hệ quản trị cổng của đơn vị để được đặt lại.</p>
</div>`;
  return adminLayout(ctx, 'Đăng nhập', body);
}

/** The second sign-in step: the 6-digit code from the authenticator app, or one recovery code for a lost phone. */
export function totpStepPage(ctx: AdminContext, errors: FieldError[]): string {
  const recoveryErrors = errors.filter((e) => e.field === 'recovery_code');
  const body = html`<div class="narrow">
<h1>Xác thực hai bước</h1>
<p>Nhập mã 6 số đang hiện trong ứng dụng xác thực trên điện thoại của bạn.</p>
${errorSummary(errors, { code: 'Mã xác thực', recovery_code: 'Mã khôi phục' })}
<form action="/quan-tri/xac-thuc" method="post" class="stack">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  ${textField('code', 'Mã xác thực', '', errors, { required: true, autocomplete: 'one-time-code', inputmode: 'numeric' })}
  <button type="submit">Xác nhận</button>
</form>
<details class="panel"${recoveryErrors.length ? html` open` : ''}><summary>Mất điện thoại? Dùng mã khôi phục</summary>
<form action="/quan-tri/xac-thuc" method="post" class="stack">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  ${textField('recovery_code', 'Mã khôi phục (dạng xxxxx-xxxxx)', '', recoveryErrors, { required: true, autocomplete: 'off', hint: 'Mỗi mã khôi phục chỉ dùng được một lần. Sau khi vào được, hãy tạo bộ mã mới hoặc bật lại xác thực hai bước với điện thoại mới.' })}
  <button type="submit" class="secondary">Đăng nhập bằng mã khôi phục</button>
</form>
</details>
</div>`;
  return adminLayout(ctx, 'Xác thực hai bước', body);
}
