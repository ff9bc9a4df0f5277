import type { ReceiptRow, ReliefAccountRow, ReliefCampaignRow, SpendingRow } from '../../db/schema/relief.ts';
import type { FieldError } from '../../errors.ts';
import { formatDay } from '../../services/documents/document-types.ts';
import { accountLabel } from '../../services/relief/campaigns.ts';
import type { LedgerSummary } from '../../services/relief/ledger-summary.ts';
import { publicReceipt } from '../../services/relief/public-receipt.ts';
import { CAMPAIGN_STATUS_NAMES, ENTRY_STATUS_NAMES, reliefAdminPaths, reliefPaths } from '../../services/relief/relief-labels.ts';
import { formatMoney, formatNumber } from '../../text/format.ts';
import { periodText, presentPublicSpending, presentTotals } from '../relief-presenters.ts';
import type { AdminCampaignItem, CampaignFormValues } from './relief.ts';
import type { AdminEntryItem } from './relief-ledger.ts';

/** An account as a choice in a form. */
export const accountChoice = (a: ReliefAccountRow) => ({ id: a.id, label: accountLabel(a) });

/** A campaign row of the newsroom list, with what it has received. */
export function presentCampaignListItem({ campaign: c, summary }: { campaign: ReliefCampaignRow; summary: LedgerSummary }): AdminCampaignItem {
  return {
    id: c.id,
    title: c.title,
    status: CAMPAIGN_STATUS_NAMES[c.status],
    period: periodText(c),
    received: formatMoney(summary.received.total),
    pending: 0,
  };
}

/** The campaign form's view: the values typed (after an error) or saved, and for a saved campaign its status, address, totals and pending entries. */
export function presentCampaignForm(
  id: number | null,
  data: {
    accounts: ReliefAccountRow[];
    campaign: ReliefCampaignRow | null;
    linked: ReliefAccountRow[];
    summary: LedgerSummary | null;
    pending: { receipts: number; spending: number };
  },
  values: CampaignFormValues | null,
  errors: FieldError[],
) {
  const { campaign, summary } = data;
  const accounts = data.accounts.map(accountChoice);
  const saved: CampaignFormValues = campaign
    ? {
        title: campaign.title,
        purpose: campaign.purpose,
        starts_on: formatDay(campaign.starts_on),
        ends_on: campaign.ends_on ? formatDay(campaign.ends_on) : '',
        target_amount: campaign.target_amount ? formatMoney(campaign.target_amount).replace('đ', '') : '',
        account_ids: data.linked.map((a) => String(a.id)),
      }
    : { title: '', purpose: '', starts_on: '', ends_on: '', target_amount: '', account_ids: accounts.length === 1 ? [String(accounts[0]!.id)] : [] };
  return {
    id,
    values: values ?? saved,
    errors,
    accounts,
    status: campaign ? CAMPAIGN_STATUS_NAMES[campaign.status] : null,
    statusKey: campaign?.status ?? null,
    publicUrl: campaign && campaign.status !== 'draft' ? reliefPaths.campaign(campaign.slug) : null,
    totals: summary ? presentTotals(summary) : null,
    pending: data.pending,
  };
}

/** A receipt as a row of the newsroom's ledger lists. */
export function receiptItem(r: ReceiptRow): AdminEntryItem {
  const p = publicReceipt(r);
  return {
    id: r.id,
    url: reliefAdminPaths.receipt(r.campaign_id, r.id),
    day: p.day,
    who: `${r.anonymous ? `Ẩn danh (${r.donor_name})` : r.donor_name}${r.note ? ` – ${r.note}` : ''}`,
    what: `${formatMoney(r.amount)}${p.goods ? ` – ${p.goods}` : ''}`,
    status: ENTRY_STATUS_NAMES[r.status],
    pending: r.status === 'pending',
    mark: p.mark,
  };
}

/** A spending entry as a row of the newsroom's ledger lists. */
export function spendingItem(s: SpendingRow): AdminEntryItem {
  const p = presentPublicSpending(s, []);
  return {
    id: s.id,
    url: reliefAdminPaths.spendingEntry(s.campaign_id, s.id),
    day: p.day,
    who: `${s.description} (${p.category}${p.beneficiaries ? `, ${p.beneficiaries}` : ''})`,
    what: p.what,
    status: ENTRY_STATUS_NAMES[s.status],
    pending: s.status === 'pending',
    mark: p.mark,
  };
}

/** A saved receipt as the values of its edit form. */
export const receiptValues = (r: ReceiptRow): Record<string, string> => ({
  kind: r.kind,
  amount: formatNumber(Math.abs(r.amount)),
  quantity: r.quantity ? formatNumber(Math.abs(r.quantity) / 1000) : '',
  unit: r.unit,
  donor_name: r.donor_name,
  anonymous: r.anonymous ? '1' : '',
  received_on: formatDay(r.received_on),
  channel: r.channel,
  bank_ref: r.bank_ref,
  account_id: r.account_id ? String(r.account_id) : '',
  note: r.note,
});

/** A saved spending entry as the values of its edit form. */
export const spendingValues = (s: SpendingRow): Record<string, string> => ({
  kind: s.kind,
  amount: formatNumber(Math.abs(s.amount)),
  quantity: s.quantity ? formatNumber(Math.abs(s.quantity) / 1000) : '',
  unit: s.unit,
  category: s.category,
  programme: s.programme,
  house_work: s.house_work,
  description: s.description,
  beneficiary_count: String(Math.abs(s.beneficiary_count)),
  spent_on: formatDay(s.spent_on),
  handover_on: s.handover_on ? formatDay(s.handover_on) : '',
});

/** Whether a confirmed entry may still be corrected: not itself a correction, and not already reversed. */
export const correctable = (entry: { status: string; reverses_id: number | null }, history: AdminEntryItem[]) =>
  entry.status === 'confirmed' && entry.reverses_id === null && !history.some((h) => h.mark.startsWith('Bút toán hủy'));
