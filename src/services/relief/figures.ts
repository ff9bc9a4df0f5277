import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReliefCampaignRow } from '../../db/schema/relief.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { formatDate, formatMoney, formatNumber } from '../../text/format.ts';
import { slugify } from '../../text/vietnamese.ts';
import { escapeHtml } from '../../views/html.ts';
import { type LedgerSummary, ledgerSummary, yearScope } from './ledger-summary.ts';
import { BENEFICIARY_CATEGORIES, categoryName, reliefPaths } from './relief-labels.ts';

/**
 * Figures an editor inserts into an article: a placeholder
 * `<span data-figure="c12:tong-thu">label</span>` (campaign 12) or
 * `<span data-figure="y2019:nha-xay-moi">…</span>` (the site's year 2019)
 * that is computed from the confirmed records as they stood when the article
 * was published, and shown with a link to where it comes from.
 */

/** What a figure spec looks like: scope, metric, and a unit or category for some metrics. */
export const FIGURE_SPEC = /^(c[1-9]\d{0,9}|y\d{4}):([a-z-]{2,30})(?::([a-z0-9-]{1,60}))?$/;

type Value = { kind: 'money'; value: number } | { kind: 'count'; value: number; unit: string };

/** Every metric: its name in the editor, and how it reads a summary; `param` is a unit slug or a category key. */
export const METRICS: Record<string, { name: string; param?: 'unit' | 'category'; read(s: LedgerSummary, param: string): Value | null }> = {
  'tong-thu': { name: 'Tổng giá trị đã nhận (tiền và hiện vật)', read: (s) => ({ kind: 'money', value: s.received.total }) },
  'thu-tien': { name: 'Tiền đã nhận', read: (s) => ({ kind: 'money', value: s.received.cash }) },
  'thu-hien-vat': { name: 'Giá trị hiện vật đã nhận', read: (s) => ({ kind: 'money', value: s.received.goodsValue }) },
  'thu-don-vi': {
    name: 'Số lượng hiện vật đã nhận',
    param: 'unit',
    read: (s, p) => {
      const g = s.received.goods.find((x) => slugify(x.unitKey) === p);
      return g ? { kind: 'count', value: g.quantity / 1000, unit: g.unit } : null;
    },
  },
  'so-khoan-thu': { name: 'Số lượt ủng hộ', read: (s) => ({ kind: 'count', value: s.received.entries, unit: 'lượt' }) },
  'tong-chi': { name: 'Tổng giá trị đã chi, hỗ trợ', read: (s) => ({ kind: 'money', value: s.spent.total }) },
  'chi-tien': { name: 'Tiền đã chi', read: (s) => ({ kind: 'money', value: s.spent.cash }) },
  'chi-don-vi': {
    name: 'Số lượng hiện vật đã cấp',
    param: 'unit',
    read: (s, p) => {
      const g = s.spent.goods.find((x) => slugify(x.unitKey) === p);
      return g ? { kind: 'count', value: g.quantity / 1000, unit: g.unit } : null;
    },
  },
  'chi-doi-tuong': {
    name: 'Giá trị hỗ trợ theo đối tượng',
    param: 'category',
    read: (s, p) => ({ kind: 'money', value: s.spent.byCategory.find((c) => c.category === p)?.total ?? 0 }),
  },
  'so-nguoi': {
    name: 'Số người, hộ được hỗ trợ theo đối tượng',
    param: 'category',
    read: (s, p) => ({ kind: 'count', value: s.spent.byCategory.find((c) => c.category === p)?.beneficiaries ?? 0, unit: '' }),
  },
  'nha-xay-moi': { name: 'Số nhà xây mới', read: (s) => ({ kind: 'count', value: s.spent.housesBuilt, unit: 'căn' }) },
  'nha-sua-chua': { name: 'Số nhà sửa chữa', read: (s) => ({ kind: 'count', value: s.spent.housesRepaired, unit: 'căn' }) },
  'gia-tri-nha': { name: 'Giá trị nhà xây mới và sửa chữa', read: (s) => ({ kind: 'money', value: s.spent.housesValue }) },
  'so-du-tien': { name: 'Số tiền còn lại', read: (s) => ({ kind: 'money', value: s.balance.cash }) },
};

/** A figure as a page shows it. */
export interface ShownFigure {
  text: string;
  value: number;
  sourceUrl: string;
  sourceLabel: string;
}

