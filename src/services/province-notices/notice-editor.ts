import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, SiteRow } from '../../db/schema.ts';
import type { ProvinceNoticeRow } from '../../db/schema/province-notices.ts';
import { AppError, validationError } from '../../errors.ts';
import { ProvinceNoticeRepository } from '../../repositories/province-notice-repository.ts';
import { hasReliefFigures, htmlToPlainText, richTextHtml } from '../../text/sanitize.ts';
import { slugify, toNfc } from '../../text/vietnamese.ts';
import { recordAuditOnSites } from '../audit-service.ts';
import { type Actor, can } from '../permissions.ts';
import { parseInput } from '../validation.ts';
import { provinceNoticeChanged, unindexProvinceNotice } from './notice-changes.ts';
import { type NoticeAttachments, changeNoticeFiles, removeNoticeFiles, withStoredNoticeFiles } from './notice-files.ts';

const text = (max: number, required: string) =>
  z
    .string({ message: required })
    .transform((s) => toNfc(s).trim())
    .pipe(z.string().min(1, required).max(max, `không quá ${max} ký tự`));

/** The form of a province notice, as the platform admin fills it in. */
export const ProvinceNoticeSchema = z.object({
  kind: z.enum(['notice', 'document'], { message: 'hãy chọn thông báo hoặc tài liệu' }),
  issuer: text(200, 'hãy ghi cơ quan ban hành, ví dụ UBND tỉnh Đồng Tháp'),
  title: text(300, 'hãy nhập tiêu đề'),
  summary: z
    .string()
    .default('')
    .transform((s) => toNfc(s).trim())
    .pipe(z.string().max(600, 'tóm tắt không quá 600 ký tự')),
  body_html: z
    .string()
    .default('')
    .pipe(z.string().max(200_000, 'nội dung quá dài'))
    .transform(richTextHtml)
    .refine((html) => htmlToPlainText(html).length > 0, 'hãy nhập nội dung')
    .refine((html) => !hasReliefFigures(html), 'không chèn được số liệu vận động – cứu trợ vào thông báo của tỉnh: số liệu thuộc về từng xã, phường'),
  scope: z.enum(['all', 'chosen'], { message: 'hãy chọn nơi đăng' }),
  sites: z.array(z.coerce.number().int().positive()).default([]),
  /** Files to take off the notice, by id. */
  remove_files: z.array(z.coerce.number().int().positive()).default([]),
});
export type ProvinceNoticeInput = z.input<typeof ProvinceNoticeSchema>;

/** Only a platform admin publishes, edits or withdraws a province notice; a commune's own admin may not. */
function requirePlatform(actor: Actor): void {
  if (!can(actor, 'platform.manage')) throw new AppError('forbidden');
}

/** The sites a notice goes to: every commune of the province, or the chosen ones, each checked to be one of them. */
async function targetSites(repo: ProvinceNoticeRepository, province: string, data: z.output<typeof ProvinceNoticeSchema>): Promise<number[]> {
  const communes = await repo.communesOf(province);
  if (data.scope === 'all') return communes.map((c) => c.id);
  const chosen = [...new Set(data.sites)];
  if (chosen.length === 0) throw validationError([{ field: 'sites', message: 'hãy chọn ít nhất một xã, phường' }]);
  const known = new Set(communes.map((c) => c.id));
  if (chosen.some((id) => !known.has(id))) throw validationError([{ field: 'sites', message: 'chỉ chọn được xã, phường của tỉnh này' }]);
  return chosen;
}

/** A slug for the title that the province has not used yet. */
async function freeSlug(repo: ProvinceNoticeRepository, province: string, title: string, exceptId = 0): Promise<string> {
  const base = slugify(title) || 'thong-bao';
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await repo.slugTaken(province, slug, exceptId))) return slug;
  }
}

const scopeLabel = (toAll: boolean, count: number) => (toAll ? `mọi xã, phường (${count})` : `${count} xã, phường`);

/** What an audit entry says of a save: the title, where it goes, and files added or removed. */
function auditSummary(title: string, toAll: boolean, sites: number, added: number, removed: number): string {
  const files = [added ? `thêm ${added} tệp` : '', removed ? `gỡ ${removed} tệp` : ''].filter(Boolean).join(', ');
  return `${title} → ${scopeLabel(toAll, sites)}${files ? `; ${files}` : ''}`;
}

/**
 * Publishes a notice once for communes of a province: every commune (also
 * those created later) or the chosen ones. Indexes it and marks every
 * chosen site's pages stale, with an audit entry on each of those sites.
 */
