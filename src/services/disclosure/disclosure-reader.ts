import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { DisclosureEntryRow, DisclosureItemRow } from '../../db/schema/disclosure.ts';
import type { DocumentRow } from '../../db/schema/documents.ts';
import type { ReliefCampaignRow } from '../../db/schema/relief.ts';
import { AppError } from '../../errors.ts';
import { DisclosureRepository } from '../../repositories/disclosure-repository.ts';
import { vietnamToday } from '../calendars/weeks.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { type LedgerSummary, ledgerSummary } from '../relief/ledger-summary.ts';
import { listPublicCampaigns } from '../relief/relief-reader.ts';
import { CONTRIBUTIONS_KEY, listDisclosureItems } from './disclosure-items.ts';

/** Entries per item on /cong-khai, and per page on an item's own page. */
export const ENTRIES_PER_GROUP = 5;
export const ENTRIES_PER_PAGE = 20;

/** Where an entry stands against its disclosure period (thời hạn công khai) on a day. */
export type DisclosurePhase = 'upcoming' | 'current' | 'ended';

/** The phase of a period on a day (yyyy-mm-dd); no end day means a standing disclosure. */
export function disclosurePhase(entry: Pick<DisclosureEntryRow, 'starts_on' | 'ends_on'>, today: string): DisclosurePhase {
  if (today < entry.starts_on) return 'upcoming';
  return entry.ends_on !== null && today > entry.ends_on ? 'ended' : 'current';
}

/** A relief campaign shown as a disclosure of residents' contributions: its figures always computed from its records. */
export interface CampaignDisclosure {
  campaign: ReliefCampaignRow;
  summary: LedgerSummary;
}

/** One item's part of a public page: its entries, and for the contributions item the relief campaigns. */
export interface DisclosureGroup {
  item: DisclosureItemRow;
  entries: DisclosureEntryRow[];
  /** All the item's published entries of the chosen year, beyond those shown. */
  total: number;
  campaigns: CampaignDisclosure[];
}

/** A campaign counts under a year it ran in (from its first day to its last, or to now while open). */
function campaignInYear(campaign: ReliefCampaignRow, year: number | undefined, today: string): boolean {
  if (year === undefined) return true;
  const first = Number(campaign.starts_on.slice(0, 4));
  const last = Number((campaign.ends_on ?? today).slice(0, 4));
  return first <= year && year <= last;
}

/** The site's public campaigns of a year (every year when none is given). */
async function campaignsOf(db: Kysely<Database>, siteId: number, year: number | undefined, today: string): Promise<ReliefCampaignRow[]> {
  return (await listPublicCampaigns(db, siteId)).filter((c) => campaignInYear(c, year, today));
}

/** The site's public campaigns of a year, each with its totals from the ledger. */
async function campaignDisclosures(db: Kysely<Database>, siteId: number, year: number | undefined, today: string): Promise<CampaignDisclosure[]> {
  const campaigns = await campaignsOf(db, siteId, year, today);
  const out: CampaignDisclosure[] = [];
  for (const campaign of campaigns) out.push({ campaign, summary: await ledgerSummary(db, siteId, { campaignId: campaign.id }) });
  return out;
}

/** The years a visitor can choose: those of published entries and of public campaigns, newest first. */
async function yearsOf(repo: DisclosureRepository, campaigns: ReliefCampaignRow[]): Promise<number[]> {
  const years = new Set(await repo.years('published'));
  for (const c of campaigns) years.add(Number(c.starts_on.slice(0, 4)));
  return [...years].sort((a, b) => b - a);
}

/** /cong-khai: every visible item with its latest published entries (of a year, when chosen), and the years to choose from. */
export async function readDisclosureIndex(
  db: Kysely<Database>,
  siteId: number,
  year: number | undefined,
  now = new Date(),
): Promise<{ groups: DisclosureGroup[]; years: number[]; today: string }> {
  const repo = new DisclosureRepository(db, siteId);
  const today = vietnamToday(now);
  const groups: DisclosureGroup[] = [];
  for (const item of await listDisclosureItems(db, siteId, true)) {
    const filter = { itemId: item.id, year, status: 'published' as const };
    const campaigns = item.builtin_key === CONTRIBUTIONS_KEY ? await campaignDisclosures(db, siteId, year, today) : [];
    groups.push({ item, entries: await repo.list(filter, 'disclosed', ENTRIES_PER_GROUP), total: await repo.count(filter), campaigns });
  }
  return { groups, years: await yearsOf(repo, await listPublicCampaigns(db, siteId)), today };
}

