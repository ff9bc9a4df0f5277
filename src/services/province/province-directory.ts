import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ConformanceRepository } from '../../repositories/conformance-repository.ts';
import type { CommuneRow } from '../../repositories/province-repository.ts';
import { PEOPLE_KEY, type PersonSnapshot, organisationPeopleReview, peopleThePublicSees } from '../organisation/organisation-review.ts';
import { aboutTag } from '../organisation/page-kinds.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { type Province, communeOf, provinceTags } from './province-portal.ts';

/** How many communes a page of the directory shows: a phone scrolls through it, a province of 170 has nine pages. */
export const DIRECTORY_PAGE_SIZE = 20;

/** A commune in the directory, with the leaders its Giới thiệu publishes. */
export interface DirectoryEntry {
  commune: CommuneRow;
  leaders: PersonSnapshot[];
}

/** A page of the directory: every commune a page at a time, or the one picked. */
export interface DirectoryPage {
  entries: DirectoryEntry[];
  pagination: Pagination;
  picked: CommuneRow | null;
}

/** The directory's cache tags: the communes' contacts and lists, and their Giới thiệu (leaders). */
export function directoryTags(province: Province): string[] {
  return [...provinceTags(province), ...province.communes.map((c) => aboutTag(c.id))];
}

/**
 * A page of the province's communes with their contacts and the leaders the
 * public sees on each Giới thiệu (published or, never reviewed, as they
 * stand), read in two queries for the whole page.
 */
export async function readDirectory(db: Kysely<Database>, province: Province, page: number, communeId: number | null): Promise<DirectoryPage> {
  const picked = communeOf(province, communeId);
  const pagination = paginate(picked ? 1 : province.communes.length, picked ? 1 : page, DIRECTORY_PAGE_SIZE);
  const shown = picked ? [picked] : province.communes.slice(pagination.offset, pagination.offset + pagination.perPage);
  const ids = shown.map((c) => c.id);
  const reads = new ConformanceRepository(db);
  const [items, live] = await Promise.all([reads.publishedItems(ids, organisationPeopleReview.type, [PEOPLE_KEY]), reads.people(ids)]);
  const entries = shown.map((commune) => ({
    commune,
    leaders: peopleThePublicSees(
      items.find((i) => i.site_id === commune.id),
      live.filter((p) => p.site_id === commune.id),
    )
      .filter((p) => p.role === 'leader')
      .sort((a, b) => a.sort_order - b.sort_order || a.id - b.id),
  }));
  return { entries, pagination, picked };
}
