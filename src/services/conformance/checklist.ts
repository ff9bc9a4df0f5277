import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../db/schema.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { slugify } from '../../text/vietnamese.ts';
import { vietnamToday } from '../calendars/weeks.ts';
import { csvCell } from '../audit-service.ts';
import { type CheckResult, type CheckStatus, STATUS_LABELS, startRun } from './check.ts';
import { CONFORMANCE_CHECKS } from './registry.ts';

/** One requirement as a checklist shows it: what it is, where the law asks it, and one site's result. */
export interface ChecklistItem extends CheckResult {
  key: string;
  label: string;
  basis: string;
}

/** How many items of a checklist stand in each status. */
export type StatusCounts = Record<CheckStatus, number>;

/** One site's row of the province table. */
export interface ChecklistRow {
  site: Pick<SiteRow, 'id' | 'name' | 'province'>;
  items: ChecklistItem[];
  counts: StatusCounts;
}

/** The province table: the requirements as columns, one row a site. */
export interface ProvinceChecklist {
  province: string;
  provinces: string[];
  checks: Array<{ key: string; label: string; basis: string }>;
  rows: ChecklistRow[];
}

const countStatuses = (items: ChecklistItem[]): StatusCounts => ({
  ok: items.filter((i) => i.status === 'ok').length,
  missing: items.filter((i) => i.status === 'missing').length,
  late: items.filter((i) => i.status === 'late').length,
});

/** Runs every check over these sites: each check loads its facts once for all of them, then judges each site. */
async function checkSites(db: Kysely<Database>, sites: SiteRow[], now: Date): Promise<ChecklistRow[]> {
  const run = startRun(db, sites, now);
  const facts = await Promise.all(CONFORMANCE_CHECKS.map((check) => check.load(run)));
  return sites.map((site) => {
    const items = CONFORMANCE_CHECKS.map((check, i) => ({ key: check.key, label: check.label, basis: check.basis, ...check.judge(site, facts[i], now) }));
    return { site: { id: site.id, name: site.name, province: site.province }, items, counts: countStatuses(items) };
  });
}

/** One site's checklist: every requirement, present, missing or late, with the reason and the screen that fixes it. */
export async function siteChecklist(db: Kysely<Database>, site: SiteRow, now = new Date()): Promise<ChecklistRow> {
  return (await checkSites(db, [site], now))[0]!;
}

/** The checklist of every site of a province, for the platform admin, sites in name order. */
export async function provinceChecklist(db: Kysely<Database>, province: string, now = new Date()): Promise<ProvinceChecklist> {
  const all = await new SiteRepository(db).list();
  const provinces = [...new Set(all.map((s) => s.province))].sort((a, b) => a.localeCompare(b, 'vi'));
  const sites = all.filter((s) => s.province === province).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return {
    province,
    provinces,
    checks: CONFORMANCE_CHECKS.map(({ key, label, basis }) => ({ key, label, basis })),
    rows: await checkSites(db, sites, now),
  };
}

/**
 * The province table as CSV (UTF-8 with BOM, so spreadsheet programs read
 * Vietnamese): a site a row, a requirement a column with its status, then
 * the counts, then the reasons of what is not met.
 */
export function provinceChecklistCsv(table: ProvinceChecklist): string {
  const header = ['Cổng', 'Tỉnh', ...table.checks.map((c) => c.label), 'Số mục thiếu', 'Số mục quá hạn', 'Chi tiết'];
  const lines = table.rows.map((row) =>
    [
      row.site.name,
      row.site.province,
      ...row.items.map((i) => STATUS_LABELS[i.status]),
      row.counts.missing,
      row.counts.late,
      row.items
        .filter((i) => i.status !== 'ok')
        .map((i) => `${i.label}: ${i.detail}`)
        .join(' | '),
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`;
}

/** The CSV's file name: "tuan-thu-dong-thap-2026-12-07.csv". */
export function checklistFileName(province: string, now = new Date()): string {
  return `tuan-thu-${slugify(province) || 'tinh'}-${vietnamToday(now)}.csv`;
}
