import type { Kysely } from 'kysely';
import type { Database, MediaRow, NewMedia } from '../db/schema.ts';
import { likePattern } from './like.ts';

/** SQL for one site's media files. */
export class MediaRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  async insert(media: Omit<NewMedia, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('media')
      .values({ ...media, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async findByKey(storageKey: string): Promise<MediaRow | undefined> {
    return this.db.selectFrom('media').selectAll().where('site_id', '=', this.siteId).where('storage_key', '=', storageKey).executeTakeFirst();
  }

  /** Media rows by storage key, for the images an article body shows. */
  async findByKeys(keys: string[]): Promise<MediaRow[]> {
    if (keys.length === 0) return [];
    return this.db.selectFrom('media').selectAll().where('site_id', '=', this.siteId).where('storage_key', 'in', keys).execute();
  }

  /** The media row a variant key ("<base>-480.webp") belongs to. */
  async findByVariantBase(base: string): Promise<MediaRow | undefined> {
    return this.db
      .selectFrom('media')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where(likePattern('storage_key', '', `${base}.`, '%'))
      .executeTakeFirst();
  }

  /** Media rows by id, for rendering a page's images in one query. */
  async findByIds(ids: number[]): Promise<MediaRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('media').selectAll().where('site_id', '=', this.siteId).where('id', 'in', ids).execute();
  }

  /** The site's library, newest first, optionally of one kind or matching a folded search. */
  async list(options: { kind?: 'image' | 'file'; search?: string; limit: number; offset?: number }): Promise<MediaRow[]> {
    let q = this.db.selectFrom('media').selectAll().where('site_id', '=', this.siteId).where('deleted_at', 'is', null);
    if (options.kind) q = q.where('kind', '=', options.kind);
    if (options.search) {
      const text = options.search;
      q = q.where((eb) => eb.or(['alt', 'title', 'original_name', 'caption'].map((column) => likePattern(column, '%', text, '%'))));
    }
    return q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .offset(options.offset ?? 0)
      .execute();
  }

  async update(id: number, changes: { alt?: string; caption?: string; title?: string }): Promise<void> {
    await this.db.updateTable('media').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }
}
