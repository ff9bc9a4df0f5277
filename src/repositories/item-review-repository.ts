import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ItemReviewRow, ItemReviewUpdate, ItemRevisionRow, NewItemReview, NewItemRevision, ReviewStatus } from '../db/schema/item-reviews.ts';

/** A revision with the name of who saved it. */
export interface ItemRevisionWithAuthor extends ItemRevisionRow {
  author_name: string | null;
}

/** SQL for one site's review states and revisions of module items (documents, calendar weeks, the reception schedule). */
export class ItemReviewRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  /** This site's review state of one item. */
  private review(itemType: string, itemKey: string) {
    return this.db.selectFrom('item_reviews').selectAll().where('site_id', '=', this.siteId).where('item_type', '=', itemType).where('item_key', '=', itemKey);
  }

  /** This site's revisions of one item. */
  private revisions(itemType: string, itemKey: string) {
    return this.db
      .selectFrom('item_revisions')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('item_type', '=', itemType)
      .where('item_key', '=', itemKey);
  }

  async find(itemType: string, itemKey: string): Promise<ItemReviewRow | undefined> {
    return this.review(itemType, itemKey).executeTakeFirst();
  }

  async insert(item: Omit<NewItemReview, 'site_id'>): Promise<void> {
    await this.db
      .insertInto('item_reviews')
      .values({ ...item, site_id: this.siteId })
      .execute();
  }

  async update(itemType: string, itemKey: string, changes: Omit<ItemReviewUpdate, 'id' | 'site_id' | 'item_type' | 'item_key'>): Promise<void> {
    await this.db
      .updateTable('item_reviews')
      .set(changes)
      .where('site_id', '=', this.siteId)
      .where('item_type', '=', itemType)
      .where('item_key', '=', itemKey)
      .execute();
  }

  /** Items of these types in a status, oldest change first (the queue is first come, first served). */
  async listByStatus(itemTypes: string[], status: ReviewStatus, limit = 100): Promise<ItemReviewRow[]> {
    if (itemTypes.length === 0) return [];
    return this.db
      .selectFrom('item_reviews')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('status', '=', status)
      .where('item_type', 'in', itemTypes)
      .orderBy('updated_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Items of these types that one person created (in a status, or any), most recently changed first: their own work. */
  async listCreatedBy(itemTypes: string[], userId: number, status?: ReviewStatus, limit = 100): Promise<ItemReviewRow[]> {
    if (itemTypes.length === 0) return [];
    let q = this.db
      .selectFrom('item_reviews')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('created_by', '=', userId)
      .where('item_type', 'in', itemTypes);
    if (status) q = q.where('status', '=', status);
    return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** The review states of several items of one type, for lists. */
  async findMany(itemType: string, itemKeys: string[]): Promise<ItemReviewRow[]> {
    if (itemKeys.length === 0) return [];
    return this.db
      .selectFrom('item_reviews')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('item_type', '=', itemType)
      .where('item_key', 'in', itemKeys)
      .execute();
  }

  async insertRevision(revision: Omit<NewItemRevision, 'site_id'>): Promise<void> {
    await this.db
      .insertInto('item_revisions')
      .values({ ...revision, site_id: this.siteId })
      .execute();
  }

  async latestRevision(itemType: string, itemKey: string): Promise<ItemRevisionRow | undefined> {
    return this.revisions(itemType, itemKey).orderBy('number', 'desc').limit(1).executeTakeFirst();
  }

  async findRevision(itemType: string, itemKey: string, number: number): Promise<ItemRevisionRow | undefined> {
    return this.revisions(itemType, itemKey).where('number', '=', number).executeTakeFirst();
  }

  /** Every revision of an item, newest first, with who saved it. */
  async listRevisions(itemType: string, itemKey: string): Promise<ItemRevisionWithAuthor[]> {
    return this.db
      .selectFrom('item_revisions')
      .leftJoin('users', 'users.id', 'item_revisions.author_id')
      .selectAll('item_revisions')
      .select('users.display_name as author_name')
      .where('item_revisions.site_id', '=', this.siteId)
      .where('item_revisions.item_type', '=', itemType)
      .where('item_revisions.item_key', '=', itemKey)
      .orderBy('item_revisions.number', 'desc')
      .execute();
  }
}
