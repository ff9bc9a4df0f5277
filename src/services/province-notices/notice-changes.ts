import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ProvinceNoticeRow } from '../../db/schema/province-notices.ts';
import { CategoryRepository } from '../../repositories/category-repository.ts';
import { ProvinceNoticeRepository } from '../../repositories/province-notice-repository.ts';
import { type IndexedDocument, SearchRepository } from '../../repositories/search-repository.ts';
import { paths } from '../../paths.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { documentsTag } from '../documents/document-types.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { titleTerms } from '../search/index-text.ts';
import { listingCategoryOf } from './notice-reader.ts';

/** The search source of a province notice's entries: one entry per site it is shown on. */
export const PROVINCE_NOTICE_SOURCE = 'province_notice';

/** The page-cache tag of a province notice's page on one site. */
export const provinceNoticeTag = (siteId: number, noticeId: number) => `s${siteId}:pn${noticeId}`;

/** The search entry of a notice on one site: found by its title, summary, text and issuer, filed under the site's category of its kind. */
function indexEntry(notice: ProvinceNoticeRow, siteId: number, placementId: number, categoryId: number | null): IndexedDocument {
  return {
    siteId,
    source: PROVINCE_NOTICE_SOURCE,
    refId: placementId,
    kind: notice.kind,
    categoryId,
    publishedAt: notice.published_at,
    title: notice.title,
    body: [notice.summary, htmlToPlainText(notice.body_html), notice.issuer].filter(Boolean).join('\n'),
    path: paths.provinceNotice(notice.slug),
  };
}

/**
 * Takes a notice out of the search index of every site it is placed on, in
 * the caller's transaction, before its placements change; returns those sites.
 */
export async function unindexProvinceNotice(db: Kysely<Database>, noticeId: number): Promise<number[]> {
  const search = new SearchRepository(db);
  const placements = await new ProvinceNoticeRepository(db).placementsOf(noticeId);
  for (const p of placements) {
    const before = await search.indexedEntry(PROVINCE_NOTICE_SOURCE, p.id);
    if (before) await search.adjustTerms(before.siteId, titleTerms(before.title), -1);
    await search.remove(PROVINCE_NOTICE_SOURCE, p.id);
  }
  return placements.map((p) => p.site_id);
}

/**
 * What every command that changes a province notice does last, in its
 * transaction: indexes it on each site it is now shown on (while
 * published), then marks stale the pages that showed it before or show it
 * now on every one of those sites: home, the listings of its kind, its page.
 */
export async function provinceNoticeChanged(db: Kysely<Database>, noticeId: number, sitesBefore: number[]): Promise<void> {
  const repo = new ProvinceNoticeRepository(db);
  const notice = await repo.findById(noticeId);
  if (!notice) return;
  const search = new SearchRepository(db);
  const placements = await repo.placementsOf(noticeId);
  const tags: string[] = [];
  for (const siteId of new Set([...sitesBefore, ...placements.map((p) => p.site_id)])) {
    tags.push(pageTags.home(siteId), provinceNoticeTag(siteId, noticeId));
    for (const c of await new CategoryRepository(db, siteId).list()) if (c.kind === notice.kind) tags.push(pageTags.category(siteId, c.id));
    // The Văn bản list shows the province's documents too.
    if (notice.kind === 'document') tags.push(documentsTag(siteId));
  }
  if (notice.status === 'published') {
    for (const p of placements) {
      const category = await listingCategoryOf(db, p.site_id, notice.kind);
      const entry = indexEntry(notice, p.site_id, p.id, category?.id ?? null);
      await search.upsert(entry, nowIso());
      await search.adjustTerms(p.site_id, titleTerms(entry.title), 1);
    }
  }
  await pagesChanged(db, tags);
}

/** Adds the published province notices a site shows to its search index; for rebuilding the whole index. */
export async function reindexSiteProvinceNotices(db: Kysely<Database>, siteId: number, now = new Date()): Promise<number> {
  const shown = await new ProvinceNoticeRepository(db).listShownOn(siteId, null, now.toISOString(), 10_000);
  const search = new SearchRepository(db);
  for (const notice of shown) {
    const category = await listingCategoryOf(db, siteId, notice.kind);
    const entry = indexEntry(notice, siteId, notice.placement_id, category?.id ?? null);
    await search.upsert(entry, nowIso());
    await search.adjustTerms(siteId, titleTerms(entry.title), 1);
  }
  return shown.length;
}
