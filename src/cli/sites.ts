import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { SiteRepository } from '../repositories/site-repository.ts';
import { normalizeHost } from '../services/site-service.ts';
import { UsageError } from './runtime.ts';

/** The site a command's --site names, or the only site (beside a province portal) when none is named. */
export async function findSite(db: Kysely<Database>, host: string | undefined): Promise<SiteRow> {
  const sites = new SiteRepository(db);
  if (host) {
    const site = await sites.findByHost(normalizeHost(host));
    if (!site) throw new AppError('site_not_found', `Không có cổng nào với tên miền "${host}".`);
    return site;
  }
  const all = await sites.list();
  if (all.length === 1) return all[0]!;
  // A province portal beside one commune (the demo) leaves one site a command means.
  const communes = all.filter((s) => s.unit_type !== 'tinh');
  if (communes.length === 1) return communes[0]!;
  throw new UsageError(all.length === 0 ? 'Chưa có cổng nào: hãy tạo bằng create-site.' : 'Có nhiều cổng: hãy chỉ định --site TÊN_MIỀN.');
}
