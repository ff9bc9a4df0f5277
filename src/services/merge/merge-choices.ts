import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SiteMergeRow } from '../../db/schema/moving-in.ts';
import { AppError, type FieldError, validationError } from '../../errors.ts';
import { MergeRepository } from '../../repositories/merge-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { type MergeReport, type MergeWho, mergeSites } from './merge-sites.ts';
import type { MediaStorage } from '../storage/media-storage.ts';

/** A site the platform admin can merge into, or from. */
export interface MergeableSite {
  id: number;
  name: string;
  province: string;
  hosts: string[];
}

/** A merge as the platform admin's list and detail show it. */
export interface MergeSummary {
  id: number;
  status: SiteMergeRow['status'];
  createdAt: string;
  finishedAt: string | null;
  into: string;
  from: string[];
  report: MergeReport | null;
}

function summarise(merge: SiteMergeRow, names: Map<number, string>): MergeSummary {
  const from = JSON.parse(merge.from_sites) as Array<{ name: string }>;
  const report = JSON.parse(merge.report || 'null') as MergeReport | null;
  return {
    id: merge.id,
    status: merge.status,
    createdAt: merge.created_at,
    finishedAt: merge.finished_at,
    into: names.get(merge.site_id) ?? `#${merge.site_id}`,
    from: from.map((s) => s.name),
    report: report && Array.isArray(report.units) ? report : null,
  };
}

/** Every site of the installation (with its hosts) and the merges made so far, newest first. */
export async function mergeOverview(db: Kysely<Database>): Promise<{ sites: MergeableSite[]; merges: MergeSummary[] }> {
  const repo = new SiteRepository(db);
  const rows = await repo.list();
  const sites = await Promise.all(rows.map(async (s) => ({ id: s.id, name: s.name, province: s.province, hosts: await repo.hostsOf(s.id) })));
  const names = new Map(rows.map((s) => [s.id, s.name]));
  return { sites, merges: (await new MergeRepository(db).list()).map((m) => summarise(m, names)) };
}

/** One merge with its report. */
export async function mergeDetail(db: Kysely<Database>, id: number): Promise<MergeSummary> {
  const merge = await new MergeRepository(db).find(id);
  if (!merge) throw new AppError('not_found', `Không có lần gộp số ${id}.`);
  const site = await new SiteRepository(db).findById(merge.site_id);
  return summarise(merge, new Map(site ? [[site.id, site.name]] : []));
}

/** The platform admin's merge form: sites chosen by id, each problem named beside its field. */
export async function mergeSiteIds(db: Kysely<Database>, storage: MediaStorage, intoId: number, fromIds: number[], who: MergeWho): Promise<number> {
  const repo = new SiteRepository(db);
  const errors: FieldError[] = [];
  const intoHosts = Number.isInteger(intoId) ? await repo.hostsOf(intoId) : [];
  if (intoHosts.length === 0) errors.push({ field: 'into', message: 'Chọn cổng của đơn vị mới.' });
  const ids = [...new Set(fromIds.filter((id) => Number.isInteger(id) && id !== intoId))];
  const fromHosts = await Promise.all(ids.map(async (id) => (await repo.hostsOf(id))[0]));
  if (ids.length === 0) errors.push({ field: 'from', message: 'Chọn ít nhất một cổng của đơn vị cũ, khác cổng của đơn vị mới.' });
  else if (fromHosts.some((h) => h === undefined)) errors.push({ field: 'from', message: 'Có cổng đã chọn không còn trong hệ thống; tải lại trang.' });
  if (errors.length) throw validationError(errors);
  const { mergeId } = await mergeSites(db, storage, intoHosts[0]!, fromHosts as string[], who);
  return mergeId;
}
