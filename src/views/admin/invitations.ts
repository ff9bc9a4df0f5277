import type { InvitationListing } from '../../repositories/invitation-repository.ts';
import { ROLE_NAMES } from '../../services/permissions.ts';
import { formatDate } from '../../text/format.ts';
import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, adminLayout, csrfField, tableRegion } from './layout.ts';

/** A pending invitation as the pages show it. */
export interface InvitationItem {
  id: number;
  siteName: string;
  siteHost: string | null;
  name: string;
  email: string;
  roleName: string;
  invitedBy: string;
  date: string;
}

/** A pending invitation row as the pages show it. */
export function presentInvitation(i: InvitationListing): InvitationItem {
  return {
    id: i.id,
    siteName: i.site_name,
    siteHost: i.site_host,
    name: i.display_name,
    email: i.email,
    roleName: ROLE_NAMES[i.role],
    invitedBy: i.invited_by_email ?? 'quản trị cổng',
    date: formatDate(i.created_at),
  };
}

/** One button that posts (with the CSRF token) to act on an invitation. */
export interface InvitationAction {
  url: string;
  label: string;
  style: 'primary' | 'secondary' | 'danger';
}

function actionForm(ctx: AdminContext, action: InvitationAction, label: string): SafeHtml {
  return html`<form method="post" action="${action.url}" class="inline-form">${csrfField(ctx)}<button type="submit" class="${action.style}" aria-label="${action.label}: ${label}">${action.label}</button></form>`;
}

/** Pending invitations as a table (a site's sent ones, or every one for the platform admin), each with one action. */
export function invitationTable(
  ctx: AdminContext,
  items: InvitationItem[],
  options: { caption: string; empty: string; action: (item: InvitationItem) => InvitationAction },
): SafeHtml {
  if (items.length === 0) return html`<p>${options.empty}</p>`;
  return tableRegion(
    options.caption,
    html`<table class="data-table"><caption>${options.caption}</caption>
<thead><tr><th scope="col">Cổng mời</th><th scope="col">Tài khoản</th><th scope="col">Vai trò</th><th scope="col">Người mời</th><th scope="col">Ngày mời</th><th scope="col">Thao tác</th></tr></thead>
<tbody>${items.map(
      (
        i,
      ) => html`<tr><td>${i.siteName}</td><td>${i.name}<br><span class="hint">${i.email}</span></td><td>${i.roleName}</td><td>${i.invitedBy}</td><td>${i.date}</td>
<td>${actionForm(ctx, options.action(i), `${i.email}, ${i.siteName}`)}</td></tr>`,
    )}</tbody></table>`,
  );
}

/** The invited person's page: each invitation with "accept" and "decline". */
export function invitationsPage(ctx: AdminContext, items: InvitationItem[], isMemberHere: boolean): string {
  const body = html`<h1>Lời mời tham gia cổng</h1>
<p class="hint">Tài khoản của bạn dùng chung cho mọi cổng trong tỉnh. Một cổng mời bạn thì bạn chỉ có vai trò ở cổng đó khi bạn chấp nhận; mật khẩu và các cổng khác của bạn không thay đổi.</p>
${
  items.length === 0
    ? html`<p>Bạn không có lời mời nào đang chờ.</p>${isMemberHere ? html`<p><a href="/quan-tri">Về bảng điều khiển</a></p>` : ''}`
    : html`<ul class="invitation-list">${items.map(
        (i) => html`<li class="panel">
  <h2>${i.siteName} mời bạn làm ${i.roleName}</h2>
  <p>Người mời: ${i.invitedBy} · Ngày mời: ${i.date}${i.siteHost ? html` · Địa chỉ quản trị: <a href="//${i.siteHost}/quan-tri">${i.siteHost}/quan-tri</a>` : ''}</p>
  <div class="inline-form">
    ${actionForm(ctx, { url: `/quan-tri/loi-moi/${i.id}/chap-nhan`, label: 'Chấp nhận', style: 'primary' }, i.siteName)}
    ${actionForm(ctx, { url: `/quan-tri/loi-moi/${i.id}/tu-choi`, label: 'Từ chối', style: 'secondary' }, i.siteName)}
  </div>
</li>`,
      )}</ul>`
}`;
  return adminLayout(ctx, 'Lời mời', body);
}
