import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReliefAccountRow, ReliefCampaignRow, SpendingRow } from '../../db/schema/relief.ts';
import { AppError } from '../../errors.ts';
import { ReliefBeneficiaryRepository } from '../../repositories/relief-beneficiary-repository.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { ReliefLedgerRepository } from '../../repositories/relief-ledger-repository.ts';
import { type LedgerSummary, ledgerSummary, yearScope } from './ledger-summary.ts';

/** What the public pages of the module read: only public campaigns and confirmed rows. */

/** A public campaign of the site by its address, or not_found (drafts and other sites' alike). */
export async function loadPublicCampaign(db: Kysely<Database>, siteId: number, slug: string): Promise<ReliefCampaignRow> {
  const campaign = await new ReliefCampaignRepository(db, siteId).findBySlug(slug);
  if (!campaign || campaign.status === 'draft') throw new AppError('not_found', 'Không tìm thấy cuộc vận động.');
  return campaign;
}

/** The years the site's public campaigns ran in, latest first. */
function campaignYears(campaigns: ReliefCampaignRow[], now = new Date()): number[] {
  const years = new Set<number>();
  for (const c of campaigns) {
    const last = Number((c.ends_on ?? now.toISOString()).slice(0, 4));
    for (let y = Number(c.starts_on.slice(0, 4)); y <= last; y++) years.add(y);
  }
  return [...years].sort((a, b) => b - a);
}

/** Every public campaign with its totals, and the years they ran in. */
export async function readCampaignList(
  db: Kysely<Database>,
  siteId: number,
): Promise<{ campaigns: Array<{ campaign: ReliefCampaignRow; summary: LedgerSummary }>; years: number[] }> {
  const list = await new ReliefCampaignRepository(db, siteId).list(true);
  const campaigns = [];
  for (const campaign of list) campaigns.push({ campaign, summary: await ledgerSummary(db, siteId, { campaignId: campaign.id }) });
  return { campaigns, years: campaignYears(list) };
}

export interface CampaignContent {
  campaign: ReliefCampaignRow;
  summary: LedgerSummary;
  accounts: ReliefAccountRow[];
  spending: SpendingRow[];
  /** Names of beneficiaries who agreed to be named, by spending row. */
  names: Map<number, string[]>;
  reversed: Map<number, number>;
}

/** A public campaign's page: totals, accounts, confirmed spending; never a beneficiary's details. */
export async function readCampaign(db: Kysely<Database>, siteId: number, slug: string): Promise<CampaignContent> {
  const campaign = await loadPublicCampaign(db, siteId, slug);
  const ledger = new ReliefLedgerRepository(db, siteId);
  const spending = await ledger.listSpending(campaign.id, 'confirmed');
  const ids = spending.map((s) => s.id);
  return {
    campaign,
    summary: await ledgerSummary(db, siteId, { campaignId: campaign.id }),
    accounts: await new ReliefCampaignRepository(db, siteId).campaignAccounts(campaign.id),
    spending,
    names: await new ReliefBeneficiaryRepository(db, siteId).consenting(ids),
    reversed: await ledger.reversedSpending(ids),
  };
}

/** A year of the site: the public campaigns that ran in it, and the totals of what was received and spent in it. */
export async function readYear(
  db: Kysely<Database>,
  siteId: number,
  year: number,
): Promise<{ campaigns: Array<{ campaign: ReliefCampaignRow; summary: LedgerSummary }>; summary: LedgerSummary }> {
  const list = await new ReliefCampaignRepository(db, siteId).publicInYear(year);
  const campaigns = [];
  for (const campaign of list) campaigns.push({ campaign, summary: await ledgerSummary(db, siteId, { campaignId: campaign.id }) });
  return { campaigns, summary: await ledgerSummary(db, siteId, { ...yearScope(year), publicOnly: true }) };
}

/** The site's public campaigns, latest first: for sitemaps. */
export async function listPublicCampaigns(db: Kysely<Database>, siteId: number): Promise<ReliefCampaignRow[]> {
  return new ReliefCampaignRepository(db, siteId).list(true);
}
