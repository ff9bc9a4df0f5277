import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, SiteRow } from '../../db/schema.ts';
import type { RedirectRow, RedirectSource } from '../../db/schema/moving-in.ts';
import { AppError, validationError } from '../../errors.ts';
import { RedirectRepository, findFormerHost } from '../../repositories/redirect-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { type AuditWho, csvCell, recordAudit } from '../audit-service.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { parseInput } from '../validation.ts';
import { lookupKeys, normalizeOldPath } from './old-paths.ts';

/** Where an old address goes: a path on the same site, or a full URL (another host). */
export interface RedirectAnswer {
  location: string;
}

/** The new address of an old path on a site, or null when it has none (a 404 stays a 404). */
export async function resolveOldLink(db: Kysely<Database>, siteId: number, host: string, rawUrl: string): Promise<RedirectAnswer | null> {
  const repo = new RedirectRepository(db, siteId);
  for (const key of lookupKeys(rawUrl)) {
    const row = await repo.find(host, key);
    if (row) return row.target_path ? { location: row.target_path } : null;
  }
  return null;
}

/**
 * A request for a merged commune's former host: the item's new address on
 * the ward's site, or the ward's home page for an address it never had.
 */
export async function resolveFormerHost(db: Kysely<Database>, host: string, rawUrl: string, protocol: string): Promise<RedirectAnswer | null> {
  const former = await findFormerHost(db, host);
  if (!former) return null;
  const [primary] = await new SiteRepository(db).hostsOf(former.site_id);
  if (!primary) return null;
  const found = await resolveOldLink(db, former.site_id, host, rawUrl);
  const target = found?.location ?? '/';
  return { location: /^https?:\/\//.test(target) ? target : `${protocol}://${primary}${target}` };
}

/** One old address of an imported or moved item, and the path it has now (null: none yet). */
export interface OldLink {
  oldUrl: string;
  oldHost?: string;
  targetPath: string | null;
  itemType?: string;
  itemId?: number;
}

/** Records old addresses, in the caller's transaction; a known one gets its new target. Returns how many were kept. */
export async function recordOldLinks(db: Kysely<Database>, siteId: number, source: RedirectSource, links: OldLink[]): Promise<number> {
  const repo = new RedirectRepository(db, siteId);
  const now = nowIso();
  let kept = 0;
  for (const link of links) {
    const oldPath = normalizeOldPath(link.oldUrl);
    // An old address that is the item's new one already needs no redirect.
    if (!oldPath || oldPath === '/' || (link.targetPath && normalizeOldPath(link.targetPath) === oldPath && !link.oldHost)) continue;
    await repo.upsert(
      {
        old_host: link.oldHost ?? '',
        old_path: oldPath,
        target_path: link.targetPath,
        source,
        item_type: link.itemType ?? null,
        item_id: link.itemId ?? null,
        created_by: null,
      },
      now,
    );
    kept++;
  }
  return kept;
}

/** A target as an editor types it: a path of this site ("/bai-viet/…") or a full http(s) address. */
const Target = z
  .string()
  .trim()
  .max(1000, 'tối đa 1000 ký tự')
  .refine((v) => v === '' || v.startsWith('/') || /^https?:\/\/[^\s]+$/i.test(v), 'hãy ghi đường dẫn bắt đầu bằng / hoặc địa chỉ http(s)://');

const RedirectForm = z.object({
  old_url: z.string().trim().min(1, 'không được để trống').max(1000, 'tối đa 1000 ký tự'),
  target: Target,
  note: z.string().trim().max(300, 'tối đa 300 ký tự').default(''),
});

/** Adds (or changes) an old address by hand; audited. */
export async function addRedirect(db: Kysely<Database>, site: SiteRow, input: unknown, who: AuditWho & { userId?: number | null }): Promise<void> {
  const data = parseInput(RedirectForm, input);
  const oldPath = normalizeOldPath(data.old_url);
  if (!oldPath || oldPath === '/') throw validationError([{ field: 'old_url', message: 'không phải một đường dẫn cũ hợp lệ (ví dụ /tin-tuc/hoi-nghi.html)' }]);
  const target = data.target.startsWith('/') ? data.target.replace(/\/+$/, '') || '/' : data.target;
  if (target && normalizeOldPath(target) === oldPath) throw validationError([{ field: 'target', message: 'đường dẫn mới trùng đường dẫn cũ' }]);
  await inTransaction(db, async (trx) => {
    const repo = new RedirectRepository(trx, site.id);
    const now = nowIso();
    await repo.upsert(
      {
        old_host: '',
        old_path: oldPath,
        target_path: target || null,
        source: 'manual',
        item_type: null,
        item_id: null,
        note: data.note,
        created_by: 'userId' in who ? (who.userId ?? null) : null,
      },
      now,
    );
    await recordAudit(trx, who, { action: 'redirect.saved', targetType: 'redirect', summary: `${oldPath} → ${target || '(chưa có đích)'}` });
  });
}

/** Sets or clears where an old address goes; audited. */
export async function setRedirectTarget(db: Kysely<Database>, siteId: number, id: number, target: string, who: AuditWho): Promise<void> {
  const value = parseInput(z.object({ target: Target }), { target }).target;
  await inTransaction(db, async (trx) => {
    const repo = new RedirectRepository(trx, siteId);
    const row = await repo.findById(id);
    if (!row) throw new AppError('not_found');
    const path = value.startsWith('/') ? value.replace(/\/+$/, '') || '/' : value;
    await repo.setTarget(id, path || null, nowIso());
    await recordAudit(trx, who, { action: 'redirect.saved', targetType: 'redirect', targetId: id, summary: `${row.old_path} → ${path || '(chưa có đích)'}` });
  });
}

/** Removes an old address; audited. */
export async function deleteRedirect(db: Kysely<Database>, siteId: number, id: number, who: AuditWho): Promise<void> {
  await inTransaction(db, async (trx) => {
    const repo = new RedirectRepository(trx, siteId);
    const row = await repo.findById(id);
    if (!row) throw new AppError('not_found');
    await repo.delete(id);
    await recordAudit(trx, who, { action: 'redirect.deleted', targetType: 'redirect', targetId: id, summary: row.old_path });
  });
}

/** A page of a site's old addresses, and how many lack a target. */
export async function listRedirects(
  db: Kysely<Database>,
  siteId: number,
  options: { missingOnly: boolean; page: number; perPage: number },
): Promise<{ rows: RedirectRow[]; pagination: Pagination; missing: number }> {
  const repo = new RedirectRepository(db, siteId);
  const missing = await repo.count(true);
  const pagination = paginate(options.missingOnly ? missing : await repo.count(false), options.page, options.perPage);
  const rows = await repo.list({ missingOnly: options.missingOnly, limit: options.perPage, offset: pagination.offset });
  return { rows, pagination, missing };
}

const SOURCE_NAMES: Record<RedirectSource, string> = { wordpress: 'WordPress', html: 'Trang cổng cũ', merge: 'Gộp cổng', manual: 'Thêm tay' };

/** What the newsroom calls where an old address came from. */
export function redirectSourceName(source: RedirectSource): string {
  return SOURCE_NAMES[source];
}

/** The report of old addresses as CSV (with BOM, for spreadsheets): every one, or only those without a target. */
export async function redirectReportCsv(db: Kysely<Database>, siteId: number, missingOnly: boolean): Promise<string> {
  const rows = await new RedirectRepository(db, siteId).list({ missingOnly, limit: 1_000_000, offset: 0 });
  const header = ['Tên miền cũ', 'Đường dẫn cũ', 'Đường dẫn mới', 'Nguồn', 'Ghi chú'];
  const lines = rows.map((r) => [r.old_host, r.old_path, r.target_path ?? '', SOURCE_NAMES[r.source], r.note].map(csvCell).join(','));
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
