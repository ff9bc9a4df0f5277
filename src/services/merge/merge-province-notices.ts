import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../db/schema.ts';
import { MergeRepository } from '../../repositories/merge-repository.ts';
import { ProvinceNoticeRepository } from '../../repositories/province-notice-repository.ts';
import { paths } from '../../paths.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';

/** What taking over a former commune's province notices did: how many moved, and the old addresses to answer into the ward. */
export interface TakenOverNotices {
  moved: number;
  oldLinks: Array<{ old: string; target: string; noticeId: number }>;
}

/**
 * The ward takes over the province notices placed on a former commune, in
 * the merge's transaction: each placement moves to the ward (logged, so an
 * undo puts it back), unless the ward already shows that notice, when the
 * former's stays behind and goes with its site. A notice of another
 * province stays behind too: the ward could never be chosen for it.
 * Each notice taken over is in the ward's audit log.
 */
export async function takeOverProvinceNotices(trx: Kysely<Database>, who: AuditWho, mergeId: number, into: SiteRow, from: SiteRow): Promise<TakenOverNotices> {
  const notices = new ProvinceNoticeRepository(trx);
  const log = new MergeRepository(trx);
  const already = new Set(await notices.noticeIdsPlacedOn(into.id));
  const result: TakenOverNotices = { moved: 0, oldLinks: [] };
  for (const notice of await notices.listPlacedOn(from.id, Number.MAX_SAFE_INTEGER)) {
    if (notice.province !== into.province) continue;
    const path = paths.provinceNotice(notice.slug);
    result.oldLinks.push({ old: path, target: path, noticeId: notice.id });
    if (already.has(notice.id)) continue;
    await log.update(mergeId, 'province_notice_sites', { id: notice.placement_id }, { site_id: into.id }, { site_id: from.id });
    already.add(notice.id);
    result.moved++;
    const summary = `${notice.title} (trước đây trên cổng ${from.name})`;
    await recordAudit(trx, { ...who, siteId: into.id }, { action: 'province_notice.taken_over', targetType: 'province_notice', targetId: notice.id, summary });
  }
  return result;
}
