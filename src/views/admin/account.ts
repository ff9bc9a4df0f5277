import QRCode from 'qrcode';
import type { UserRow } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { totpUri } from '../../services/auth/totp.ts';
import { type SafeHtml, html, trustedHtml } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, textField } from './layout.ts';

export interface AccountView {
  mustChangePassword: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
  enrolment: { secret: string; qrSvg: string } | null;
  recoveryCodesLeft: number;
  invitations: number;
  errors: FieldError[];
}

/** The account page's view of the stored account: an enrolment begun but not confirmed shows its secret and QR code. */
export async function presentAccount(
  state: { user: UserRow; recoveryCodesLeft: number; invitations: number },
  totpRequired: boolean,
  errors: FieldError[],
): Promise<AccountView> {
  const { user } = state;
  const enrolling = !user.totp_enabled && user.totp_secret;
  const enrolment = enrolling
    ? { secret: user.totp_secret!, qrSvg: await QRCode.toString(totpUri(user.totp_secret!, user.email, 'xaphuong'), { type: 'svg', margin: 1, width: 200 }) }
    : null;
  return {
    mustChangePassword: user.must_change_password === 1,
    totpEnabled: user.totp_enabled === 1,
    totpRequired,
    enrolment,
    recoveryCodesLeft: state.recoveryCodesLeft,
    invitations: state.invitations,
    errors,
  };
}

const PASSWORD_FIELDS = ['current_password', 'new_password'];

function enrolSection(ctx: AdminContext, view: AccountView, errors: FieldError[]): SafeHtml {
  if (!view.enrolment) {
    return html`${view.totpRequired ? html`<p class="callout">Cổng này yêu cầu xác thực hai bước. Hãy bật trước khi tiếp tục.</p>` : ''}
<p>Khi đăng nhập, ngoài mật khẩu bạn nhập thêm mã 6 số từ ứng dụng xác thực trên điện thoại.</p>
<form method="post" action="/quan-tri/tai-khoan/xac-thuc-hai-buoc/bat-dau">${csrfField(ctx)}<button type="submit" class="primary">Bật xác thực hai bước</button></form>`;
  }
  return html`${errorSummary(errors, { code: 'Mã xác thực' })}<ol class="steps">
  <li>Mở ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…) và quét mã QR:<div class="qr">${trustedHtml(view.enrolment.qrSvg)}</div>
  hoặc nhập mã bí mật: <code class="secret">${view.enrolment.secret}</code></li>
  <li>Nhập mã 6 số ứng dụng hiện ra:
  <form method="post" action="/quan-tri/tai-khoan/xac-thuc-hai-buoc" class="stack">${csrfField(ctx)}
    ${textField('code', 'Mã xác thực', '', errors, { autocomplete: 'one-time-code' })}
    <button type="submit" class="primary">Xác nhận và bật</button>
  </form></li>
</ol>`;
}

/** Turning 2FA off, or renewing the recovery codes: both need the current password and a code, in one form with two buttons. */
function changeSection(ctx: AdminContext, view: AccountView, errors: FieldError[]): SafeHtml {
  const left = view.recoveryCodesLeft;
  return html`<p>Xác thực hai bước <strong>đã bật</strong> cho tài khoản này. Bạn còn <strong>${left}</strong> mã khôi phục chưa dùng.</p>
${left <= 3 ? html`<p class="callout">Sắp hết mã khôi phục: hãy tạo bộ mã mới và cất giữ cẩn thận.</p>` : ''}
<h3>Thay đổi xác thực hai bước</h3>
<p class="hint">Để tạo mã khôi phục mới hoặc tắt xác thực hai bước, hãy nhập mật khẩu hiện tại và mã 6 số trong ứng dụng (hoặc một mã khôi phục).</p>
${errorSummary(errors, { password: 'Mật khẩu hiện tại', code: 'Mã xác thực' })}
<form method="post" action="/quan-tri/tai-khoan/xac-thuc-hai-buoc/thay-doi" class="stack">${csrfField(ctx)}
  ${textField('password', 'Mật khẩu hiện tại', '', errors, { type: 'password', autocomplete: 'current-password', required: true })}
  ${textField('code', 'Mã 6 số hoặc mã khôi phục', '', errors, { autocomplete: 'one-time-code', required: true })}
  <div class="inline-form">
    <button type="submit" name="action" value="ma-moi" class="secondary">Tạo mã khôi phục mới</button>
    <button type="submit" name="action" value="tat" class="danger">Tắt xác thực hai bước</button>
  </div>
</form>`;
}

