import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A column that refers to another table's row. */
export interface ForeignKey {
  column: string;
  table: string;
}

/**
 * What the database says about its own tables, for exports that must follow
 * tables other modules add later. The one dialect difference is how foreign
 * keys are listed.
 */
export class SchemaRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  /** Every table with its columns (migration bookkeeping and SQLite's FTS shadow tables aside). */
  async tables(): Promise<Array<{ name: string; columns: string[] }>> {
    const tables = await this.db.introspection.getTables();
    return tables
      .filter((t) => !t.isView && !t.name.startsWith('kysely_') && !t.name.startsWith('search_fts'))
      .map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }));
  }

  async foreignKeys(table: string): Promise<ForeignKey[]> {
    if (this.dialect === 'sqlite') {
      const rows = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${table})`.execute(this.db);
      return rows.rows.map((r) => ({ column: r.from, table: r.table }));
    }
    const rows = await sql<{ column_name: string; foreign_table: string }>`
      select kcu.column_name, ccu.table_name as foreign_table
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on tc.constraint_name = kcu.constraint_name and tc.table_schema = kcu.table_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = ${table} and tc.table_schema = current_schema()`.execute(this.db);
    return rows.rows.map((r) => ({ column: r.column_name, table: r.foreign_table }));
  }

  /** Rows of a table where a column is one of some values, in batches. */
  async rowsWhere(table: string, column: string, values: Array<number | string>): Promise<Array<Record<string, unknown>>> {
    const out: Array<Record<string, unknown>> = [];
    for (let i = 0; i < values.length; i += 500) {
      const batch = values.slice(i, i + 500);
      out.push(
        ...((await this.db
          .selectFrom(table as 'articles')
          .selectAll()
          .where(column as 'id', 'in', batch as number[])
          .execute()) as Array<Record<string, unknown>>),
      );
    }
    return out;
  }

  /** A site's rows of a table after an id, in id order: for walking a large table in batches. */
  async siteRowsAfter(table: string, siteId: number, afterId: number, limit: number): Promise<Array<Record<string, unknown>>> {
    return (await this.db
      .selectFrom(table as 'articles')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute()) as Array<Record<string, unknown>>;
  }

  async insert(table: string, row: Record<string, unknown>, returningId: boolean): Promise<number | null> {
    const q = this.db.insertInto(table as 'articles').values(row as never);
    if (!returningId) {
      await q.execute();
      return null;
    }
    return (await q.returning('id').executeTakeFirstOrThrow()).id;
  }

  async count(table: string, column: string, values: Array<number | string>): Promise<number> {
    let n = 0;
    for (let i = 0; i < values.length; i += 500) {
      const row = await this.db
        .selectFrom(table as 'articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(column as 'id', 'in', values.slice(i, i + 500) as number[])
        .executeTakeFirstOrThrow();
      n += Number(row.n);
    }
    return n;
  }
}
