import type { Kysely } from 'kysely';
import type { CategoryRow, Database, SiteRow } from '../../db/schema.ts';
import type { ProvinceNoticeFileRow, ProvinceNoticeKind, ProvinceNoticeRow } from '../../db/schema/province-notices.ts';
import { ArticleRepository, type ListedArticle } from '../../repositories/article-repository.ts';
import { CategoryRepository } from '../../repositories/category-repository.ts';
import { type CommuneChoice, ProvinceNoticeRepository, type ShownNotice } from '../../repositories/province-notice-repository.ts';
import { AppError } from '../../errors.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { type Actor, can } from '../permissions.ts';

/** The kinds of category a province notice is listed in. */
const NOTICE_KINDS: ReadonlySet<string> = new Set<ProvinceNoticeKind>(['notice', 'document']);

/** The category of a site that lists a kind of province notice: its first of that kind, as the menu orders them. */
export async function listingCategoryOf(db: Kysely<Database>, siteId: number, kind: ProvinceNoticeKind) {
  return (await new CategoryRepository(db, siteId).list()).find((c) => c.kind === kind);
}

/** The newest province notices and documents a site shows on its home page. */
export async function provinceNoticesForHome(
  db: Kysely<Database>,
  siteId: number,
  shows: { notices: boolean; documents: boolean },
  limit: number,
  now = new Date(),
): Promise<{ notices: ShownNotice[]; documents: ShownNotice[] }> {
  const repo = new ProvinceNoticeRepository(db);
  const at = now.toISOString();
  if (!shows.notices && !shows.documents) return { notices: [], documents: [] };
  const shown = await repo.latestShownByKind(siteId, at, limit);
  return {
    notices: shows.notices ? shown.filter((n) => n.kind === 'notice') : [],
    documents: shows.documents ? shown.filter((n) => n.kind === 'document') : [],
  };
}

/** Newest first, as listings order: by publication, then by id. */
const newer = (a: { published_at: string | null; id: number }, b: { published_at: string | null; id: number }) =>
  (b.published_at ?? '').localeCompare(a.published_at ?? '') || b.id - a.id;

/**
 * A page of a site's first category of a kind with the province's notices
 * of that kind among its own articles, newest first; null when the
 * category lists none (another kind, not the first of its kind, or nothing
 * pushed), so the plain listing serves it. Reads the newest rows of both up
 * to the page's end and cuts the page from their merged order.
 */
export async function provinceNoticeCategoryPage(
  db: Kysely<Database>,
  site: SiteRow,
  category: CategoryRow,
  page: number,
  perPage: number,
  now = new Date(),
): Promise<{ articles: ListedArticle[]; provinceNotices: ShownNotice[]; pagination: Pagination } | null> {
  if (!NOTICE_KINDS.has(category.kind)) return null;
  const kind = category.kind as ProvinceNoticeKind;
  const at = now.toISOString();
  const notices = new ProvinceNoticeRepository(db);
  const pushed = await notices.countShownOn(site.id, kind, at);
  if (pushed === 0 || (await listingCategoryOf(db, site.id, kind))?.id !== category.id) return null;
  const articles = new ArticleRepository(db, site.id);
  const own = await articles.countPublished(at, { categoryId: category.id });
  const pagination = paginate(own + pushed, page, perPage);
  const upTo = pagination.offset + pagination.perPage;
  const [ownRows, pushedRows] = await Promise.all([
    articles.listPublished(at, { categoryId: category.id }, upTo),
    notices.listShownOn(site.id, kind, at, upTo),
  ]);
  const merged = [...ownRows.map((row) => ({ row, pushed: false })), ...pushedRows.map((row) => ({ row, pushed: true }))]
    .sort((a, b) => newer(a.row, b.row))
    .slice(pagination.offset, upTo);
  return {
    articles: merged.filter((m) => !m.pushed).map((m) => m.row as ListedArticle),
    provinceNotices: merged.filter((m) => m.pushed).map((m) => m.row as ShownNotice),
    pagination,
  };
}

