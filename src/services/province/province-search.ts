import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CommuneRow } from '../../repositories/province-repository.ts';
import { type SearchHit, type SearchOutcome, search } from '../search/search-service.ts';
import { type Province, communeOf } from './province-portal.ts';

/** What a resident asked the province portal's search for. */
export interface ProvinceSearchParams {
  q: string;
  /** One commune, or every site of the province (its communes and the portal itself). */
  communeId: number | null;
  kind?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  perPage: number;
  exact?: boolean | undefined;
}

/** A result with whose it is: a commune's, or the province portal's own (commune null). */
export interface ProvinceHit extends SearchHit {
  commune: CommuneRow | null;
}

/** The outcome of one search, each hit labelled with its commune. */
export interface ProvinceSearchOutcome extends Omit<SearchOutcome, 'hits' | 'corrected'> {
  hits: ProvinceHit[];
  corrected: (Omit<NonNullable<SearchOutcome['corrected']>, 'hits'> & { hits: ProvinceHit[] }) | null;
  picked: CommuneRow | null;
}

/**
 * One search over every site of a province, or one commune of it: the
 * site search itself (the same query, index, ranking and corrections), told
 * to read several sites' words at once. Each hit keeps its commune, for its
 * label and its link to the commune's own host.
 */
export async function searchProvince(db: Kysely<Database>, province: Province, params: ProvinceSearchParams): Promise<ProvinceSearchOutcome> {
  const picked = communeOf(province, params.communeId);
  const siteIds = picked ? [picked.id] : [province.portal.id, ...province.communes.map((c) => c.id)];
  const { communeId: _commune, ...asked } = params;
  const outcome = await search(db, province.portal, { ...asked, siteIds });
  const byId = new Map(province.communes.map((c) => [c.id, c]));
  const label = (hits: SearchHit[]): ProvinceHit[] => hits.map((hit) => ({ ...hit, commune: byId.get(hit.siteId) ?? null }));
  return {
    ...outcome,
    hits: label(outcome.hits),
    corrected: outcome.corrected ? { ...outcome.corrected, hits: label(outcome.corrected.hits) } : null,
    picked,
  };
}
