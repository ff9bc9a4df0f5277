import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SiteMergeRow } from '../db/schema/moving-in.ts';

/** A table a merge changes rows of, and the columns that identify a row. */
export type MovableTable =
  | 'articles'
  | 'article_revisions'
  | 'media'
  | 'documents'
  | 'item_reviews'
  | 'item_revisions'
  | 'questions'
  | 'redirects'
  | 'import_items'
  | 'audit_log'
  | 'memberships'
  | 'site_hosts'
  | 'categories'
  | 'site_former_hosts'
  | 'former_units'
  | 'province_notice_sites';

type Row = Record<string, unknown>;

/**
 * SQL for merges of sites and the log of what each changed. Every change
 * goes through here with the values it replaced, so that undo() puts each
 * row back as it was, newest change first.
 */
export class MergeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(merge: { site_id: number; from_sites: string; created_by: number | null; created_at: string }): Promise<number> {
    const row = await this.db
      .insertInto('site_merges')
      .values({ ...merge, status: 'pending' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async find(id: number): Promise<SiteMergeRow | undefined> {
    return this.db.selectFrom('site_merges').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(limit = 50): Promise<SiteMergeRow[]> {
    return this.db.selectFrom('site_merges').selectAll().orderBy('id', 'desc').limit(limit).execute();
  }

  async finish(id: number, changes: { status: SiteMergeRow['status']; report?: string; finished_at?: string | null }): Promise<void> {
    await this.db.updateTable('site_merges').set(changes).where('id', '=', id).execute();
  }

  /** Rows of a table with these column values, every column. */
  async rows(table: MovableTable, where: Row): Promise<Row[]> {
    let q = this.db.selectFrom(table as 'articles').selectAll();
    for (const [column, value] of Object.entries(where)) q = q.where(column as 'id', '=', value as number);
    return (await q.execute()) as Row[];
  }

  /** Changes one row, logging the values it had. */
  async update(mergeId: number, table: MovableTable, key: Row, changes: Row, before: Row): Promise<void> {
    await this.log(mergeId, table, key, before, 'update');
    let q = this.db.updateTable(table as 'articles').set(changes);
    for (const [column, value] of Object.entries(key)) q = q.where(column as 'id', '=', value as number);
    await q.execute();
  }

  /** Adds a row, logged so that undo removes it. */
  async insert(mergeId: number, table: MovableTable, key: Row, values: Row): Promise<void> {
    await this.db
      .insertInto(table as 'site_former_hosts')
      .values(values as never)
      .execute();
    await this.log(mergeId, table, key, {}, 'insert');
  }

  /** Removes a row, logged with all its values so that undo adds it back. */
  async remove(mergeId: number, table: MovableTable, key: Row, row: Row): Promise<void> {
    await this.log(mergeId, table, key, row, 'delete');
    let q = this.db.deleteFrom(table as 'site_hosts');
    for (const [column, value] of Object.entries(key)) q = q.where(column as 'host', '=', value as string);
    await q.execute();
  }

  private async log(mergeId: number, table: MovableTable, key: Row, before: Row, action: string): Promise<void> {
    await this.db
      .insertInto('site_merge_moves')
      .values({ merge_id: mergeId, table_name: table, row_key: JSON.stringify(key), before: JSON.stringify(before), action: action as 'update' })
      .execute();
  }

  /** Puts back every row a merge changed, newest change first, and forgets the log. */
  async undo(mergeId: number): Promise<number> {
    const moves = await this.db.selectFrom('site_merge_moves').selectAll().where('merge_id', '=', mergeId).orderBy('id', 'desc').execute();
    for (const move of moves) {
      const table = move.table_name as MovableTable;
      const key = JSON.parse(move.row_key) as Row;
      const before = JSON.parse(move.before) as Row;
      if (move.action === 'update') {
        let q = this.db.updateTable(table as 'articles').set(before);
        for (const [column, value] of Object.entries(key)) q = q.where(column as 'id', '=', value as number);
        await q.execute();
      } else if (move.action === 'insert') {
        let q = this.db.deleteFrom(table as 'site_hosts');
        for (const [column, value] of Object.entries(key)) q = q.where(column as 'host', '=', value as string);
        await q.execute();
      } else {
        await this.db
          .insertInto(table as 'site_hosts')
          .values(before as never)
          .execute();
      }
    }
    await this.db.deleteFrom('site_merge_moves').where('merge_id', '=', mergeId).execute();
    return moves.length;
  }

  /** Forgets a confirmed merge's log: it can no longer be undone. */
  async forget(mergeId: number): Promise<void> {
    await this.db.deleteFrom('site_merge_moves').where('merge_id', '=', mergeId).execute();
  }
}