/** Figures of one site, computed as of one instant: one summary per scope, however many figures use it. */
export class FigureResolver {
  private readonly summaries = new Map<string, Promise<LedgerSummary>>();
  private campaigns: Promise<ReliefCampaignRow[]> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly siteId: number,
    private readonly asOf: string,
  ) {}

  private summary(key: string, scope: Parameters<typeof ledgerSummary>[2]): Promise<LedgerSummary> {
    let summary = this.summaries.get(key);
    if (!summary) this.summaries.set(key, (summary = ledgerSummary(this.db, this.siteId, { ...scope, asOf: this.asOf })));
    return summary;
  }

  /** A figure, or null when its spec, metric or campaign (public, of this site) does not exist. */
  async resolve(spec: string): Promise<ShownFigure | null> {
    const match = FIGURE_SPEC.exec(spec);
    const metric = match ? METRICS[match[2]!] : undefined;
    if (!match || !metric) return null;
    const [, scope, , param = ''] = match;
    const asOfText = formatDate(this.asOf);
    let summary: LedgerSummary;
    let sourceUrl: string;
    let sourceLabel: string;
    if (scope!.startsWith('c')) {
      this.campaigns ??= new ReliefCampaignRepository(this.db, this.siteId).list(true);
      const campaign = (await this.campaigns).find((c) => c.id === Number(scope!.slice(1)));
      if (!campaign) return null;
      summary = await this.summary(scope!, { campaignId: campaign.id });
      sourceUrl = `${reliefPaths.campaign(campaign.slug)}#so-lieu`;
      sourceLabel = `Nguồn: sổ thu chi cuộc vận động “${campaign.title}”, tính đến ${asOfText}`;
    } else {
      const year = Number(scope!.slice(1));
      // What is left at a year's end is counted from the start, not from the year's first day.
      const days = match[2] === 'so-du-tien' ? { to: yearScope(year).to } : yearScope(year);
      summary = await this.summary(`${scope}:${days.from ?? ''}`, { ...days, publicOnly: true });
      sourceUrl = reliefPaths.year(year);
      sourceLabel = `Nguồn: tổng hợp sổ thu chi các cuộc vận động năm ${year}, tính đến ${asOfText}`;
    }
    const value = metric.read(summary, param);
    if (!value) return null;
    const text = value.kind === 'money' ? formatMoney(value.value) : `${formatNumber(value.value)}${value.unit ? ` ${value.unit}` : ''}`;
    return { text, value: value.value, sourceUrl, sourceLabel };
  }
}

/** The metrics and parameters the editor offers for a scope, with their current values. */
export function figureChoices(summary: LedgerSummary): Array<{ metric: string; param: string; name: string }> {
  const choices: Array<{ metric: string; param: string; name: string }> = [];
  for (const [metric, m] of Object.entries(METRICS)) {
    if (!m.param) choices.push({ metric, param: '', name: m.name });
    else if (m.param === 'unit') {
      const goods = metric === 'thu-don-vi' ? summary.received.goods : summary.spent.goods;
      for (const g of goods) choices.push({ metric, param: slugify(g.unitKey), name: `${m.name}: ${g.unit}` });
    } else {
      for (const c of BENEFICIARY_CATEGORIES)
        if (summary.spent.byCategory.some((x) => x.category === c.key)) choices.push({ metric, param: c.key, name: `${m.name}: ${categoryName(c.key)}` });
    }
  }
  return choices;
}

/** A figure placeholder as the sanitiser keeps it. */
const PLACEHOLDER = /<span data-figure="([^"]*)">([\s\S]*?)<\/span>/g;

/**
 * Replaces the figure placeholders of an article body with their values as
 * of `asOf` (the article's publication), each followed by a link to its
 * source. A figure whose source is gone keeps its label and says so.
 */
export async function renderFigures(db: Kysely<Database>, siteId: number, bodyHtml: string, asOf: string): Promise<string> {
  if (!bodyHtml.includes('data-figure=')) return bodyHtml;
  const resolver = new FigureResolver(db, siteId, asOf);
  const specs = [...new Set([...bodyHtml.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
  const shown = new Map(await Promise.all(specs.map(async (spec) => [spec, await resolver.resolve(spec)] as const)));
  return bodyHtml.replace(PLACEHOLDER, (_all, spec: string, label: string) => {
    const figure = shown.get(spec);
    if (!figure) return `<span class="relief-figure relief-figure-missing">${label} (số liệu không còn nguồn)</span>`;
    return `<span class="relief-figure"><data value="${figure.value}">${escapeHtml(figure.text)}</data> <a class="figure-source" href="${escapeHtml(figure.sourceUrl)}" title="${escapeHtml(figure.sourceLabel)}" aria-label="${escapeHtml(figure.sourceLabel)}">(nguồn)</a></span>`;
  });
}
