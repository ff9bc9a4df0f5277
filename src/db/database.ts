import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type LogConfig, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** An open database and the dialect it speaks. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT come back as strings from pg by default; ids and
// counts here always fit in a JS number.
pg.types.setTypeParser(20, Number);

/** Opens SQLite (a file, or ':memory:') with the pragmas a web portal needs. */
/** Options for opening a database: a query log, for counting queries in tests. */
export interface OpenOptions {
  log?: LogConfig;
}

export function openSqlite(file: string, options: OpenOptions = {}): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run while one writer writes; NORMAL is durable with WAL.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), ...(options.log ? { log: options.log } : {}) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Opens a PostgreSQL pool for a postgres:// URL. */
export function openPostgres(url: string, poolSize = 10, options: OpenOptions = {}): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection closed by the server (restart, failover) must not crash the process:
  // the pool drops it and opens a new one on the next query.
  pool.on('error', (error) => console.error('PostgreSQL: mất một kết nối rảnh:', error.message));
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
