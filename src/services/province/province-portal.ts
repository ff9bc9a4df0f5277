import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { type CommuneRow, type FeedCursor, type ProvinceFeedRow, ProvinceRepository } from '../../repositories/province-repository.ts';
import { type HomeContent, readHome } from '../article-reader.ts';
import { pageTags } from '../pages/page-changes.ts';

/** How many items a page of the communes' news or notices shows. */
export const FEED_PAGE_SIZE = 20;
/** How many of the communes' latest news, and notices, the province's home shows. */
export const HOME_FEED_SIZE = 8;

/** The two kinds the province gathers from its communes. */
export type FeedKind = 'news' | 'notice';

/** A province portal and the communes it gathers, in Vietnamese alphabetical order. */
export interface Province {
  portal: SiteRow;
  communes: CommuneRow[];
}

/** Whether a site is a province portal (kind "tinh"). */
export const isProvincePortal = (site: Pick<SiteRow, 'unit_type'>): boolean => site.unit_type === 'tinh';

/** The communes of a province portal; any other site has no such pages (not_found). */
export async function provinceOf(db: Kysely<Database>, portal: SiteRow): Promise<Province> {
  if (!isProvincePortal(portal)) throw new AppError('not_found');
  const communes = await new ProvinceRepository(db).communesOf(portal.province);
  communes.sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.id - b.id);
  return { portal, communes };
}

/**
 * The cache tags of a province page that shows what its communes publish:
 * a commune's home tag is marked whenever an article that it shows or showed
 * changes (articlePagesChanged), and its `all` tag whenever its name, hosts
 * or contacts change, so the province's page is dropped with them.
 */
export function provinceTags(province: Province): string[] {
  return [pageTags.home(province.portal.id), ...province.communes.flatMap((c) => [pageTags.home(c.id), pageTags.all(c.id)])];
}

/** The commune a filter names, or null for every commune; a commune of another province is refused (not_found). */
export function communeOf(province: Province, communeId: number | null): CommuneRow | null {
  if (communeId === null) return null;
  const commune = province.communes.find((c) => c.id === communeId);
  if (!commune) throw new AppError('not_found', 'Không có xã, phường này trong tỉnh.');
  return commune;
}

/** The newest news or notices of every commune (or one), after a cursor. */
async function latest(
  db: Kysely<Database>,
  communes: CommuneRow[],
  kind: FeedKind,
  limit: number,
  after: FeedCursor | null,
  now: Date,
): Promise<ProvinceFeedRow[]> {
  const repo = new ProvinceRepository(db);
  const categories = await repo.categoryIds(
    communes.map((c) => c.id),
    kind,
  );
  return repo.latestIn(categories, now.toISOString(), limit, after);
}

/** The province portal's home: its own articles, and the latest news and notices of its communes (or of one). */
export interface ProvinceHome {
  own: HomeContent;
  commune: CommuneRow | null;
  news: ProvinceFeedRow[];
  notices: ProvinceFeedRow[];
}

/** What the province portal's home page shows, for every commune or the one picked. */
export async function readProvinceHome(db: Kysely<Database>, province: Province, communeId: number | null, now = new Date()): Promise<ProvinceHome> {
  const commune = communeOf(province, communeId);
  const communes = commune ? [commune] : province.communes;
  const [own, news, notices] = await Promise.all([
    readHome(db, province.portal, now, { blocks: ['featured', 'news', 'notices'] }),
    latest(db, communes, 'news', HOME_FEED_SIZE, null, now),
    latest(db, communes, 'notice', HOME_FEED_SIZE, null, now),
  ]);
  return { own, commune, news, notices };
}

/** What a page of the communes' feed asks for. */
export interface FeedQuery {
  kind: FeedKind;
  /** One commune, or every one. */
  communeId: number | null;
  after: FeedCursor | null;
}

/** A page of the communes' feed, and where the next one starts (null on the last). */
export interface FeedPage {
  commune: CommuneRow | null;
  items: ProvinceFeedRow[];
  next: FeedCursor | null;
}

/** The newest news or notices of every commune (or one), a page at a time from a cursor, so a deep page costs what the first does. */
export async function readProvinceFeed(db: Kysely<Database>, province: Province, query: FeedQuery, now = new Date()): Promise<FeedPage> {
  const commune = communeOf(province, query.communeId);
  const rows = await latest(db, commune ? [commune] : province.communes, query.kind, FEED_PAGE_SIZE + 1, query.after, now);
  const items = rows.slice(0, FEED_PAGE_SIZE);
  const last = items.at(-1);
  return { commune, items, next: rows.length > FEED_PAGE_SIZE && last?.published_at ? { publishedAt: last.published_at, id: last.id } : null };
}