/** A visible item of the site by its address, or not_found. */
async function visibleItem(repo: DisclosureRepository, slug: string): Promise<DisclosureItemRow> {
  const item = await repo.itemBySlug(slug);
  if (!item || item.hidden === 1) throw new AppError('not_found', 'Không tìm thấy mục công khai.');
  return item;
}

/** /cong-khai/<item>: one page of an item's published entries (of a year, when chosen), with its campaigns. */
export async function readDisclosureItem(
  db: Kysely<Database>,
  siteId: number,
  slug: string,
  query: { year: number | undefined; page: number },
  now = new Date(),
): Promise<{ group: DisclosureGroup; pagination: Pagination; years: number[]; today: string }> {
  const repo = new DisclosureRepository(db, siteId);
  const item = await visibleItem(repo, slug);
  const today = vietnamToday(now);
  const filter = { itemId: item.id, year: query.year, status: 'published' as const };
  const total = await repo.count(filter);
  const pagination = paginate(total, query.page, ENTRIES_PER_PAGE);
  const campaigns = item.builtin_key === CONTRIBUTIONS_KEY ? await campaignDisclosures(db, siteId, query.year, today) : [];
  const entries = await repo.list(filter, 'disclosed', ENTRIES_PER_PAGE, pagination.offset);
  const years = await yearsOf(repo, item.builtin_key === CONTRIBUTIONS_KEY ? await listPublicCampaigns(db, siteId) : []);
  return { group: { item, entries, total, campaigns }, pagination, years, today };
}

/** A published entry of a visible item, with its files and its published documents; not_found otherwise. */
export async function readDisclosureEntry(
  db: Kysely<Database>,
  siteId: number,
  id: number,
): Promise<{ item: DisclosureItemRow; entry: DisclosureEntryRow; files: MediaRow[]; documents: DocumentRow[] }> {
  const repo = new DisclosureRepository(db, siteId);
  const entry = await repo.findById(id);
  if (!entry || entry.status !== 'published') throw new AppError('not_found', 'Không tìm thấy nội dung công khai.');
  const item = await repo.itemById(entry.item_id);
  if (!item || item.hidden === 1) throw new AppError('not_found', 'Không tìm thấy nội dung công khai.');
  const documents = (await repo.documents(entry.id)).filter((d) => d.status === 'published');
  return { item, entry, files: await repo.files(entry.id), documents };
}

/** The latest published entries of a site with their items, for the RSS feed and the sitemap. */
export async function latestDisclosures(
  db: Kysely<Database>,
  siteId: number,
  limit: number,
): Promise<Array<{ entry: DisclosureEntryRow; item: DisclosureItemRow }>> {
  const repo = new DisclosureRepository(db, siteId);
  const items = new Map((await repo.items()).filter((i) => i.hidden === 0).map((i) => [i.id, i]));
  const entries = await repo.publishedForSitemap(limit);
  return entries.flatMap((entry) => (items.has(entry.item_id) ? [{ entry, item: items.get(entry.item_id)! }] : []));
}

/**
 * Whether a site has a published disclosure within its disclosure period
 * today: of one item (by its built-in key, e.g. 'budget') or of any, and of
 * one year when given. For the contributions item a public relief campaign of
 * that year counts too. This is what a conformance checklist asks.
 */
export async function hasCurrentDisclosure(
  db: Kysely<Database>,
  siteId: number,
  query: { itemKey?: string; year?: number; now?: Date } = {},
): Promise<boolean> {
  const repo = new DisclosureRepository(db, siteId);
  const today = vietnamToday(query.now ?? new Date());
  let itemId: number | undefined;
  if (query.itemKey !== undefined) {
    const item = await repo.itemByKey(query.itemKey);
    if (!item || item.hidden === 1) return false;
    itemId = item.id;
    if (item.builtin_key === CONTRIBUTIONS_KEY && (await campaignsOf(db, siteId, query.year, today)).length > 0) return true;
  }
  return (await repo.countCurrent(today, itemId, query.year)) > 0;
}
