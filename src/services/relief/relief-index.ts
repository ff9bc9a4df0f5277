import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ReliefCampaignRow } from '../../db/schema/relief.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { type IndexedDocument, SearchRepository } from '../../repositories/search-repository.ts';
import { formatDay } from '../documents/document-types.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { titleTerms } from '../search/index-text.ts';
import { reliefPaths, reliefTag } from './relief-labels.ts';

/** The kind campaigns carry in site search, and the name its filter shows. */
export const RELIEF_SEARCH_KIND = 'relief';

/** The site-search entry of a public campaign: found by its title, purpose, period and accounts. */
export function campaignIndexEntry(campaign: ReliefCampaignRow, accounts: string[]): IndexedDocument {
  const period = `Từ ngày ${formatDay(campaign.starts_on)}${campaign.ends_on ? ` đến ngày ${formatDay(campaign.ends_on)}` : ''}`;
  return {
    siteId: campaign.site_id,
    source: 'relief_campaign',
    refId: campaign.id,
    kind: RELIEF_SEARCH_KIND,
    categoryId: null,
    publishedAt: campaign.published_at ?? campaign.updated_at,
    title: campaign.title,
    body: [campaign.purpose, period, ...accounts].join('\n'),
    path: reliefPaths.campaign(campaign.slug),
  };
}

/**
 * What every command that changes a campaign itself does last, in its
 * transaction: brings its search entry up to date (present while public) and
 * marks the relief pages, the home page and sitemaps stale; /cong-khai,
 * which shows each campaign as a disclosure of residents' contributions, carries the relief tag too.
 */
export async function campaignChanged(db: Kysely<Database>, siteId: number, campaignId: number): Promise<void> {
  const search = new SearchRepository(db);
  const before = await search.indexedEntry('relief_campaign', campaignId);
  if (before) await search.adjustTerms(before.siteId, titleTerms(before.title), -1);
  const campaigns = new ReliefCampaignRepository(db, siteId);
  const campaign = await campaigns.findById(campaignId);
  if (campaign && campaign.status !== 'draft') {
    const accounts = (await campaigns.campaignAccounts(campaign.id)).map((a) => `${a.bank_name} ${a.account_number} ${a.account_name}`);
    const entry = campaignIndexEntry(campaign, accounts);
    await search.upsert(entry, nowIso());
    await search.adjustTerms(siteId, titleTerms(entry.title), 1);
  } else {
    await search.remove('relief_campaign', campaignId);
  }
  if (before || campaign?.status !== 'draft') await pagesChanged(db, [reliefTag(siteId), pageTags.home(siteId)]);
}

/** What a command that changes a campaign's ledger does last: its public pages (statement, totals, year pages) are stale. */
export async function ledgerChanged(db: Kysely<Database>, siteId: number): Promise<void> {
  await pagesChanged(db, [reliefTag(siteId)]);
}

/** Adds a site's public campaigns to the search index; for rebuilding the whole index. */
export async function reindexSiteCampaigns(db: Kysely<Database>, siteId: number): Promise<number> {
  const campaigns = new ReliefCampaignRepository(db, siteId);
  const search = new SearchRepository(db);
  const list = await campaigns.list(true);
  for (const campaign of list) {
    const accounts = (await campaigns.campaignAccounts(campaign.id)).map((a) => `${a.bank_name} ${a.account_number} ${a.account_name}`);
    const entry = campaignIndexEntry(campaign, accounts);
    await search.upsert(entry, nowIso());
    await search.adjustTerms(siteId, titleTerms(entry.title), 1);
  }
  return list.length;
}
