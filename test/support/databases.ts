import { randomBytes } from 'node:crypto';
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import path from 'node:path';
import { type DatabaseHandle, type DialectName, openPostgres, openSqlite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/** Every repository and service test runs on both. */
export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

/** A fresh, migrated database of one dialect, dropped again by close(). */
export interface TestDatabase extends DatabaseHandle {
  url?: string;
}

function postgresServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL chưa đặt: chạy bằng "npm test", lệnh này tự khởi động PostgreSQL.');
  return url;
}

/** Opens an empty database (no migrations). */
export async function openEmptyDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') return openSqlite(':memory:');
  const serverUrl = postgresServerUrl();
  const name = `xt_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), 5);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}

/** Opens a fresh database of a dialect, migrated to the latest schema. */
export async function openTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const handle = await openEmptyDatabase(dialect);
  await migrateToLatest(handle.db);
  return handle;
}

/** A migrated in-memory SQLite database that records every query it runs, to count them or read their SQL and plans. */
export async function openRecordingSqlite(): Promise<{ handle: DatabaseHandle; queries: CompiledQuery[] }> {
  const queries: CompiledQuery[] = [];
  const handle = openSqlite(':memory:', {
    log: (event) => {
      if (event.level === 'query') queries.push(event.query);
    },
  });
  await migrateToLatest(handle.db);
  return { handle, queries };
}

/**
 * One fresh, migrated database opened twice, each handle with its own
 * connections, as two nodes have it (SQLite: a file in `dir`); close()
 * closes both and drops the database.
 */
export async function openTwoNodes(dialect: DialectName, dir: string): Promise<{ nodes: [DatabaseHandle, DatabaseHandle]; close(): Promise<void> }> {
  let pg: TestDatabase | undefined;
  let nodes: [DatabaseHandle, DatabaseHandle];
  if (dialect === 'postgres') {
    pg = await openEmptyDatabase('postgres');
    nodes = [openPostgres(pg.url!, 4), openPostgres(pg.url!, 4)];
  } else {
    nodes = [openSqlite(path.join(dir, 'xaphuong.sqlite')), openSqlite(path.join(dir, 'xaphuong.sqlite'))];
  }
  await migrateToLatest(nodes[0].db);
  return {
    nodes,
    close: async () => {
      for (const node of nodes) await node.close();
      await pg?.close();
    },
  };
}
