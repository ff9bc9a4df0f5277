import { type SafeHtml, html } from '../html.ts';
import { tableRegion } from './layout.ts';

/** An item of a module waiting for review, as the dashboard lists it. */
export interface QueueItemView {
  module: string;
  title: string;
  url: string;
  submitted: string;
  /** The approver created or last edited it: someone else must approve it. */
  own: boolean;
}

/** The dashboard section of documents and calendars waiting for an approver; nothing when the approver may review none of them. */
export function reviewQueueSection(items: QueueItemView[] | undefined): SafeHtml {
  if (!items) return html``;
  const table =
    items.length === 0
      ? html`<p class="empty">Không có mục nào chờ duyệt.</p>`
      : tableRegion(
          'Văn bản, lịch và trang giới thiệu chờ duyệt',
          html`<table class="data-table">
  <caption>Văn bản, lịch và trang giới thiệu chờ duyệt, gửi sớm nhất trước</caption>
  <thead><tr><th scope="col">Mục</th><th scope="col">Loại</th><th scope="col">Gửi duyệt lúc</th></tr></thead>
  <tbody>
  ${items.map(
    (i) =>
      html`<tr><td><a href="${i.url}">${i.title}</a>${i.own ? html`<br><span class="hint">Bạn tạo hoặc sửa sau cùng: cần người khác duyệt</span>` : ''}</td><td>${i.module}</td><td>${i.submitted}</td></tr>`,
  )}
  </tbody>
</table>`,
        );
  return html`<section aria-labelledby="hang-cho-khac"><h2 id="hang-cho-khac">Văn bản, lịch và trang giới thiệu chờ duyệt (${items.length})</h2>${table}</section>`;
}