/** The signed-in user's own account: password, two-factor sign-in, and invitations waiting for an answer. */
export function accountPage(ctx: AdminContext, view: AccountView): string {
  const passwordErrors = view.errors.filter((e) => PASSWORD_FIELDS.includes(e.field));
  const totpErrors = view.errors.filter((e) => !PASSWORD_FIELDS.includes(e.field));
  const body = html`<h1>Tài khoản của tôi</h1>
${view.invitations ? html`<p class="callout">Bạn có <a href="/quan-tri/loi-moi">${view.invitations} lời mời tham gia cổng</a> đang chờ trả lời.</p>` : ''}
<section aria-labelledby="doi-mat-khau" class="panel narrow"><h2 id="doi-mat-khau">Đổi mật khẩu</h2>
${view.mustChangePassword ? html`<p class="callout">Bạn đang dùng mật khẩu tạm. Hãy đặt mật khẩu mới để tiếp tục.</p>` : ''}
<p class="hint">Sau khi đổi, mọi phiên đăng nhập khác của bạn (trên máy khác, trình duyệt khác) sẽ kết thúc.</p>
${errorSummary(passwordErrors, { current_password: 'Mật khẩu hiện tại', new_password: 'Mật khẩu mới' })}
<form method="post" action="/quan-tri/tai-khoan/mat-khau" class="stack">${csrfField(ctx)}
  ${textField('current_password', 'Mật khẩu hiện tại', '', passwordErrors, { type: 'password', autocomplete: 'current-password', required: true })}
  ${textField('new_password', 'Mật khẩu mới (ít nhất 10 ký tự)', '', passwordErrors, { type: 'password', autocomplete: 'new-password', required: true })}
  <button type="submit" class="primary">Đổi mật khẩu</button>
</form></section>
<section aria-labelledby="hai-buoc" class="panel narrow"><h2 id="hai-buoc">Xác thực hai bước</h2>${
    view.totpEnabled ? changeSection(ctx, view, totpErrors) : enrolSection(ctx, view, totpErrors)
  }</section>`;
  return adminLayout(ctx, 'Tài khoản', body);
}

/** The recovery codes, shown once after they are made: only their hashes are kept. */
export function recoveryCodesPage(ctx: AdminContext, codes: string[]): string {
  const body = html`<h1>Mã khôi phục của bạn</h1>
<section class="panel narrow" aria-labelledby="ma-khoi-phuc"><h2 id="ma-khoi-phuc">Lưu lại ngay: các mã này chỉ hiện một lần</h2>
<p>Khi mất hoặc đổi điện thoại, bạn đăng nhập bằng một trong các mã dưới đây thay cho mã 6 số. Mỗi mã chỉ dùng được một lần.</p>
<ol class="recovery-codes">${codes.map((code) => html`<li><code>${code}</code></li>`)}</ol>
<p class="hint">Hãy chép ra giấy hoặc in trang này, cất ở nơi an toàn, không lưu chung với mật khẩu. Hệ thống chỉ giữ bản băm nên không thể hiện lại các mã này.</p>
<p><a class="button" href="/quan-tri/tai-khoan?ok=ma-khoi-phuc">Tôi đã lưu các mã, tiếp tục</a></p>
</section>`;
  return adminLayout(ctx, 'Mã khôi phục', body);
}
