import type { FieldError } from '../../errors.ts';
import { type Permission } from '../../services/permissions.ts';
import { DATE_TIME_PATTERN, DATE_TIME_PLACEHOLDER } from '../../text/date-time-input.ts';
import { type SafeHtml, html } from '../html.ts';
import { foldBar } from '../layout.ts';

/** What every admin page needs: who is signed in, on which site, and the assets. */
export interface AdminContext {
  siteName: string;
  siteAuthority: string;
  user: { name: string; email: string; roleName: string } | null;
  csrf: string;
  can: (permission: Permission) => boolean;
  path: string;
  assets: {
    siteCss: string;
    adminCss: string;
    lookCss: string;
    siteJs: string;
    js: string;
    icon: string;
    editorJs?: string | undefined;
    editorCss?: string | undefined;
  };
  /** A one-line result of the last action ("Đã lưu"). */
  notice?: string | undefined;
  /** What waits for this person per area (articles, documents, calendars, organisation, questions), for the menu's badges. */
  counts?: Readonly<Record<WorkArea, number>> | undefined;
}

/** The newsroom areas whose menu entries count what waits. */
type WorkArea = 'articles' | 'documents' | 'calendars' | 'organisation' | 'questions';

const NAV: Array<{ path: string; label: string; permission: Permission; work?: WorkArea | 'all' }> = [
  { path: '/quan-tri', label: 'Bảng điều khiển', permission: 'admin.access', work: 'all' },
  { path: '/quan-tri/bai-viet', label: 'Bài viết', permission: 'admin.access', work: 'articles' },
  { path: '/quan-tri/bai-cua-toi', label: 'Bài của tôi', permission: 'article.create' },
  { path: '/quan-tri/tin-noi-bat', label: 'Tin nổi bật', permission: 'article.publish' },
  { path: '/quan-tri/media', label: 'Thư viện ảnh và tệp', permission: 'admin.access' },
  { path: '/quan-tri/van-ban', label: 'Văn bản', permission: 'document.edit', work: 'documents' },
  { path: '/quan-tri/thong-bao-cua-tinh', label: 'Thông báo của tỉnh', permission: 'admin.access' },
  { path: '/quan-tri/cong-khai', label: 'Công khai', permission: 'disclosure.edit' },
  { path: '/quan-tri/lay-y-kien', label: 'Lấy ý kiến', permission: 'document.edit' },
  { path: '/quan-tri/hoi-dap', label: 'Hỏi đáp', permission: 'question.answer', work: 'questions' },
  { path: '/quan-tri/lich-cong-tac', label: 'Lịch', permission: 'calendar.edit', work: 'calendars' },
  { path: '/quan-tri/gioi-thieu', label: 'Giới thiệu', permission: 'organisation.submit', work: 'organisation' },
  { path: '/quan-tri/van-dong', label: 'Vận động – cứu trợ', permission: 'relief.edit' },
  { path: '/quan-tri/lien-ket', label: 'Liên kết', permission: 'organisation.edit' },
  { path: '/quan-tri/danh-gia', label: 'Đánh giá hài lòng', permission: 'feedback.view' },
  { path: '/quan-tri/thong-bao-bao-tri', label: 'Bảo trì', permission: 'portal.notices' },
  { path: '/quan-tri/duong-dan-cu', label: 'Đường dẫn cũ', permission: 'redirect.manage' },
  { path: '/quan-tri/nguoi-dung', label: 'Người dùng', permission: 'user.manage' },
  { path: '/quan-tri/nhat-ky', label: 'Nhật ký', permission: 'audit.view' },
  { path: '/quan-tri/cai-dat', label: 'Cài đặt', permission: 'settings.manage' },
  { path: '/quan-tri/thung-rac', label: 'Thùng rác', permission: 'article.delete' },
  { path: '/quan-tri/he-thong', label: 'Hệ thống', permission: 'platform.manage' },
];

/** The badge of a menu entry: how many things wait there for this person; nothing when none. */
function workBadge(counts: AdminContext['counts'], area: WorkArea | 'all' | undefined): SafeHtml {
  if (!counts || !area) return html``;
  const n = area === 'all' ? Object.values(counts).reduce((a, b) => a + b, 0) : counts[area];
  return n > 0 ? html` <span class="nav-count">${n > 99 ? '99+' : String(n)}<span class="visually-hidden"> việc đang chờ</span></span>` : html``;
}

