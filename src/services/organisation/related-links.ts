import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { PortalRepository } from '../../repositories/portal-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { parseInput } from '../validation.ts';

/** A link of the home page's "Liên kết" box. */
export interface RelatedLink {
  title: string;
  url: string;
}

/** What the box shows when the site has configured nothing: the national public-service portal. */
export const DEFAULT_LINKS: readonly RelatedLink[] = [{ title: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn' }];

/** The most links the box holds. */
export const MAX_LINKS = 30;

const LinkRow = z
  .object({
    title: z.string().trim().max(200, 'tối đa 200 ký tự').transform(toNfc).default(''),
    url: z.string().trim().max(500, 'tối đa 500 ký tự').default(''),
  })
  .superRefine((row, ctx) => {
    if (!row.title && !row.url) return;
    if (!row.title) ctx.addIssue({ code: 'custom', path: ['title'], message: 'cần tên của liên kết' });
    let ok = false;
    try {
      const parsed = new URL(row.url);
      ok = (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.includes('.');
    } catch {
      ok = false;
    }
    if (!ok) ctx.addIssue({ code: 'custom', path: ['url'], message: 'phải là địa chỉ web bắt đầu bằng http:// hoặc https://' });
  });

/** The links form: rows in display order; fully blank rows are dropped. */
export const LinksFormSchema = z.object({ links: z.array(LinkRow).max(MAX_LINKS, `tối đa ${MAX_LINKS} liên kết`) });

/** Turns form fields title_0, url_0, title_1… into rows. */
export function linksFromForm(body: Record<string, string>): Array<{ title: string; url: string }> {
  const rows: Array<{ title: string; url: string }> = [];
  for (let i = 0; i < MAX_LINKS + 5; i++) {
    if (!(`title_${i}` in body) && !(`url_${i}` in body)) continue;
    rows.push({ title: body[`title_${i}`] ?? '', url: body[`url_${i}`] ?? '' });
  }
  return rows;
}

/** Replaces a site's related links, audited; the home page shows them at once. */
export async function saveRelatedLinks(
  db: Kysely<Database>,
  siteId: number,
  input: { links: Array<{ title: string; url: string }> },
  who: AuditWho,
): Promise<void> {
  const data = parseInput(LinksFormSchema, input);
  const links = data.links.filter((l) => l.title || l.url);
  await inTransaction(db, async (trx) => {
    await new PortalRepository(trx, siteId).replaceLinks(links, nowIso());
    await pagesChanged(trx, [pageTags.home(siteId)]);
    await recordAudit(trx, who, { action: 'organisation.links_updated', targetType: 'related_links', summary: `${links.length} liên kết` });
  });
}

/** The links the home page shows: the site's own, or the national portal when none. Read with the page, never kept apart from it: the page cache keeps the page, and the page events that drop it reach every node. */
export async function readRelatedLinks(db: Kysely<Database>, siteId: number): Promise<RelatedLink[]> {
  const own = await listRelatedLinks(db, siteId);
  return own.length ? own : [...DEFAULT_LINKS];
}

/** A site's own links as the newsroom edits them (none when it shows the national portal's). */
export async function listRelatedLinks(db: Kysely<Database>, siteId: number): Promise<RelatedLink[]> {
  return (await new PortalRepository(db, siteId).listLinks()).map((l) => ({ title: l.title, url: l.url }));
}
