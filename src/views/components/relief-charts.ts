import { formatMoney, formatNumber } from '../../text/format.ts';
import { type SafeHtml, html } from '../html.ts';

/**
 * Charts drawn on the server as SVG: no script, no third party, readable on a
 * 360 px phone (the drawing scales to the column, text included). The drawing
 * is hidden from screen readers: the table under it says the same.
 */

/** One bar of a chart: its label and value in đồng. */
export interface Bar {
  label: string;
  value: number;
}

const WIDTH = 400;

/** Short money for axis and bar labels: 1,2 tỷ, 350 tr, 900 nghìn. */
export function shortMoney(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${formatNumber(Math.round(value / 1e8) / 10)} tỷ`;
  if (abs >= 1e6) return `${formatNumber(Math.round(value / 1e5) / 10)} tr`;
  if (abs >= 1e3) return `${formatNumber(Math.round(value / 1e3))} nghìn`;
  return formatNumber(value);
}

/** Horizontal bars, a label above each: names stay readable however narrow the screen. */
export function barChart(id: string, title: string, bars: Bar[], tableHeads: [string, string]): SafeHtml {
  if (bars.length === 0) return html``;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const rowHeight = 46;
  const height = bars.length * rowHeight + 8;
  return html`<figure class="relief-chart" id="${id}">
  <figcaption id="${id}-tieu-de">${title}</figcaption>
  <svg viewBox="0 0 ${WIDTH} ${height}" aria-hidden="true" focusable="false">
    ${bars.map((b, i) => {
      const y = i * rowHeight;
      const w = Math.max(2, Math.round((Math.max(b.value, 0) / max) * (WIDTH - 110)));
      return html`<text x="0" y="${y + 16}" class="chart-label">${b.label}</text>
    <rect x="0" y="${y + 22}" width="${w}" height="16" class="chart-bar chart-bar-${i % 4}"></rect>
    <text x="${w + 6}" y="${y + 35}" class="chart-value">${shortMoney(b.value)}</text>`;
    })}
  </svg>
  ${chartTable(
    `${title}: số liệu`,
    tableHeads,
    bars.map((b) => [b.label, formatMoney(b.value)]),
  )}
</figure>`;
}

/** Received and spent per month, as pairs of columns, with the table of the same figures. */
export function monthlyChart(id: string, title: string, months: Array<{ label: string; received: number; spent: number }>): SafeHtml {
  if (months.length === 0) return html``;
  const shown = months.slice(-12);
  const max = Math.max(...shown.flatMap((m) => [m.received, m.spent]), 1);
  const top = 24;
  const plot = 150;
  const slot = (WIDTH - 10) / shown.length;
  const bar = Math.max(4, Math.min(22, slot / 2 - 3));
  return html`<figure class="relief-chart" id="${id}">
  <figcaption id="${id}-tieu-de">${title}</figcaption>
  <svg viewBox="0 0 ${WIDTH} ${top + plot + 40}" aria-hidden="true" focusable="false">
    <rect x="0" y="2" width="12" height="12" class="chart-bar chart-bar-0"></rect><text x="16" y="13" class="chart-value">Đã nhận</text>
    <rect x="90" y="2" width="12" height="12" class="chart-bar chart-bar-1"></rect><text x="106" y="13" class="chart-value">Đã chi</text>
    <text x="${WIDTH}" y="13" class="chart-value" text-anchor="end">cao nhất ${shortMoney(max)}</text>
    <line x1="0" y1="${top + plot}" x2="${WIDTH}" y2="${top + plot}" class="chart-axis"></line>
    ${shown.map((m, i) => {
      const x = 5 + i * slot + slot / 2;
      const hr = Math.round((Math.max(m.received, 0) / max) * plot);
      const hs = Math.round((Math.max(m.spent, 0) / max) * plot);
      return html`<rect x="${x - bar - 1}" y="${top + plot - hr}" width="${bar}" height="${hr}" class="chart-bar chart-bar-0"></rect>
    <rect x="${x + 1}" y="${top + plot - hs}" width="${bar}" height="${hs}" class="chart-bar chart-bar-1"></rect>
    <text x="${x}" y="${top + plot + 16}" class="chart-tick" text-anchor="middle">${m.label.slice(0, 2)}</text>
    ${i === 0 || shown[i - 1]!.label.slice(3) !== m.label.slice(3) ? html`<text x="${x - slot / 2 + 2}" y="${top + plot + 34}" class="chart-tick">${m.label.slice(3)}</text>` : ''}`;
    })}
  </svg>
  ${chartTable(
    `${title}: số liệu`,
    ['Tháng', 'Đã nhận', 'Đã chi'],
    months.map((m) => [m.label, formatMoney(m.received), formatMoney(m.spent)]),
  )}
</figure>`;
}

function chartTable(caption: string, heads: string[], rows: string[][]): SafeHtml {
  return html`<div class="chart-table table-wrap" role="region" aria-label="${caption}" tabindex="0">
  <table><caption class="visually-hidden">${caption}</caption>
  <thead><tr>${heads.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
  <tbody>${rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}
