import type { FieldError } from '../../errors.ts';
import { type SafeHtml, html, trustedHtml } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, textField } from './layout.ts';
import { settingsTabs } from './site-shape/common.ts';

export interface SettingsValues {
  address: string;
  phone: string;
  email: string;
  responsible_person: string;
  responsible_title: string;
  require_totp: boolean;
}

/**
 * Site settings: the footer's contacts and whether everyone must use two-factor sign-in.
 * The form skips the browser's own checks so that a mistyped address gets the server's Vietnamese error, whatever the browser's language.
 */
export function settingsPage(ctx: AdminContext, values: SettingsValues, errors: FieldError[]): string {
  const body = html`<h1>Cài đặt cổng</h1>
${settingsTabs(ctx)}
${errorSummary(errors, { address: 'Địa chỉ', phone: 'Điện thoại', email: 'Thư điện tử', responsible_person: 'Người chịu trách nhiệm chính', responsible_title: 'Chức vụ người chịu trách nhiệm' })}
<form method="post" action="/quan-tri/cai-dat" class="stack narrow" novalidate>${csrfField(ctx)}
  <fieldset class="stack"><legend>Thông tin liên hệ ở chân trang</legend>
  ${textField('address', 'Địa chỉ', values.address, errors)}
  ${textField('phone', 'Điện thoại', values.phone, errors)}
  ${textField('email', 'Thư điện tử', values.email, errors, { type: 'email' })}
  ${textField('responsible_person', 'Người chịu trách nhiệm chính', values.responsible_person, errors)}
  ${textField('responsible_title', 'Chức vụ người chịu trách nhiệm', values.responsible_title, errors)}
  </fieldset>
  <fieldset><legend>Bảo mật</legend>
  <div class="field checkbox"><input id="require_totp" name="require_totp" type="checkbox" value="1"${values.require_totp ? html` checked` : ''}><label for="require_totp">Bắt buộc mọi người dùng của cổng bật xác thực hai bước</label></div>
  </fieldset>
  <button type="submit" class="primary">Lưu cài đặt</button>
</form>`;
  return adminLayout(ctx, 'Cài đặt', body);
}

export interface AccountView {
  mustChangePassword: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
  enrolment: { secret: string; qrSvg: string } | null;
  errors: FieldError[];
}

function totpSection(ctx: AdminContext, view: AccountView): SafeHtml {
  if (view.totpEnabled) return html`<p>Xác thực hai bước <strong>đã bật</strong> cho tài khoản này.</p>`;
  if (!view.enrolment) {
    return html`${view.totpRequired ? html`<p class="callout">Cổng này yêu cầu xác thực hai bước. Hãy bật trước khi tiếp tục.</p>` : ''}
<form method="post" action="/quan-tri/tai-khoan/xac-thuc-hai-buoc/bat-dau">${csrfField(ctx)}<button type="submit" class="primary">Bật xác thực hai bước</button></form>`;
  }
  return html`<ol class="steps">
  <li>Mở ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…) và quét mã QR:<div class="qr">${trustedHtml(view.enrolment.qrSvg)}</div>
  hoặc nhập mã bí mật: <code class="secret">${view.enrolment.secret}</code></li>
  <li>Nhập mã 6 số ứng dụng hiện ra:
  <form method="post" action="/quan-tri/tai-khoan/xac-thuc-hai-buoc" class="stack">${csrfField(ctx)}
    ${textField('code', 'Mã xác thực', '', view.errors, { autocomplete: 'one-time-code' })}
    <button type="submit" class="primary">Xác nhận và bật</button>
  </form></li>
</ol>`;
}

/** The signed-in user's own account: password and two-factor sign-in. */
export function accountPage(ctx: AdminContext, view: AccountView): string {
  const passwordErrors = view.errors.filter((e) => e.field !== 'code');
  const body = html`<h1>Tài khoản của tôi</h1>
<section aria-labelledby="doi-mat-khau" class="panel narrow"><h2 id="doi-mat-khau">Đổi mật khẩu</h2>
${view.mustChangePassword ? html`<p class="callout">Bạn đang dùng mật khẩu tạm. Hãy đặt mật khẩu mới để tiếp tục.</p>` : ''}
${errorSummary(passwordErrors, { current_password: 'Mật khẩu hiện tại', new_password: 'Mật khẩu mới' })}
<form method="post" action="/quan-tri/tai-khoan/mat-khau" class="stack">${csrfField(ctx)}
  ${textField('current_password', 'Mật khẩu hiện tại', '', passwordErrors, { type: 'password', autocomplete: 'current-password', required: true })}
  ${textField('new_password', 'Mật khẩu mới (ít nhất 10 ký tự)', '', passwordErrors, { type: 'password', autocomplete: 'new-password', required: true })}
  <button type="submit" class="primary">Đổi mật khẩu</button>
</form></section>
<section aria-labelledby="hai-buoc" class="panel narrow"><h2 id="hai-buoc">Xác thực hai bước</h2>${totpSection(ctx, view)}</section>`;
  return adminLayout(ctx, 'Tài khoản', body);
}
