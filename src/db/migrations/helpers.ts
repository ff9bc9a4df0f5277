import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

/**
 * The one place migrations differ by dialect: how an auto-increment primary
 * key is declared. Everything else is portable Kysely schema code.
 */
export function isPostgres(db: Pick<Kysely<unknown>, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds an auto-increment integer primary key column named `id`. */
export function idColumn(db: Kysely<unknown>) {
  return isPostgres(db)
    ? (col: ColumnDefinitionBuilder) => col.primaryKey().generatedByDefaultAsIdentity()
    : (col: ColumnDefinitionBuilder) => col.primaryKey().autoIncrement();
}

/** The integer type for ids: identity columns in pg are integer; SQLite needs INTEGER for rowid aliasing. */
export const ID_TYPE = 'integer';
