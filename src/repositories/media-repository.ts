import type { Kysely } from 'kysely';
import type { Database, MediaRow, NewMedia } from '../db/schema.ts';

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
    return this.db
      .selectFrom('media')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('storage_key', '=', storageKey)
      .executeTakeFirst();
  }

  /** Media rows by id, for rendering a page's images in one query. */
  async findByIds(ids: number[]): Promise<MediaRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('media').selectAll().where('site_id', '=', this.siteId).where('id', 'in', ids).execute();
  }
}
