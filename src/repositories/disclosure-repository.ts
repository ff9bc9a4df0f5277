import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../db/schema.ts';
import type { DisclosureEntryRow, DisclosureEntryUpdate, DisclosureItemRow, NewDisclosureEntry } from '../db/schema/disclosure.ts';
import type { DocumentRow } from '../db/schema/documents.ts';
import type { DocumentStatus } from '../db/schema/documents.ts';

/** What a list of entries can be narrowed by. */
export interface DisclosureFilter {
  itemId?: number | undefined;
  year?: number | undefined;
  status?: DocumentStatus | undefined;
}

/** SQL for one site's disclosure items, entries and their attachments. Every query is bound to the site given at construction. */
export class DisclosureRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  /** The site's items in their order, hidden ones included. */
  async items(): Promise<DisclosureItemRow[]> {
    return this.db.selectFrom('disclosure_items').selectAll().where('site_id', '=', this.siteId).orderBy('position').orderBy('id').execute();
  }

  async itemById(id: number): Promise<DisclosureItemRow | undefined> {
    return this.db.selectFrom('disclosure_items').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async itemBySlug(slug: string): Promise<DisclosureItemRow | undefined> {
    return this.db.selectFrom('disclosure_items').selectAll().where('site_id', '=', this.siteId).where('slug', '=', slug).executeTakeFirst();
  }

  async itemByKey(builtinKey: string): Promise<DisclosureItemRow | undefined> {
    return this.db.selectFrom('disclosure_items').selectAll().where('site_id', '=', this.siteId).where('builtin_key', '=', builtinKey).executeTakeFirst();
  }

  async insertItem(item: { builtin_key: string; slug: string; name: string; position: number; at: string }): Promise<number> {
    const row = await this.db
      .insertInto('disclosure_items')
      .values({
        site_id: this.siteId,
        builtin_key: item.builtin_key,
        slug: item.slug,
        name: item.name,
        position: item.position,
        hidden: 0,
        created_at: item.at,
        updated_at: item.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async updateItem(id: number, changes: Partial<Pick<DisclosureItemRow, 'name' | 'position' | 'hidden' | 'updated_at'>>): Promise<void> {
    await this.db.updateTable('disclosure_items').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  private entries(filter: DisclosureFilter) {
    let q = this.db.selectFrom('disclosure_entries').where('site_id', '=', this.siteId);
    if (filter.itemId !== undefined) q = q.where('item_id', '=', filter.itemId);
    if (filter.year !== undefined) q = q.where('year', '=', filter.year);
    if (filter.status) q = q.where('status', '=', filter.status);
    return q;
  }

  /** Entries matching a filter, newest change first (newsroom) or newest disclosure first (public). */
  async list(filter: DisclosureFilter, order: 'updated' | 'disclosed', limit: number, offset = 0): Promise<DisclosureEntryRow[]> {
    const q = this.entries(filter).selectAll();
    const ordered = order === 'updated' ? q.orderBy('updated_at', 'desc') : q.orderBy('year', 'desc').orderBy('starts_on', 'desc');
    return ordered.orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }

  async count(filter: DisclosureFilter): Promise<number> {
    const row = await this.entries(filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The years entries of a status belong to, newest first, for the year filter. */
  async years(status?: DocumentStatus): Promise<number[]> {
    const rows = await this.entries({ status }).select('year').distinct().orderBy('year', 'desc').execute();
    return rows.map((r) => Number(r.year));
  }

  /** Published entries of an item (or of any) whose disclosure period holds this day (yyyy-mm-dd), optionally of one year. */
  async countCurrent(day: string, itemId?: number, year?: number): Promise<number> {
    const row = await this.entries({ itemId, year, status: 'published' })
      .where('starts_on', '<=', day)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', day)]))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async findById(id: number): Promise<DisclosureEntryRow | undefined> {
    return this.db.selectFrom('disclosure_entries').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async insert(entry: Omit<NewDisclosureEntry, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('disclosure_entries')
      .values({ ...entry, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async update(id: number, changes: Omit<DisclosureEntryUpdate, 'id' | 'site_id'>): Promise<void> {
    await this.db.updateTable('disclosure_entries').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** An entry's attached library files, in order; files since deleted are left out. */
  async files(entryId: number): Promise<MediaRow[]> {
    return this.db
      .selectFrom('disclosure_entry_files')
      .innerJoin('media', 'media.id', 'disclosure_entry_files.media_id')
      .innerJoin('disclosure_entries', 'disclosure_entries.id', 'disclosure_entry_files.entry_id')
      .selectAll('media')
      .where('disclosure_entries.site_id', '=', this.siteId)
      .where('media.site_id', '=', this.siteId)
      .where('disclosure_entry_files.entry_id', '=', entryId)
      .where('media.deleted_at', 'is', null)
      .orderBy('disclosure_entry_files.position')
      .execute();
  }

  /** An entry's linked documents, in order, whatever their status (the reader shows only published ones). */
  async documents(entryId: number): Promise<DocumentRow[]> {
    return this.db
      .selectFrom('disclosure_entry_documents')
      .innerJoin('documents', 'documents.id', 'disclosure_entry_documents.document_id')
      .innerJoin('disclosure_entries', 'disclosure_entries.id', 'disclosure_entry_documents.entry_id')
      .selectAll('documents')
      .where('disclosure_entries.site_id', '=', this.siteId)
      .where('documents.site_id', '=', this.siteId)
      .where('disclosure_entry_documents.entry_id', '=', entryId)
      .orderBy('disclosure_entry_documents.position')
      .execute();
  }

  /** Replaces an entry's files and documents with these ids, in this order. The caller checks they are this site's. */
  async setAttachments(entryId: number, mediaIds: number[], documentIds: number[]): Promise<void> {
    await this.db.deleteFrom('disclosure_entry_files').where('entry_id', '=', entryId).execute();
    await this.db.deleteFrom('disclosure_entry_documents').where('entry_id', '=', entryId).execute();
    if (mediaIds.length) {
      await this.db
        .insertInto('disclosure_entry_files')
        .values(mediaIds.map((media_id, position) => ({ entry_id: entryId, media_id, position })))
        .execute();
    }
    if (documentIds.length) {
      await this.db
        .insertInto('disclosure_entry_documents')
        .values(documentIds.map((document_id, position) => ({ entry_id: entryId, document_id, position })))
        .execute();
    }
  }

  /** Published entries after an id, in id order: for rebuilding the search index in batches. */
  async publishedAfterId(afterId: number, limit: number): Promise<DisclosureEntryRow[]> {
    return this.entries({ status: 'published' }).selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }

  /** Every published entry's address parts and last change, for the sitemap. */
  async publishedForSitemap(limit: number): Promise<DisclosureEntryRow[]> {
    return this.entries({ status: 'published' }).selectAll().orderBy('updated_at', 'desc').limit(limit).execute();
  }
}
