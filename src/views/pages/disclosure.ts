import { fileList } from '../components/file-list.ts';
import type { MediaRow } from '../../db/schema.ts';
import type { DisclosureEntryRow, DisclosureItemRow } from '../../db/schema/disclosure.ts';
import type { DocumentRow } from '../../db/schema/documents.ts';
import { documentPath } from '../../services/documents/document-types.ts';
import { disclosurePaths } from '../../services/disclosure/disclosure-paths.ts';
import { type CampaignDisclosure, type DisclosureGroup, type DisclosurePhase, disclosurePhase } from '../../services/disclosure/disclosure-reader.ts';
import { documentLabel } from '../../services/documents/document-review.ts';
import { attachmentLabel } from '../../services/media-types.ts';
import type { Pagination } from '../../services/pagination.ts';
import { reliefPaths } from '../../services/relief/relief-labels.ts';
import { formatFileSize } from '../../text/format.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { paths } from '../../paths.ts';
import { periodText } from '../admin/disclosure.ts';
import { pagination } from '../components/pagination.ts';
import { type SafeHtml, html, trustedHtml } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { presentCampaignCard } from '../relief-presenters.ts';

const PHASE_NAMES: Record<DisclosurePhase, string> = {
  upcoming: 'Sắp công khai',
  current: 'Đang trong thời hạn công khai',
  ended: 'Đã hết thời hạn công khai',
};

/** An entry as a list shows it. */
export interface DisclosureCard {
  url: string;
  title: string;
  period: string;
  dates: string;
  phase: DisclosurePhase;
  phaseName: string;
}

/** A relief campaign as a disclosure of residents' contributions: its statement and its totals from the ledger. */
export interface CampaignDisclosureCard {
  title: string;
  url: string;
  statementUrl: string;
  period: string;
  received: string;
  spent: string;
  balance: string;
}

export interface DisclosureGroupView {
  name: string;
  url: string;
  cards: DisclosureCard[];
  more: number;
  campaigns: CampaignDisclosureCard[];
}

/** An entry as cards show it, with where it stands against its disclosure period today. */
export function presentDisclosureCard(item: DisclosureItemRow, entry: DisclosureEntryRow, today: string): DisclosureCard {
  const phase = disclosurePhase(entry, today);
  return {
    url: disclosurePaths.entry(item.slug, entry),
    title: entry.title,
    period: entry.period,
    dates: periodText(entry),
    phase,
    phaseName: PHASE_NAMES[phase],
  };
}

function presentCampaign(c: CampaignDisclosure): CampaignDisclosureCard {
  const card = presentCampaignCard(c.campaign, c.summary);
  return {
    title: c.campaign.title,
    url: card.url,
    statementUrl: reliefPaths.statement(c.campaign.slug),
    period: card.period,
    received: card.received,
    spent: card.spent,
    balance: card.balance,
  };
}

/** One item's part of a page, its figures formatted. */
export function presentDisclosureGroup(group: DisclosureGroup, today: string, year: number | undefined): DisclosureGroupView {
  return {
    name: group.item.name,
    url: disclosurePaths.item(group.item.slug, year),
    cards: group.entries.map((e) => presentDisclosureCard(group.item, e, today)),
    more: Math.max(0, group.total - group.entries.length),
    campaigns: group.campaigns.map(presentCampaign),
  };
}

function cardList(cards: DisclosureCard[], campaigns: CampaignDisclosureCard[]): SafeHtml {
  if (cards.length === 0 && campaigns.length === 0) return html`<p class="empty">Chưa có nội dung công khai.</p>`;
  return html`<ul class="disclosure-list">
  ${cards.map(
    (c) => html`<li class="disclosure-card">
    <a href="${c.url}">${c.title}</a>
    <p class="meta">${c.period} · Thời hạn công khai: ${c.dates}</p>
    <p class="disclosure-phase phase-${c.phase}">${c.phaseName}</p>
  </li>`,
  )}
  ${campaigns.map(
    (c) => html`<li class="disclosure-card">
    <a href="${c.url}">${c.title}</a>
    <p class="meta">Vận động – cứu trợ · ${c.period}</p>
    <p class="meta">Đã nhận ${c.received} · đã chi ${c.spent} · còn lại ${c.balance} (tính từ sổ thu chi)</p>
    <p><a href="${c.statementUrl}">Xem sao kê công khai</a></p>
  </li>`,
  )}
</ul>`;
}

function yearFilter(action: string, years: number[], year: number | undefined): SafeHtml {
  return html`<form method="get" action="${action}" class="filter-bar disclosure-year">
  <label for="nam">Năm</label>
  <select id="nam" name="nam"><option value="">Mọi năm</option>${years.map((y) => html`<option value="${y}"${y === year ? html` selected` : ''}>${y}</option>`)}</select>
  <button type="submit">Xem</button>
</form>`;
}

const breadcrumb = (last: SafeHtml) =>
  html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li>${last}</ol></nav>`;

/** /cong-khai: every item the site discloses, its latest entries and whether each is within its disclosure period. */
export function disclosureIndexPage(ctx: PageContext, view: { groups: DisclosureGroupView[]; years: number[]; year: number | undefined }): string {
  const body = html`${breadcrumb(html`<li aria-current="page">Công khai</li>`)}
