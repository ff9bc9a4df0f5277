import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SearchAbbreviationsTable } from '../db/schema/search.ts';

export type SearchAbbreviationRow = Selectable<SearchAbbreviationsTable>;

/** SQL for each province's edits to the abbreviations search reads. */
export class SearchAbbreviationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A province's edits, oldest first. */
  async list(province: string): Promise<SearchAbbreviationRow[]> {
    return this.db.selectFrom('search_abbreviations').selectAll().where('province', '=', province).orderBy('id').execute();
  }

  /** Records a pair as added (enabled 1) or switched off (enabled 0), replacing the province's row for that pair. */
  async put(row: { province: string; short_form: string; long_form: string; pair_key: string; enabled: 0 | 1 }, now: string): Promise<void> {
    await this.db
      .insertInto('search_abbreviations')
      .values({ ...row, created_at: now, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['province', 'pair_key']).doUpdateSet({ short_form: row.short_form, long_form: row.long_form, enabled: row.enabled, updated_at: now }),
      )
      .execute();
  }

  /** Forgets a province's edit of a pair: a built-in one is on again, an added one is gone. */
  async remove(province: string, pairKey: string): Promise<number> {
    const result = await this.db.deleteFrom('search_abbreviations').where('province', '=', province).where('pair_key', '=', pairKey).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
