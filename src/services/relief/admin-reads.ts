import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { BeneficiaryRow, ImportRow, ReceiptRow, ReliefAccountRow, ReliefCampaignRow, SpendingRow } from '../../db/schema/relief.ts';
import { ReliefBeneficiaryRepository } from '../../repositories/relief-beneficiary-repository.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { ReliefImportRepository } from '../../repositories/relief-import-repository.ts';
import { ReliefLedgerRepository } from '../../repositories/relief-ledger-repository.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { loadCampaign } from './campaigns.ts';
import { figureChoices } from './figures.ts';
import { type LedgerSummary, ledgerSummary, yearScope } from './ledger-summary.ts';

/** The newsroom's reads of Vận động – cứu trợ, so its routes never touch a repository. */

/** Every campaign of the site, newest first, each with its ledger summary (drafts included). */
export async function campaignsWithSummaries(db: Kysely<Database>, siteId: number): Promise<Array<{ campaign: ReliefCampaignRow; summary: LedgerSummary }>> {
  const items = [];
  for (const campaign of await new ReliefCampaignRepository(db, siteId).list())
    items.push({ campaign, summary: await ledgerSummary(db, siteId, { campaignId: campaign.id }) });
  return items;
}

/** The figures an editor may place in an article: one scope per public campaign, then one per year that has one. */
export async function figureScopes(
  db: Kysely<Database>,
  siteId: number,
): Promise<Array<{ scope: string; name: string; choices: ReturnType<typeof figureChoices> }>> {
  const campaigns = await new ReliefCampaignRepository(db, siteId).list(true);
  const scopes = [];
  for (const c of campaigns) scopes.push({ scope: `c${c.id}`, name: c.title, choices: figureChoices(await ledgerSummary(db, siteId, { campaignId: c.id })) });
  const years = [...new Set(campaigns.map((c) => Number(c.starts_on.slice(0, 4))))].sort((a, b) => b - a);
  for (const y of years)
    scopes.push({ scope: `y${y}`, name: `Cả năm ${y}`, choices: figureChoices(await ledgerSummary(db, siteId, { ...yearScope(y), publicOnly: true })) });
  return scopes;
}

/** The site's bank accounts. */
export function siteAccounts(db: Kysely<Database>, siteId: number): Promise<ReliefAccountRow[]> {
  return new ReliefCampaignRepository(db, siteId).accounts();
}

/** The bank accounts linked to one campaign of the site. */
export function campaignAccounts(db: Kysely<Database>, siteId: number, campaignId: number): Promise<ReliefAccountRow[]> {
  return new ReliefCampaignRepository(db, siteId).campaignAccounts(campaignId);
}

/** What the campaign form shows beside its fields: the site's accounts, and for a saved campaign its linked accounts, totals and entries awaiting confirmation. */
export async function campaignFormData(db: Kysely<Database>, siteId: number, id: number | null) {
  const campaigns = new ReliefCampaignRepository(db, siteId);
  const accounts = await campaigns.accounts();
  const campaign = id === null ? null : await loadCampaign(db, siteId, id);
  if (!campaign) return { accounts, campaign, linked: [], summary: null, pending: { receipts: 0, spending: 0 } };
  const ledger = new ReliefLedgerRepository(db, siteId);
  const linked = await campaigns.campaignAccounts(campaign.id);
  const summary = await ledgerSummary(db, siteId, { campaignId: campaign.id });
  const pending = {
    receipts: await ledger.countReceipts(campaign.id, { status: 'pending' }),
    spending: (await ledger.listSpending(campaign.id, 'pending')).length,
  };
  return { accounts, campaign, linked, summary, pending };
}

/** One page of a campaign's receipts, filtered by status and by words of the donor, note or reference (tones folded). */
export async function receiptsListing(
  db: Kysely<Database>,
  siteId: number,
  campaignId: number,
  query: { page: number; status: '' | 'pending' | 'confirmed'; q: string; perPage: number },
): Promise<{ campaign: ReliefCampaignRow; rows: ReceiptRow[]; pagination: Pagination; accounts: ReliefAccountRow[] }> {
  const campaign = await loadCampaign(db, siteId, campaignId);
  const ledger = new ReliefLedgerRepository(db, campaign.site_id);
  const filter = { status: query.status || undefined, foldedWords: foldVietnamese(query.q).split(/\s+/).filter(Boolean).slice(0, 8) };
  const pagination = paginate(await ledger.countReceipts(campaignId, filter), query.page, query.perPage);
  const rows = await ledger.listReceipts(campaignId, filter, query.perPage, pagination.offset);
  return { campaign, rows, pagination, accounts: await campaignAccounts(db, siteId, campaignId) };
}

/** A campaign and all its spending entries. */
export async function spendingListing(db: Kysely<Database>, siteId: number, campaignId: number): Promise<{ campaign: ReliefCampaignRow; rows: SpendingRow[] }> {
  const campaign = await loadCampaign(db, siteId, campaignId);
  return { campaign, rows: await new ReliefLedgerRepository(db, campaign.site_id).listSpending(campaignId) };
}

/** The correcting and reversing entries made against a receipt. */
export function receiptHistory(db: Kysely<Database>, siteId: number, receiptId: number): Promise<ReceiptRow[]> {
  return new ReliefLedgerRepository(db, siteId).receiptCorrections(receiptId);
}

/** The correcting and reversing entries made against a spending entry, and the people it helped. */
export async function spendingHistory(db: Kysely<Database>, siteId: number, spendingId: number): Promise<{ history: SpendingRow[]; people: BeneficiaryRow[] }> {
  return {
    history: await new ReliefLedgerRepository(db, siteId).spendingCorrections(spendingId),
    people: await new ReliefBeneficiaryRepository(db, siteId).list(spendingId),
  };
}

/** A campaign's statement imports page: the campaign, its accounts, and its latest import jobs. */
export async function importsOfCampaign(
  db: Kysely<Database>,
  siteId: number,
  campaignId: number,
): Promise<{ campaign: ReliefCampaignRow; accounts: ReliefAccountRow[]; jobs: ImportRow[] }> {
  const campaign = await loadCampaign(db, siteId, campaignId);
  const accounts = await campaignAccounts(db, siteId, campaignId);
  return { campaign, accounts, jobs: await new ReliefImportRepository(db, siteId).listForCampaign(campaignId) };
}
