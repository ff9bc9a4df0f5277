import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { NewRedirect, RedirectRow } from '../db/schema/moving-in.ts';

/** A redirect to record: the old address (host '' for the site's own) and where it goes, if known. */
export type RedirectInput = Omit<NewRedirect, 'site_id' | 'created_at' | 'updated_at'>;

/** SQL for one site's old addresses. */
export class RedirectRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  /** The redirect for an old path, the host's own before the site-wide one. */
  async find(host: string, oldPath: string): Promise<RedirectRow | undefined> {
    return this.db
      .selectFrom('redirects')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('old_path', '=', oldPath)
      .where('old_host', 'in', ['', host])
      .orderBy('old_host', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async findById(id: number): Promise<RedirectRow | undefined> {
    return this.db.selectFrom('redirects').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  /** Records an old address, or updates where it goes when it is known already. */
  async upsert(redirect: RedirectInput, now: string): Promise<void> {
    await this.db
      .insertInto('redirects')
      .values({ ...redirect, site_id: this.siteId, created_at: now, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['site_id', 'old_host', 'old_path']).doUpdateSet({
          target_path: redirect.target_path ?? null,
          source: redirect.source,
          item_type: redirect.item_type ?? null,
          item_id: redirect.item_id ?? null,
          updated_at: now,
        }),
      )
      .execute();
  }

  /** Old addresses, newest first; only those without a target when asked. */
  async list(options: { missingOnly: boolean; limit: number; offset: number }): Promise<RedirectRow[]> {
    let q = this.db.selectFrom('redirects').selectAll().where('site_id', '=', this.siteId);
    if (options.missingOnly) q = q.where('target_path', 'is', null);
    return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute();
  }

  async count(missingOnly: boolean): Promise<number> {
    let q = this.db.selectFrom('redirects').where('site_id', '=', this.siteId);
    if (missingOnly) q = q.where('target_path', 'is', null);
    const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setTarget(id: number, targetPath: string | null, now: string): Promise<void> {
    await this.db.updateTable('redirects').set({ target_path: targetPath, updated_at: now }).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('redirects').where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }
}

/** The site and name of a merged commune's host, which now answers into that site. */
export async function findFormerHost(db: Kysely<Database>, host: string): Promise<{ site_id: number; unit_name: string } | undefined> {
  return db.selectFrom('site_former_hosts').select(['site_id', 'unit_name']).where('host', '=', host).executeTakeFirst();
}
