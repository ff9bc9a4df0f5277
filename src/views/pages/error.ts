import { html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { paths } from '../../paths.ts';

export interface ErrorView {
  status: number;
  message: string;
  requestId?: string;
}

const TITLES: Record<number, string> = {
  404: 'Không tìm thấy trang',
  400: 'Yêu cầu chưa hợp lệ',
  401: 'Cần đăng nhập',
  403: 'Không có quyền truy cập',
  409: 'Không thực hiện được',
  413: 'Tệp quá lớn',
  415: 'Loại tệp không được nhận',
  422: 'Không xử lý được dữ liệu',
  429: 'Quá nhiều yêu cầu',
  500: 'Hệ thống gặp lỗi',
  503: 'Tạm gián đoạn',
};

/** The heading of an error page for a status. */
export function errorTitle(status: number): string {
  return TITLES[status] ?? 'Có lỗi xảy ra';
}

/** An error page inside the site's layout. */
export function errorPage(ctx: PageContext, view: ErrorView): string {
  const title = errorTitle(view.status);
  const body = html`<div class="error-page">
<h1 class="page-title">${title}</h1>
<p>${view.message}</p>
${view.requestId ? html`<p class="request-id">Mã yêu cầu: <code>${view.requestId}</code> (vui lòng cung cấp mã này khi liên hệ hỗ trợ).</p>` : ''}
<p><a href="${paths.home()}">Về trang chủ</a> hoặc tìm nội dung bạn cần:</p>
<form class="search-form" role="search" action="${paths.search()}" method="get">
  <label for="q-error">Từ khóa</label>
  <input id="q-error" name="q" type="search" maxlength="200">
  <button type="submit">Tìm</button>
</form>
</div>`;
  return layout(ctx, { title, noindex: true }, body);
}

/** An error page for a request whose host matches no site: no site layout to use. */
export function bareErrorPage(view: ErrorView): string {
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${TITLES[view.status] ?? 'Có lỗi xảy ra'}</title></head>
<body><main><h1>${TITLES[view.status] ?? 'Có lỗi xảy ra'}</h1><p>${view.message}</p>${view.requestId ? html`<p>Mã yêu cầu: <code>${view.requestId}</code></p>` : ''}</main></body></html>`
    .value;
}
