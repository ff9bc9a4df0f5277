import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { SiteMergeRow } from '../../db/schema/moving-in.ts';
import { AppError } from '../../errors.ts';
import { MergeRepository } from '../../repositories/merge-repository.ts';
import { recordAudit } from '../audit-service.ts';
import { variantsOf } from '../media-service.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { rebuildSearchIndex } from '../search/rebuild.ts';
import type { MergeWho } from './merge-sites.ts';
import { type MediaStorage, siteKey } from '../storage/media-storage.ts';

/** The former sites a merge recorded. */
function formerSites(merge: SiteMergeRow): Array<{ id: number; name: string; hosts: string[] }> {
  return JSON.parse(merge.from_sites) as Array<{ id: number; name: string; hosts: string[] }>;
}

async function pendingMerge(db: Kysely<Database>, id: number): Promise<SiteMergeRow> {
  const merge = await new MergeRepository(db).find(id);
  if (!merge) throw new AppError('not_found', `Không có lần gộp số ${id}.`);
  if (merge.status !== 'pending') throw new AppError('conflict', `Lần gộp số ${id} đã ${merge.status === 'confirmed' ? 'được xác nhận' : 'được hoàn tác'}.`);
  return merge;
}

/** Removes the copies of a site's media files from another site's folder. */
async function dropCopies(storage: MediaStorage, media: Array<{ storage_key: string; variants: string }>, folder: number): Promise<void> {
  for (const row of media) {
    for (const key of [row.storage_key, ...variantsOf(row).map((v) => v.key)]) await storage.delete(siteKey(folder, key));
  }
}

/** Undoes a merge not yet confirmed: every row back as it was, the former sites and hosts as before. */
export async function undoMerge(db: Kysely<Database>, storage: MediaStorage, id: number, who: MergeWho): Promise<void> {
  const merge = await pendingMerge(db, id);
  const from = formerSites(merge);
  await inTransaction(db, async (trx) => {
    await new MergeRepository(trx).undo(id);
    await new MergeRepository(trx).finish(id, { status: 'undone', finished_at: nowIso() });
    for (const siteId of [merge.site_id, ...from.map((s) => s.id)]) await rebuildSearchIndex(trx, siteId);
    await pagesChanged(trx, [merge.site_id, ...from.map((s) => s.id)].map(pageTags.all));
    await recordAudit(
      trx,
      { ...who, siteId: merge.site_id },
      { action: 'site.merge_undone', targetType: 'site_merge', targetId: id, summary: from.map((s) => s.name).join(', ') },
    );
  });
  for (const site of from) {
    const media = await db.selectFrom('media').select(['storage_key', 'variants']).where('site_id', '=', site.id).execute();
    await dropCopies(storage, media, merge.site_id);
  }
}

/** Confirms a merge: the former sites and what stayed behind with them are deleted; it can no longer be undone. */
export async function confirmMerge(db: Kysely<Database>, storage: MediaStorage, id: number, who: MergeWho): Promise<void> {
  const merge = await pendingMerge(db, id);
  const from = formerSites(merge);
  await inTransaction(db, async (trx) => {
    const log = new MergeRepository(trx);
    await log.forget(id);
    // What stayed behind (duplicates, calendars, ratings) goes with its site.
    await trx
      .deleteFrom('sites')
      .where(
        'id',
        'in',
        from.map((s) => s.id),
      )
      .execute();
    await log.finish(id, { status: 'confirmed', finished_at: nowIso() });
    await recordAudit(
      trx,
      { ...who, siteId: merge.site_id },
      { action: 'site.merge_confirmed', targetType: 'site_merge', targetId: id, summary: from.map((s) => s.name).join(', ') },
    );
  });
  for (const site of from) await storage.deleteBelow(`${site.id}/`);
}

/** The merges of the installation, newest first. */
export async function listMerges(db: Kysely<Database>): Promise<SiteMergeRow[]> {
  return new MergeRepository(db).list();
}