/** A province notice on one of the sites it is shown on, by its slug, with the site's category that lists it; article_not_found elsewhere, or once withdrawn. */
export async function readProvinceNotice(
  db: Kysely<Database>,
  site: SiteRow,
  slug: string,
  now = new Date(),
): Promise<{ notice: ShownNotice; category: CategoryRow | undefined; files: ProvinceNoticeFileRow[] }> {
  const repo = new ProvinceNoticeRepository(db);
  const notice = await repo.findShownBySlug(site.id, slug, now.toISOString());
  if (!notice) throw new AppError('article_not_found');
  const [category, files] = await Promise.all([listingCategoryOf(db, site.id, notice.kind), repo.filesOf(notice.id)]);
  return { notice, category, files };
}

/** A file of a province notice a site shows, by the notice's slug and the file's key; media_not_found elsewhere, or once the notice is withdrawn. */
export async function readProvinceNoticeFile(
  db: Kysely<Database>,
  site: SiteRow,
  slug: string,
  fileKey: string,
  now = new Date(),
): Promise<ProvinceNoticeFileRow> {
  const repo = new ProvinceNoticeRepository(db);
  const notice = await repo.findShownBySlug(site.id, slug, now.toISOString());
  const file = notice ? await repo.fileOf(notice.id, fileKey) : undefined;
  if (!file) throw new AppError('media_not_found');
  return file;
}

/** A notice's files, for the newsroom's read-only view and the platform admin's form. */
export function provinceNoticeFiles(db: Kysely<Database>, noticeId: number): Promise<ProvinceNoticeFileRow[]> {
  return new ProvinceNoticeRepository(db).filesOf(noticeId);
}

/** The published province notices a site shows, newest first, up to `limit`: for its site maps and feeds. */
export function provinceNoticesShownOn(
  db: Kysely<Database>,
  siteId: number,
  kind: ProvinceNoticeKind | null,
  limit: number,
  now = new Date(),
): Promise<ShownNotice[]> {
  return new ProvinceNoticeRepository(db).listShownOn(siteId, kind, now.toISOString(), limit);
}

/** The province notices placed on a site, published or withdrawn: what its newsroom shows, read-only. */
export function provinceNoticesOfSite(db: Kysely<Database>, siteId: number): Promise<ShownNotice[]> {
  return new ProvinceNoticeRepository(db).listPlacedOn(siteId);
}

/** One province notice placed on a site, for its newsroom's read-only view; not_found when the site does not show it. */
export async function provinceNoticeOfSite(db: Kysely<Database>, siteId: number, id: number): Promise<ShownNotice> {
  const notice = (await provinceNoticesOfSite(db, siteId)).find((n) => n.id === id);
  if (!notice) throw new AppError('not_found');
  return notice;
}

/** What the platform admin's list shows: the provinces, and one province's notices with how many sites show each. */
export async function provinceNoticeList(
  db: Kysely<Database>,
  actor: Actor,
  province: string,
): Promise<{ provinces: string[]; notices: Array<ProvinceNoticeRow & { site_count: number }> }> {
  if (!can(actor, 'platform.manage')) throw new AppError('forbidden');
  const repo = new ProvinceNoticeRepository(db);
  const [provinces, notices] = await Promise.all([repo.provinces(), repo.listOfProvince(province)]);
  return { provinces, notices };
}

/** What the notice form offers: the province's communes, and the sites and files of a stored notice. */
export async function provinceNoticeFormData(
  db: Kysely<Database>,
  actor: Actor,
  province: string,
  noticeId?: number,
): Promise<{ communes: CommuneChoice[]; siteIds: number[]; files: ProvinceNoticeFileRow[] }> {
  if (!can(actor, 'platform.manage')) throw new AppError('forbidden');
  const repo = new ProvinceNoticeRepository(db);
  const [communes, siteIds, files] = await Promise.all([
    repo.communesOf(province),
    noticeId ? repo.siteIdsOf(noticeId) : [],
    noticeId ? repo.filesOf(noticeId) : [],
  ]);
  return { communes, siteIds, files };
}