export async function publishProvinceNotice(
  db: Kysely<Database>,
  actor: Actor,
  province: string,
  input: ProvinceNoticeInput,
  attach?: NoticeAttachments,
): Promise<ProvinceNoticeRow> {
  requirePlatform(actor);
  const data = parseInput(ProvinceNoticeSchema, input);
  return withStoredNoticeFiles(attach, (files) =>
    inTransaction(db, async (trx) => {
      const repo = new ProvinceNoticeRepository(trx);
      const sites = await targetSites(repo, province, data);
      const now = nowIso();
      const { scope: _scope, sites: _sites, remove_files: _remove, ...fields } = data;
      const id = await repo.insert({
        ...fields,
        province,
        slug: await freeSlug(repo, province, data.title),
        to_all: data.scope === 'all' ? 1 : 0,
        status: 'published',
        published_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      await repo.setSites(id, sites, now);
      await changeNoticeFiles(trx, id, files, []);
      await provinceNoticeChanged(trx, id, []);
      const summary = auditSummary(data.title, data.scope === 'all', sites.length, files.length, 0);
      await recordAuditOnSites(trx, actor, { action: 'province_notice.published', targetType: 'province_notice', targetId: id, summary }, sites);
      return (await repo.findById(id))!;
    }),
  );
}

/** A province notice the platform admin works on; not_found when there is none. */
export async function findProvinceNotice(db: Kysely<Database>, actor: Actor, id: number): Promise<ProvinceNoticeRow> {
  requirePlatform(actor);
  const notice = await new ProvinceNoticeRepository(db).findById(id);
  if (!notice) throw new AppError('not_found');
  return notice;
}

/**
 * Edits a notice and where it is shown: the one row changes, so every site
 * shows the edit; sites added get it, sites left out lose it, and the pages
 * of all of them are marked stale in the same transaction.
 */
export async function updateProvinceNotice(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: ProvinceNoticeInput,
  attach?: NoticeAttachments,
): Promise<ProvinceNoticeRow> {
  requirePlatform(actor);
  const data = parseInput(ProvinceNoticeSchema, input);
  const { row, removed } = await withStoredNoticeFiles(attach, (files) =>
    inTransaction(db, async (trx) => {
      const repo = new ProvinceNoticeRepository(trx);
      const notice = await repo.findById(id);
      if (!notice) throw new AppError('not_found');
      const sites = await targetSites(repo, notice.province, data);
      const now = nowIso();
      const before = await unindexProvinceNotice(trx, id);
      const { scope: _scope, sites: _sites, remove_files: removeIds, ...fields } = data;
      const slug = data.title === notice.title ? notice.slug : await freeSlug(repo, notice.province, data.title, id);
      await repo.update(id, { ...fields, slug, to_all: data.scope === 'all' ? 1 : 0, updated_by: actor.userId, updated_at: now });
      await repo.setSites(id, sites, now);
      const removed = await changeNoticeFiles(trx, id, files, removeIds);
      await provinceNoticeChanged(trx, id, before);
      const summary = auditSummary(data.title, data.scope === 'all', sites.length, files.length, removed.length);
      const entry = { action: 'province_notice.updated', targetType: 'province_notice', targetId: id, summary };
      await recordAuditOnSites(trx, actor, entry, new Set([...before, ...sites]));
      return { row: (await repo.findById(id))!, removed };
    }),
  );
  // The bytes of removed files go once the rows are gone for good.
  await removeNoticeFiles(attach?.storage, removed);
  return row;
}

/** Withdraws a notice (or publishes it again): it leaves every site at once, its pages and search entries with it. */
export async function setProvinceNoticeWithdrawn(db: Kysely<Database>, actor: Actor, id: number, withdrawn: boolean): Promise<void> {
  requirePlatform(actor);
  await inTransaction(db, async (trx) => {
    const repo = new ProvinceNoticeRepository(trx);
    const notice = await repo.findById(id);
    if (!notice) throw new AppError('not_found');
    const before = await unindexProvinceNotice(trx, id);
    const now = nowIso();
    await repo.update(id, { status: withdrawn ? 'withdrawn' : 'published', withdrawn_at: withdrawn ? now : null, updated_by: actor.userId, updated_at: now });
    await provinceNoticeChanged(trx, id, before);
    const action = withdrawn ? 'province_notice.withdrawn' : 'province_notice.republished';
    await recordAuditOnSites(trx, actor, { action, targetType: 'province_notice', targetId: id, summary: notice.title }, before);
  });
}

/**
 * Gives a commune created after them the notices of its province that go to
 * every commune; in the caller's transaction (the site's creation).
 */
export async function deliverProvinceNoticesTo(db: Kysely<Database>, site: Pick<SiteRow, 'id' | 'province'>): Promise<void> {
  const repo = new ProvinceNoticeRepository(db);
  const communes = new Set((await repo.communesOf(site.province)).map((c) => c.id));
  if (!communes.has(site.id)) return;
  for (const notice of await repo.toAllOf(site.province)) {
    const before = await unindexProvinceNotice(db, notice.id);
    await repo.setSites(notice.id, [...new Set([...before, site.id])], nowIso());
    await provinceNoticeChanged(db, notice.id, before);
  }
}
