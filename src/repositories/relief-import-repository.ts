import { type Insertable, type Kysely, type Updateable, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ImportRow, ImportStatus, NewImportRow, ReliefImportsTable } from '../db/schema/relief.ts';

type JobChanges = Omit<Updateable<ReliefImportsTable>, 'id' | 'site_id' | 'campaign_id' | 'created_at' | 'created_by'> & { updated_at: string };

/** SQL for one site's statement imports and the rows they have read. Every query is bound to the site given at construction. */
export class ReliefImportRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  async insert(job: Omit<Insertable<ReliefImportsTable>, 'id' | 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('relief_imports')
      .values({ ...job, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async find(id: number): Promise<ImportRow | undefined> {
    return this.db.selectFrom('relief_imports').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  /** A campaign's imports, newest first. */
  async listForCampaign(campaignId: number, limit = 20): Promise<ImportRow[]> {
    return this.db
      .selectFrom('relief_imports')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('campaign_id', '=', campaignId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async update(id: number, changes: JobChanges): Promise<void> {
    await this.db.updateTable('relief_imports').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** Moves a job from one of these statuses to another; false when another request got there first. */
  async claim(id: number, from: ImportStatus[], to: ImportStatus, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('relief_imports')
      .set({ status: to, updated_at: at })
      .where('site_id', '=', this.siteId)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Adds rows read from the file; a reference already read from it is left out. Returns how many were added. */
  async stageRows(rows: NewImportRow[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const result = await this.db
        .insertInto('relief_import_rows')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['import_id', 'ref_key']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  async clearRows(importId: number): Promise<void> {
    await this.db.deleteFrom('relief_import_rows').where('import_id', '=', importId).execute();
  }

  /**
   * Moves an import's rows into the ledger as pending receipts, in one
   * statement, leaving out any bank transaction the site already holds.
   * Returns how many receipts were added.
   */
  async moveRowsToLedger(job: Pick<ImportRow, 'id' | 'campaign_id' | 'account_id' | 'created_by'>, at: string): Promise<number> {
    const result = await sql`
      insert into relief_receipts (site_id, campaign_id, account_id, kind, amount, quantity, unit, unit_key, donor_name, anonymous,
        received_on, received_time, channel, bank_ref, ref_key, note, search_text, status, correction_reason, import_id, created_by, created_at)
      select ${this.siteId}, ${job.campaign_id}, ${job.account_id}, 'cash', s.amount, 0, '', '', s.donor_name, 0,
        s.received_on, s.received_time, 'transfer', s.bank_ref, s.ref_key, s.note, s.search_text, 'pending', '', s.import_id, ${job.created_by}, ${at}
      from relief_import_rows s
      where s.import_id = ${job.id}
        and (s.ref_key is null or not exists (select 1 from relief_receipts r where r.site_id = ${this.siteId} and r.ref_key = s.ref_key))
      order by s.row_number`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }
}
