import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type LogConfig,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import type pg from 'pg';
import type { Config } from '../config/config.ts';
import type { Database } from './schema.ts';
import { LiteralLimits, forgetValueSamples } from './sqlite-planning.ts';

export type DialectName = 'sqlite' | 'postgres';

/** An open database and the dialect it speaks. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

let pgModule: typeof pg | null = null;

/**
 * The PostgreSQL client, loaded on first use: a portal on SQLite never pays
 * for it. COUNT(*) and BIGINT come back as strings from pg by default; ids
 * and counts here always fit in a JS number.
 */
export function pgClient(): typeof pg {
  if (!pgModule) {
    pgModule = createRequire(import.meta.url)('pg') as typeof pg;
    pgModule.types.setTypeParser(20, Number);
  }
  return pgModule;
}

/** Options for opening a database: a query log, for counting queries in tests; SQLite read-only, to read a backup as it is. */
export interface OpenOptions {
  log?: LogConfig;
  readonly?: boolean;
}

/** How many prepared SQLite statements are kept: every query the portal builds, with room to spare. */
export const STATEMENT_CACHE_SIZE = 200;

/**
 * Runs a statement to its end: SQLite's own work happens inside this call.
 * Named so that a CPU profile can tell it apart (bench/http/profile.ts).
 */
function sqliteAll(statement: SQLite.Statement, parameters: ReadonlyArray<unknown>): unknown[] {
  return statement.all(parameters);
}

/** The same for a statement that returns no rows. */
function sqliteRun(statement: SQLite.Statement, parameters: ReadonlyArray<unknown>): SQLite.RunResult {
  return statement.run(parameters);
}

/**
 * One prepared statement as Kysely's SQLite driver uses it. A reader's rows
 * are read as arrays and made into objects here: better-sqlite3 builds each
 * row object through V8's API, a property at a time, which costs more than
 * building it in JavaScript.
 */
class KeptStatement implements SqliteStatement {
  readonly reader: boolean;
  /** The reader's column names, as its rows' keys. */
  private names: string[] = [];

  constructor(readonly statement: SQLite.Statement) {
    this.reader = statement.reader;
    if (this.reader) statement.raw(true);
  }

  /** A row as better-sqlite3 would give it: a later column of the same name wins, as there. */
  private object(row: unknown[]): Record<string, unknown> {
    // A kept `select *` gains or loses columns when the schema changes: SQLite re-prepares it.
    if (row.length !== this.names.length) this.names = this.statement.columns().map((column) => column.name);
    const names = this.names;
    const object: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) object[names[i]!] = row[i];
    return object;
  }

  /** A reader's rows (better-sqlite3 refuses `all` and `iterate` on any other statement). */
  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return sqliteAll(this.statement, parameters).map((row) => this.object(row as unknown[]));
  }

  run(parameters: ReadonlyArray<unknown>): SQLite.RunResult {
    return sqliteRun(this.statement, parameters);
  }

  *iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    for (const row of this.statement.iterate(parameters)) yield this.object(row as unknown[]);
  }
}

/** Statements that change the schema: after one, no kept statement is trusted. */
const SCHEMA_CHANGE = /^\s*(?:create|alter|drop)\s/i;

/**
 * Kysely's SQLite driver prepares every query anew, and preparing costs about
 * as much as running a short one. This keeps the last STATEMENT_CACHE_SIZE
 * statements by their SQL text, least recently used dropped first. Reuse is
 * safe: `all` and `run` finish before returning, so a statement is never in
 * use when it is handed out again, except one still being iterated (a
 * stream), which is never shared: a fresh one is prepared instead. SQLite
 * re-prepares a kept statement by itself when the schema changes, and a
 * change of schema through here (create, alter, drop: never kept) drops
 * every kept statement, so no column name is read from before it. `reader`
 * (rows or not) belongs to the statement, so it stays right.
 */
export class StatementCache implements SqliteDatabase {
  private readonly statements = new Map<string, KeptStatement>();

  constructor(
    readonly sqlite: SQLite.Database,
    private readonly max = STATEMENT_CACHE_SIZE,
  ) {}

  get size(): number {
    return this.statements.size;
  }

  prepare(sql: string): SqliteStatement {
    const kept = this.statements.get(sql);
    if (kept && !kept.statement.busy) {
      // Re-inserting moves it to the end: the Map's order is the LRU order.
      this.statements.delete(sql);
      this.statements.set(sql, kept);
      return kept;
    }
    const statement = new KeptStatement(this.sqlite.prepare(sql));
    if (SCHEMA_CHANGE.test(sql)) {
      // Never kept itself, so each one clears.
      this.statements.clear();
      return statement;
    }
    if (kept) return statement;
    this.statements.set(sql, statement);
    if (this.statements.size > this.max) this.statements.delete(this.statements.keys().next().value as string);
    return statement;
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}

/**
 * Every transaction here writes. A deferred `begin` reads first and asks for
 * the write lock at its first write; if another process committed in
 * between, SQLite cannot wait for the lock (the snapshot is stale) and fails
 * at once with "database is locked", whatever the busy timeout. `begin
 * immediate` takes the write lock at the start, where the busy timeout does
 * wait.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Kysely's SQLite dialect with transactions that take the write lock at their start. */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/** How long a write waits for another process's write lock before failing with SQLITE_BUSY (answered 503). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens SQLite (a file, or ':memory:') with the pragmas a web portal needs,
 * its statements kept for reuse and planned once (sqlite-planning.ts).
 */
export function openSqlite(file: string, options: OpenOptions = {}): DatabaseHandle {
  if (file !== ':memory:' && !options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file, { readonly: options.readonly ?? false });
  if (!options.readonly) {
    // WAL lets readers run while one writer writes; NORMAL is durable with WAL.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    forgetValueSamples(sqlite);
  }
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: new StatementCache(sqlite) }),
    plugins: [new LiteralLimits()],
    ...(options.log ? { log: options.log } : {}),
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** How long opening a PostgreSQL connection may take before the query fails (answered 503), e.g. when the server's host is unreachable. */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5000;

/** Opens a PostgreSQL pool for a postgres:// URL. */
export function openPostgres(url: string, poolSize = 10, options: OpenOptions = {}): DatabaseHandle {
  const pool = new (pgClient().Pool)({ connectionString: url, max: poolSize, connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS });
  // A connection the server closes (restart, failover) fails the query on it, if any, and then
  // emits 'error' on its client, whether idle or checked out: without a listener, that error
  // would end the process. The pool drops such a client and opens a new one for the next query.
  pool.on('connect', (client) => {
    client.on('error', (error) => console.error(`PostgreSQL: mất một kết nối (${error.message}); sẽ mở kết nối mới.`));
    // A province-wide search is one statement per commune, which PostgreSQL costs high enough to compile with JIT:
    // compiling took seconds, the search itself milliseconds. Queued before the client's first query.
    client.query('set jit = off').catch(() => undefined);
  });
  // The pool re-emits an idle client's error; the client's own listener has logged it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(options.log ? { log: options.log } : {}) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** Opens the database the configuration names. */
export function openDatabase(config: Pick<Config, 'database'>): DatabaseHandle {
  return config.database.kind === 'postgres' ? openPostgres(config.database.url) : openSqlite(config.database.file);
}

/** The current instant as stored: ISO-8601 UTC text. */
export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Runs `work` in a transaction, joining the caller's when there is one, so a
 * command can be used alone or as a step of a larger command.
 */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
