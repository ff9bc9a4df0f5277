import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { CampaignStatus, NewReliefCampaign, ReliefAccountRow, ReliefCampaignRow } from '../db/schema/relief.ts';

/** SQL for one site's relief campaigns and bank accounts. Every query is bound to the site given at construction. */
export class ReliefCampaignRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  /** Every campaign of the site, newest start first; only public ones (open, closed) when asked. */
  async list(publicOnly = false): Promise<ReliefCampaignRow[]> {
    let q = this.db.selectFrom('relief_campaigns').selectAll().where('site_id', '=', this.siteId);
    if (publicOnly) q = q.where('status', '!=', 'draft');
    return q.orderBy('starts_on', 'desc').orderBy('id', 'desc').execute();
  }

  async findById(id: number): Promise<ReliefCampaignRow | undefined> {
    return this.db.selectFrom('relief_campaigns').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async findBySlug(slug: string): Promise<ReliefCampaignRow | undefined> {
    return this.db.selectFrom('relief_campaigns').selectAll().where('site_id', '=', this.siteId).where('slug', '=', slug).executeTakeFirst();
  }

  /** Slugs of the site's campaigns starting with a root, to pick a free one. */
  async slugsLike(root: string, exceptId?: number): Promise<string[]> {
    let q = this.db.selectFrom('relief_campaigns').select('slug').where('site_id', '=', this.siteId).where('slug', 'like', `${root}%`);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    return (await q.execute()).map((r) => r.slug);
  }

  async insert(campaign: Omit<NewReliefCampaign, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('relief_campaigns')
      .values({ ...campaign, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async update(id: number, changes: Partial<Omit<NewReliefCampaign, 'id' | 'site_id'>>): Promise<void> {
    await this.db.updateTable('relief_campaigns').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  async setStatus(id: number, status: CampaignStatus, publishedAt: string | null, at: string): Promise<void> {
    await this.db
      .updateTable('relief_campaigns')
      .set({ status, published_at: publishedAt, updated_at: at })
      .where('site_id', '=', this.siteId)
      .where('id', '=', id)
      .execute();
  }

  /** Public campaigns running in part of a year (started on or before its end, not ended before its start). */
  async publicInYear(year: number): Promise<ReliefCampaignRow[]> {
    return this.db
      .selectFrom('relief_campaigns')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('status', '!=', 'draft')
      .where('starts_on', '<=', `${year}-12-31`)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', `${year}-01-01`)]))
      .orderBy('starts_on')
      .execute();
  }

  // ------------------------------------------------------------ accounts

  async accounts(): Promise<ReliefAccountRow[]> {
    return this.db.selectFrom('relief_accounts').selectAll().where('site_id', '=', this.siteId).orderBy('bank_name').orderBy('account_number').execute();
  }

  async findAccount(id: number): Promise<ReliefAccountRow | undefined> {
    return this.db.selectFrom('relief_accounts').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async findAccountByNumber(accountNumber: string): Promise<ReliefAccountRow[]> {
    return this.db.selectFrom('relief_accounts').selectAll().where('site_id', '=', this.siteId).where('account_number', '=', accountNumber).execute();
  }

  async insertAccount(account: { bank_name: string; account_number: string; account_name: string; created_at: string }): Promise<number> {
    const row = await this.db
      .insertInto('relief_accounts')
      .values({ ...account, site_id: this.siteId, updated_at: account.created_at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async updateAccount(
    id: number,
    changes: { bank_name?: string; account_number?: string; account_name?: string; column_mapping?: string; updated_at: string },
  ): Promise<void> {
    await this.db.updateTable('relief_accounts').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** The accounts a campaign receives on. */
  async campaignAccounts(campaignId: number): Promise<ReliefAccountRow[]> {
    return this.db
      .selectFrom('relief_campaign_accounts')
      .innerJoin('relief_accounts', 'relief_accounts.id', 'relief_campaign_accounts.account_id')
      .selectAll('relief_accounts')
      .where('relief_accounts.site_id', '=', this.siteId)
      .where('relief_campaign_accounts.campaign_id', '=', campaignId)
      .orderBy('relief_accounts.bank_name')
      .execute();
  }

  /** Replaces the accounts of a campaign. The caller checks they are this site's. */
  async setCampaignAccounts(campaignId: number, accountIds: number[]): Promise<void> {
    await this.db.deleteFrom('relief_campaign_accounts').where('campaign_id', '=', campaignId).execute();
    if (accountIds.length === 0) return;
    await this.db
      .insertInto('relief_campaign_accounts')
      .values(accountIds.map((accountId) => ({ campaign_id: campaignId, account_id: accountId })))
      .execute();
  }
}
