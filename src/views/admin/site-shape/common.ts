import type { FieldError } from '../../../errors.ts';
import type { Permission } from '../../../services/permissions.ts';
import { type SafeHtml, html } from '../../html.ts';
import { type AdminContext, csrfField, fieldError, invalidAttrs } from '../layout.ts';

/** The pages of "Cài đặt", each shown to whoever may open it. */
const SETTINGS_TABS: Array<{ path: string; label: string; permission: Permission }> = [
  { path: '/quan-tri/cai-dat', label: 'Liên hệ và bảo mật', permission: 'settings.manage' },
  { path: '/quan-tri/cai-dat/chuyen-muc', label: 'Chuyên mục', permission: 'category.manage' },
  { path: '/quan-tri/cai-dat/danh-muc', label: 'Danh mục chính', permission: 'settings.manage' },
  { path: '/quan-tri/cai-dat/trang-chu', label: 'Trang chủ', permission: 'settings.manage' },
  { path: '/quan-tri/cai-dat/giao-dien', label: 'Giao diện', permission: 'settings.manage' },
];

/** The tabs between the settings pages, the current one marked. */
export function settingsTabs(ctx: AdminContext): SafeHtml {
  const current = (path: string) => (path === '/quan-tri/cai-dat' ? ctx.path === path : ctx.path.startsWith(path));
  return html`<nav class="tabs" aria-label="Các mục cài đặt"><ul>
  ${SETTINGS_TABS.filter((t) => ctx.can(t.permission)).map((t) => html`<li><a href="${t.path}"${current(t.path) ? html` aria-current="page"` : ''}>${t.label}</a></li>`)}
</ul></nav>`;
}

/** "Lên" and "Xuống" for an item of an ordered list, each a form of its own, named for screen readers. */
export function moveButtons(ctx: AdminContext, action: string, name: string, place: { first: boolean; last: boolean }): SafeHtml {
  const button = (direction: 'len' | 'xuong', label: string, disabled: boolean) =>
    html`<form method="post" action="${action}/${direction}" class="inline-form">${csrfField(ctx)}<button type="submit" class="secondary small"${disabled ? html` disabled` : ''}>${label}<span class="visually-hidden"> “${name}”</span></button></form>`;
  return html`${button('len', 'Lên', place.first)} ${button('xuong', 'Xuống', place.last)}`;
}

/** A labelled select that keeps its choice and shows its error. */
export function selectField(
  name: string,
  label: string,
  value: string,
  options: Array<{ value: string; label: string }>,
  errors: FieldError[],
  extra: { required?: boolean; hint?: string; id?: string } = {},
): SafeHtml {
  const id = extra.id ?? name;
  return html`<div class="field">
  <label for="${id}">${label}${extra.required ? html` <span class="required">(bắt buộc)</span>` : ''}</label>
  ${extra.hint ? html`<p class="hint">${extra.hint}</p>` : ''}
  ${fieldError(errors, name)}
  <select id="${id}" name="${name}"${extra.required ? html` required` : ''}${invalidAttrs(errors, name)}>
    ${options.map((o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`)}
  </select>
</div>`;
}

/** A checkbox with its label after it. */
export function checkboxField(name: string, label: string, checked: boolean, hint = ''): SafeHtml {
  return html`<div class="field checkbox"><input id="${name}" name="${name}" type="checkbox" value="1"${checked ? html` checked` : ''}${hint ? html` aria-describedby="${name}-goi-y"` : ''}><label for="${name}">${label}</label>${hint ? html`<p class="hint" id="${name}-goi-y">${hint}</p>` : ''}</div>`;
}
