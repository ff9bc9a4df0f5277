import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { BeneficiaryRow } from '../db/schema/relief.ts';

/** SQL for the private list of people a site's spending reached. Every query is bound to the site given at construction. */
export class ReliefBeneficiaryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  async list(spendingId: number): Promise<BeneficiaryRow[]> {
    return this.db
      .selectFrom('relief_beneficiaries')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('spending_id', '=', spendingId)
      .orderBy('id')
      .execute();
  }

  /** Names of the people of these spending rows who agreed to be named publicly, by spending row. */
  async consenting(spendingIds: number[]): Promise<Map<number, string[]>> {
    if (spendingIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('relief_beneficiaries')
      .select(['spending_id', 'full_name'])
      .where('site_id', '=', this.siteId)
      .where('spending_id', 'in', spendingIds)
      .where('consent_public', '=', 1)
      .orderBy('id')
      .execute();
    const names = new Map<number, string[]>();
    for (const r of rows) names.set(r.spending_id, [...(names.get(r.spending_id) ?? []), r.full_name]);
    return names;
  }

  async find(id: number): Promise<BeneficiaryRow | undefined> {
    return this.db.selectFrom('relief_beneficiaries').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async insert(row: {
    spending_id: number;
    full_name: string;
    address: string;
    note: string;
    consent_public: number;
    created_by: number | null;
    created_at: string;
  }): Promise<number> {
    const result = await this.db
      .insertInto('relief_beneficiaries')
      .values({ ...row, site_id: this.siteId, updated_at: row.created_at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return result.id;
  }

  async update(id: number, changes: { full_name: string; address: string; note: string; consent_public: number; updated_at: string }): Promise<void> {
    await this.db.updateTable('relief_beneficiaries').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  async remove(id: number): Promise<void> {
    await this.db.deleteFrom('relief_beneficiaries').where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }
}
