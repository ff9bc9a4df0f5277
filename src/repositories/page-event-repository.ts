import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** SQL for page-change events, the cache invalidation log shared by every process. */
export class PageEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(tags: string[], at: string): Promise<void> {
    await this.db
      .insertInto('page_events')
      .values({ tags: tags.join(' '), created_at: at })
      .execute();
  }

  /** Events after an id, oldest first. */
  async since(afterId: number, limit = 500): Promise<Array<{ id: number; tags: string }>> {
    return this.db.selectFrom('page_events').select(['id', 'tags']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }

  /** The events among some ids (those a poll skipped), oldest first. */
  async byIds(ids: number[]): Promise<Array<{ id: number; tags: string }>> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('page_events').select(['id', 'tags']).where('id', 'in', ids).orderBy('id').execute();
  }

  /** The newest event id (0 when there is none): where a starting process begins listening. */
  async lastId(): Promise<number> {
    const row = await this.db
      .selectFrom('page_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  /** Deletes events older than an instant; every live process has long applied them. */
  async prune(before: string): Promise<void> {
    await this.db.deleteFrom('page_events').where('created_at', '<', before).execute();
  }
}
