import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../db/schema.ts';
import { ConformanceRepository } from '../../repositories/conformance-repository.ts';

/** Where a site stands on one requirement: present (Đạt), missing (Thiếu), or late (Quá hạn). */
export type CheckStatus = 'ok' | 'missing' | 'late';

/** The decrees on commune portals: 42/2022, and 224/2026 in force from 01/07/2026. */
export const BASIS = 'NĐ 42/2022/NĐ-CP, NĐ 224/2026/NĐ-CP';

/** The words each status shows, on screens and in the CSV. */
export const STATUS_LABELS: Record<CheckStatus, string> = { ok: 'Đạt', missing: 'Thiếu', late: 'Quá hạn' };

/** One site's result on one check: its status, why, and the newsroom screen that fixes it. */
export interface CheckResult {
  status: CheckStatus;
  detail: string;
  fixUrl: string;
}

/**
 * What a check run shares: the sites, the time, the cross-site reads, and a
 * memo so that checks reading the same facts (the Giới thiệu content) load them once.
 */
export interface CheckRun {
  db: Kysely<Database>;
  sites: SiteRow[];
  siteIds: number[];
  now: Date;
  reads: ConformanceRepository;
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/**
 * One requirement of the law or the decrees. `judge` gives one site's result,
 * from facts that `load` read once for every site of the run (a query or a
 * few, never one per site).
 */
export interface ConformanceCheck<F = unknown> {
  key: string;
  /** What the requirement is, as the checklist names it ("Văn bản ban hành trong năm"). */
  label: string;
  /** Which decree or law asks it, for the inspector. */
  basis: string;
  load(run: CheckRun): Promise<F>;
  judge(site: SiteRow, facts: F, now: Date): CheckResult;
}

/** A check, typed by its facts, as the registry lists it. */
export function defineCheck<F>(check: ConformanceCheck<F>): ConformanceCheck {
  return check as ConformanceCheck;
}

/** A run over these sites at this time. */
export function startRun(db: Kysely<Database>, sites: SiteRow[], now: Date): CheckRun {
  const memo = new Map<string, Promise<unknown>>();
  return {
    db,
    sites,
    siteIds: sites.map((s) => s.id),
    now,
    reads: new ConformanceRepository(db),
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!memo.has(key)) memo.set(key, load());
      return memo.get(key) as Promise<T>;
    },
  };
}

/** Results built the same way by every check. */
export const ok = (detail: string, fixUrl: string): CheckResult => ({ status: 'ok', detail, fixUrl });
export const missing = (detail: string, fixUrl: string): CheckResult => ({ status: 'missing', detail, fixUrl });
export const late = (detail: string, fixUrl: string): CheckResult => ({ status: 'late', detail, fixUrl });

/** A site's count from a per-site list, zero when it has none. */
export function countOf(rows: Array<{ site_id: number; count: number }>, siteId: number): number {
  return rows.find((r) => r.site_id === siteId)?.count ?? 0;
}
