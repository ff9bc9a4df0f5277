import type { ReliefAccountRow, ReliefCampaignRow, SpendingRow } from '../db/schema/relief.ts';
import { formatDay } from '../services/documents/document-types.ts';
import type { GoodsLine, LedgerSummary } from '../services/relief/ledger-summary.ts';
import { CAMPAIGN_STATUS_NAMES, HOUSE_WORK, categoryName, programmeName, reliefPaths } from '../services/relief/relief-labels.ts';
import { formatMoney, formatNumber } from '../text/format.ts';
import type { Bar } from './components/relief-charts.ts';

/** A campaign in a list: its name, period and the three cash totals residents ask about, which add up; goods apart. */
export interface CampaignCard {
  url: string;
  title: string;
  status: string;
  period: string;
  received: string;
  spent: string;
  balance: string;
  /** Estimated value of goods received and given, or null when the campaign had none. */
  goods: { received: string; spent: string } | null;
  target: string | null;
  /** Share of the target received, 0–100, or null without a target. */
  progress: number | null;
}

/** A line of goods as people read it: "21.090 kg gạo (≈ 316.350.000đ)". */
export function goodsText(g: GoodsLine): string {
  return `${formatNumber(g.quantity / 1000)} ${g.unit}${g.value ? ` (ước tính ${formatMoney(g.value)})` : ''}`;
}

export function periodText(c: Pick<ReliefCampaignRow, 'starts_on' | 'ends_on'>): string {
  return c.ends_on ? `${formatDay(c.starts_on)} – ${formatDay(c.ends_on)}` : `Từ ${formatDay(c.starts_on)}`;
}

export function presentCampaignCard(c: ReliefCampaignRow, s: LedgerSummary): CampaignCard {
  return {
    url: reliefPaths.campaign(c.slug),
    title: c.title,
    status: CAMPAIGN_STATUS_NAMES[c.status],
    period: periodText(c),
    received: formatMoney(s.received.cash),
    spent: formatMoney(s.spent.cash),
    balance: formatMoney(s.balance.cash),
    goods: s.received.goodsValue || s.spent.goodsValue ? { received: formatMoney(s.received.goodsValue), spent: formatMoney(s.spent.goodsValue) } : null,
    target: c.target_amount ? formatMoney(c.target_amount) : null,
    progress: c.target_amount ? Math.min(100, Math.round((s.received.total / c.target_amount) * 100)) : null,
  };
}

/** A spending row on the public page: what, to whom, how many; names only of those who agreed. */
export interface PublicSpending {
  day: string;
  description: string;
  category: string;
  what: string;
  beneficiaries: string;
  house: string;
  names: string[];
  mark: string;
}

export function presentPublicSpending(s: SpendingRow, names: string[], reversedBy?: number): PublicSpending {
  let mark = s.reverses_id !== null ? `Bút toán hủy khoản chi số ${s.reverses_id}` : s.replaces_id !== null ? `Thay cho khoản chi số ${s.replaces_id}` : '';
  if (reversedBy !== undefined) mark = [mark, `Đã điều chỉnh bởi khoản chi số ${reversedBy}`].filter(Boolean).join('; ');
  return {
    day: formatDay(s.spent_on),
    description: s.description,
    category: categoryName(s.category),
    what: s.kind === 'cash' ? formatMoney(s.amount) : `${formatNumber(s.quantity / 1000)} ${s.unit}${s.amount ? ` (ước tính ${formatMoney(s.amount)})` : ''}`,
    beneficiaries: s.beneficiary_count ? formatNumber(s.beneficiary_count) : '',
    house: s.programme
      ? `${programmeName(s.programme)}, ${HOUSE_WORK[s.house_work]?.toLowerCase() ?? ''}${s.handover_on ? `, bàn giao ${formatDay(s.handover_on)}` : ''}`
      : '',
    names,
    mark,
  };
}

/** The totals block of a campaign or a year: every figure computed, with what it adds up. */
export interface TotalsView {
  receivedCash: string;
  receivedGoods: string[];
  receivedGoodsValue: string;
  receivedTotal: string;
  entries: string;
  spentCash: string;
  spentGoods: string[];
  spentGoodsValue: string;
  spentTotal: string;
  balanceCash: string;
  balanceGoods: string[];
  housesBuilt: string;
  housesRepaired: string;
  housesValue: string;
  beneficiaries: string;
  categories: Bar[];
  months: Array<{ label: string; received: number; spent: number }>;
}

export function presentTotals(s: LedgerSummary): TotalsView {
  return {
    receivedCash: formatMoney(s.received.cash),
    receivedGoods: s.received.goods.map(goodsText),
    receivedGoodsValue: formatMoney(s.received.goodsValue),
    receivedTotal: formatMoney(s.received.total),
    entries: formatNumber(s.received.entries),
    spentCash: formatMoney(s.spent.cash),
    spentGoods: s.spent.goods.map(goodsText),
    spentGoodsValue: formatMoney(s.spent.goodsValue),
    spentTotal: formatMoney(s.spent.total),
    balanceCash: formatMoney(s.balance.cash),
    balanceGoods: s.balance.goods.map((g) => `${formatNumber(g.quantity / 1000)} ${g.unit}`),
    housesBuilt: formatNumber(s.spent.housesBuilt),
    housesRepaired: formatNumber(s.spent.housesRepaired),
    housesValue: formatMoney(s.spent.housesValue),
    beneficiaries: formatNumber(s.spent.beneficiaries),
    categories: s.spent.byCategory.map((c) => ({ label: c.name, value: c.total })),
    months: s.monthly.map((m) => ({ label: `${m.month.slice(5)}/${m.month.slice(0, 4)}`, received: m.received, spent: m.spent })),
  };
}

/** A bank account as donors need it. */
export function presentAccount(a: ReliefAccountRow): { bank: string; number: string; name: string } {
  return { bank: a.bank_name, number: a.account_number, name: a.account_name };
}
