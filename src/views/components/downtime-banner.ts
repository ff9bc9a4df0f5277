import { type SafeHtml, html } from '../html.ts';

/** A planned downtime as the banner shows it: times already formatted. */
export interface DowntimeBannerView {
  from: string;
  to: string;
  message: string;
}

/** The planned-downtime banner at the top of every public page, while a notice is upcoming or under way. */
export function downtimeBanner(notices: DowntimeBannerView[] | undefined): SafeHtml {
  if (!notices?.length) return html``;
  return html`<div class="downtime-banner"><div class="wrap">${notices.map(
    (n) => html`<p><strong>Thông báo tạm dừng hệ thống:</strong> từ ${n.from} đến ${n.to}. ${n.message}</p>`,
  )}</div></div>`;
}
