import type { FieldError } from '../../errors.ts';
import { html } from '../html.ts';
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