<h1 class="page-title">Công khai${view.year ? ` năm ${view.year}` : ''}</h1>
<p class="lead">Những nội dung ${ctx.site.authority} công khai theo Luật Thực hiện dân chủ ở cơ sở năm 2022. (<a href="${disclosurePaths.feed()}">RSS</a>)</p>
${yearFilter(disclosurePaths.index(), view.years, view.year)}
${view.groups.map(
  (g) => html`<section class="disclosure-group" aria-labelledby="muc-${g.url.replace(/[^a-z0-9]/g, '-')}">
  <h2 id="muc-${g.url.replace(/[^a-z0-9]/g, '-')}"><a href="${g.url}">${g.name}</a></h2>
  ${cardList(g.cards, g.campaigns)}
  ${g.more ? html`<p><a href="${g.url}">Xem thêm ${g.more} nội dung của mục này</a></p>` : ''}
</section>`,
)}`;
  const title = view.year ? `Công khai năm ${view.year}` : 'Công khai';
  return layout(ctx, { title, description: `Nội dung công khai của ${ctx.site.authority}.`, canonicalPath: disclosurePaths.index(view.year) }, body);
}

/** /cong-khai/<item>: one item's entries (of a year, when chosen), twenty a page. */
export function disclosureItemPage(
  ctx: PageContext,
  view: { group: DisclosureGroupView; slug: string; years: number[]; year: number | undefined; pagination: Pagination },
): string {
  const g = view.group;
  const body = html`${breadcrumb(html`<li><a href="${disclosurePaths.index()}">Công khai</a></li><li aria-current="page">${g.name}</li>`)}
<h1 class="page-title">${g.name}</h1>
${yearFilter(disclosurePaths.item(view.slug), view.years, view.year)}
${cardList(g.cards, g.campaigns)}
${pagination(view.pagination, (page) => `${disclosurePaths.item(view.slug)}?${view.year ? `nam=${view.year}&` : ''}trang=${page}`)}`;
  return layout(
    ctx,
    { title: g.name, description: `${g.name}: nội dung công khai của ${ctx.site.authority}.`, canonicalPath: disclosurePaths.item(view.slug, view.year) },
    body,
  );
}

/** Everything an entry's page shows. */
export interface DisclosureDetailView extends DisclosureCard {
  itemName: string;
  itemUrl: string;
  year: number;
  bodyHtml: string;
  summary: string;
  files: Array<{ url: string; name: string; meta: string }>;
  documents: Array<{ url: string; name: string; summary: string }>;
}

/** A published entry with its item, files and published documents, as its page shows it. */
export function presentDisclosureDetail(
  item: DisclosureItemRow,
  entry: DisclosureEntryRow,
  files: MediaRow[],
  documents: DocumentRow[],
  today: string,
): DisclosureDetailView {
  return {
    ...presentDisclosureCard(item, entry, today),
    itemName: item.name,
    itemUrl: disclosurePaths.item(item.slug),
    year: entry.year,
    bodyHtml: entry.body_html,
    summary: htmlToPlainText(entry.body_html).slice(0, 200),
    files: files.map((f) => ({
      url: paths.media(f.storage_key),
      name: f.title || f.original_name,
      meta: `${attachmentLabel(f.mime_type)}, ${formatFileSize(f.byte_size)}`,
    })),
    documents: documents.map((d) => ({ url: documentPath(d), name: documentLabel(d), summary: d.summary })),
  };
}

/** One disclosure: its item, period, disclosure dates and where they stand today, body, files and documents. */
export function disclosureDetailPage(ctx: PageContext, view: DisclosureDetailView, startsIso: string): string {
  const body = html`${breadcrumb(html`<li><a href="${disclosurePaths.index()}">Công khai</a></li><li><a href="${view.itemUrl}">${view.itemName}</a></li>`)}
<article class="article disclosure-detail">
  <h1 class="article-title">${view.title}</h1>
  <dl class="document-fields">
    <dt>Mục công khai</dt><dd><a href="${view.itemUrl}">${view.itemName}</a></dd>
    <dt>Kỳ</dt><dd>${view.period}</dd>
    <dt>Năm</dt><dd>${view.year}</dd>
    <dt>Thời hạn công khai</dt><dd><time datetime="${startsIso}">${view.dates}</time></dd>
    <dt>Tình trạng</dt><dd class="disclosure-phase phase-${view.phase}">${view.phaseName}</dd>
  </dl>
  ${view.bodyHtml ? html`<div class="article-body">${trustedHtml(view.bodyHtml)}</div>` : ''}
  ${view.files.length ? html`<h2>Tệp đính kèm</h2>${fileList(view.files)}` : ''}
  ${view.documents.length ? html`<h2>Văn bản liên quan</h2><ul class="document-files">${view.documents.map((d) => html`<li><a href="${d.url}">${d.name}</a>: ${d.summary}</li>`)}</ul>` : ''}
</article>`;
  return layout(ctx, { title: view.title, description: view.summary || view.title, canonicalPath: view.url }, body);
}
