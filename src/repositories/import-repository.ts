import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ImportRunRow } from '../db/schema/moving-in.ts';

/** An item an import made before: what it is, and the source's version it was made from. */
export interface ImportedItem {
  item_type: string;
  item_id: number;
  source_version: string;
}

/** SQL for one site's import runs and the items they made. */
export class ImportRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  async findItem(sourceKey: string): Promise<ImportedItem | undefined> {
    return this.db
      .selectFrom('import_items')
      .select(['item_type', 'item_id', 'source_version'])
      .where('site_id', '=', this.siteId)
      .where('source_key', '=', sourceKey)
      .executeTakeFirst();
  }

  /** Records which item a source item became (again, after an update). */
  async saveItem(sourceKey: string, itemType: string, itemId: number, sourceVersion: string, now: string): Promise<void> {
    await this.db
      .insertInto('import_items')
      .values({ site_id: this.siteId, source_key: sourceKey, item_type: itemType, item_id: itemId, source_version: sourceVersion, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['site_id', 'source_key']).doUpdateSet({ item_type: itemType, item_id: itemId, source_version: sourceVersion, updated_at: now }),
      )
      .execute();
  }

  /** The last run of this source that did not finish, to resume it. */
  async unfinishedRun(kind: ImportRunRow['kind'], source: string): Promise<ImportRunRow | undefined> {
    return this.db
      .selectFrom('import_runs')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('kind', '=', kind)
      .where('source', '=', source)
      .where('status', '!=', 'done')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async startRun(kind: ImportRunRow['kind'], source: string, total: number, now: string): Promise<number> {
    const row = await this.db
      .insertInto('import_runs')
      .values({ site_id: this.siteId, kind, source, status: 'running', total, started_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async updateRun(
    id: number,
    changes: { status?: ImportRunRow['status']; position?: number; total?: number; report?: string; finished_at?: string | null },
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('import_runs')
      .set({ ...changes, updated_at: now })
      .where('site_id', '=', this.siteId)
      .where('id', '=', id)
      .execute();
  }
}