/** The hidden CSRF field every admin form carries. */
export function csrfField(ctx: AdminContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

/** The field's error, if any, linked to its input by id. */
export function fieldError(errors: FieldError[], name: string): SafeHtml {
  const error = errors.find((e) => e.field === name);
  return error ? html`<p class="field-error" id="${name}-loi">${error.message}</p>` : html``;
}

/** aria attributes marking an input invalid and pointing at its error. */
export function invalidAttrs(errors: FieldError[], name: string): SafeHtml {
  return errors.some((e) => e.field === name) ? html` aria-invalid="true" aria-describedby="${name}-loi"` : html``;
}

/** A summary of every error at the top of a form, each linking to its field. */
export function errorSummary(errors: FieldError[], labels: Record<string, string> = {}): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1">
  <h2>Chưa lưu được, vui lòng sửa:</h2>
  <ul>${errors.map((e) => html`<li><a href="#${e.field}">${labels[e.field] ?? e.field}: ${e.message}</a></li>`)}</ul>
</div>`;
}

/** A labelled text input that keeps its value and shows its error. */
export function textField(
  name: string,
  label: string,
  value: string,
  errors: FieldError[],
  options: { type?: string; required?: boolean; hint?: string; autocomplete?: string; inputmode?: 'numeric' } = {},
): SafeHtml {
  return html`<div class="field">
  <label for="${name}">${label}${options.required ? html` <span class="required">(bắt buộc)</span>` : ''}</label>
  ${options.hint ? html`<p class="hint" id="${name}-goi-y">${options.hint}</p>` : ''}
  ${fieldError(errors, name)}
  <input id="${name}" name="${name}" type="${options.type ?? 'text'}" value="${value}"${options.required ? html` required` : ''}${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${options.inputmode ? html` inputmode="${options.inputmode}"` : ''}${invalidAttrs(errors, name)}>
</div>`;
}

/**
 * A date and time typed as dd/mm/yyyy HH:mm in Vietnam time, the same in
 * every browser's language (src/text/date-time-input.ts reads it back).
 */
export function dateTimeInput(name: string, label: string, value: string, errors: FieldError[], options: { required?: boolean; hint?: string } = {}): SafeHtml {
  const invalid = errors.some((e) => e.field === name);
  const describedBy = `${name}-goi-y${invalid ? ` ${name}-loi` : ''}`;
  return html`<div class="field">
  <label for="${name}">${label}${options.required ? html` <span class="required">(bắt buộc)</span>` : ''}</label>
  <p class="hint" id="${name}-goi-y">Viết ngày/tháng/năm giờ:phút, giờ Việt Nam, ví dụ 07/12/2026 08:30.${options.hint ? ` ${options.hint}` : ''}</p>
  ${fieldError(errors, name)}
  <input id="${name}" name="${name}" type="text" class="date-time" value="${value}" inputmode="numeric" autocomplete="off" placeholder="${DATE_TIME_PLACEHOLDER}" pattern="${DATE_TIME_PATTERN}" title="dd/mm/yyyy HH:mm"${options.required ? html` required` : ''}${invalid ? html` aria-invalid="true"` : ''} aria-describedby="${describedBy}">
</div>`;
}

/** Where a refused save over someone else's says so, above the fields (the error summary links here). */
export function conflictNotice(errors: FieldError[]): SafeHtml {
  const error = errors.find((e) => e.field === 'version');
  return error
    ? html`<div class="callout" id="version" tabindex="-1"><p class="field-error" id="version-loi"><strong>Lưu trùng với người khác:</strong> ${error.message}</p></div>`
    : html``;
}

/** A table that scrolls sideways on phones: a labelled region that keyboard users can scroll too. */
export function tableRegion(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

/** Wraps an admin page in the newsroom's header, menu and footer. */
export function adminLayout(ctx: AdminContext, title: string, body: SafeHtml, options: { editor?: boolean } = {}): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} – Quản trị ${ctx.siteName}</title>
<link rel="icon" href="${ctx.assets.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${ctx.assets.siteCss}">
<link rel="stylesheet" href="${ctx.assets.adminCss}">
<link rel="stylesheet" href="${ctx.assets.lookCss}">
${options.editor && ctx.assets.editorCss ? html`<link rel="stylesheet" href="${ctx.assets.editorCss}">` : ''}
<script src="${ctx.assets.siteJs}" defer></script>
<script src="${ctx.assets.js}" defer></script>
${options.editor && ctx.assets.editorJs ? html`<script src="${ctx.assets.editorJs}" defer></script>` : ''}
</head>
<body class="admin">
<a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="admin-header">
  <div class="wrap admin-header-inner">
    <p class="admin-brand"><a href="/quan-tri">Quản trị</a> <span>${ctx.siteAuthority}</span></p>
    ${
      ctx.user
        ? html`<div class="admin-user">
      <a href="/quan-tri/tai-khoan">${ctx.user.name}</a> <span class="role">(${ctx.user.roleName})</span>
      <form action="/quan-tri/dang-xuat" method="post" class="inline-form">${csrfField(ctx)}<button type="submit" class="link-button">Đăng xuất</button></form>
      <a href="/">Xem cổng</a>
    </div>`
        : ''
    }
  </div>
  ${
    ctx.user
      ? html`<nav class="admin-nav fold" id="menu-quan-tri" aria-label="Quản trị">
  ${foldBar('menu-quan-tri', html`Danh mục quản trị${workBadge(ctx.counts, 'all')}`, 'Đóng danh mục quản trị')}
  <ul class="wrap" id="menu-quan-tri-ds">
    ${NAV.filter((item) => ctx.can(item.permission)).map((item) => {
      const current = item.path === '/quan-tri' ? ctx.path === '/quan-tri' : ctx.path.startsWith(item.path);
      return html`<li><a href="${item.path}"${current ? html` aria-current="page"` : ''}>${item.label}${workBadge(ctx.counts, item.work)}</a></li>`;
    })}
  </ul></nav>`
      : ''
  }
</header>
<main id="noi-dung" class="wrap main admin-main" tabindex="-1">
${ctx.notice ? html`<p class="notice" role="status">${ctx.notice}</p>` : ''}
${body}
</main>
</body>
</html>`.value;
}

/** An error inside the newsroom, with a way back to where the person was working. */
export function adminErrorPage(ctx: AdminContext, view: { title: string; message: string; requestId?: string | undefined }): string {
  const body = html`<h1>${view.title}</h1>
<p>${view.message}</p>
${view.requestId ? html`<p class="hint">Mã yêu cầu: <code>${view.requestId}</code> (vui lòng cung cấp mã này khi liên hệ hỗ trợ).</p>` : ''}
<p><a href="/quan-tri">Về bảng điều khiển</a> · <a href="/quan-tri/bai-viet">Danh sách bài viết</a></p>`;
  return adminLayout(ctx, view.title, body);
}
