import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type Sites, siteList } from './search-match.ts';

/**
 * The words of each site's titles, with how many titles use each: what a
 * misspelt word is corrected to (suggest.ts). Kept beside the index, in the
 * same transactions.
 */
export class SearchVocabulary {
  constructor(protected readonly db: Kysely<Database>) {}

  /** Adds (+1) or removes (-1) title words of one item to a site's vocabulary. */
  async adjustTerms(siteId: number, terms: string[], delta: 1 | -1): Promise<void> {
    if (terms.length === 0) return;
    if (delta === 1) {
      await this.db
        .insertInto('search_terms')
        .values(terms.map((term) => ({ site_id: siteId, term, docs: 1 })))
        .onConflict((oc) => oc.columns(['site_id', 'term']).doUpdateSet({ docs: sql`search_terms.docs + 1` }))
        .execute();
      return;
    }
    await this.db
      .updateTable('search_terms')
      .set({ docs: sql`docs - 1` })
      .where('site_id', '=', siteId)
      .where('term', 'in', terms)
      .execute();
    await this.db.deleteFrom('search_terms').where('site_id', '=', siteId).where('docs', '<=', 0).execute();
  }

  /** Adds title-word counts in bulk (index rebuilds). */
  async addTermCounts(siteId: number, counts: Map<string, number>): Promise<void> {
    const rows = [...counts].map(([term, docs]) => ({ site_id: siteId, term, docs }));
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('search_terms')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['site_id', 'term']).doUpdateSet({ docs: sql`search_terms.docs + excluded.docs` }))
        .execute();
    }
  }

  /** Vocabulary words of a site (or several, added up) starting with a letter, with how many titles use them. */
  async termsStartingWith(sites: Sites, letter: string): Promise<Array<{ term: string; docs: number }>> {
    const ids = siteList(sites);
    const range = (q: ReturnType<typeof this.termsOf>) => q.where('term', '>=', letter).where('term', '<', `${letter}\uffff`);
    if (ids.length === 1) return range(this.termsOf(ids)).select(['term', 'docs']).execute();
    const rows = await range(this.termsOf(ids))
      .select((eb) => ['term', eb.fn.sum<number>('docs').as('docs')])
      .groupBy('term')
      .execute();
    return rows.map((r) => ({ term: r.term, docs: Number(r.docs) }));
  }

  private termsOf(ids: readonly number[]) {
    return this.db.selectFrom('search_terms').where('site_id', ids.length === 1 ? '=' : 'in', ids.length === 1 ? ids[0]! : ids);
  }

  /** Whether a site's vocabulary (or one of several sites') has a word. */
  async hasTerm(sites: Sites, term: string): Promise<boolean> {
    return (await this.termsOf(siteList(sites)).select('term').where('term', '=', term).executeTakeFirst()) !== undefined;
  }
}
