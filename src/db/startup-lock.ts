import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DatabaseHandle } from './database.ts';

/** The PostgreSQL advisory lock key every node takes to migrate and seed ("xaph" in ASCII). */
export const STARTUP_LOCK_KEY = 0x78617068;
/** How often a node waiting for SQLite's lock file tries again. */
const SQLITE_RETRY_MS = 100;

/**
 * Runs `work` (migrating, seeding the demo) while no other node of the
 * installation does: on PostgreSQL under a session advisory lock, on SQLite
 * under an exclusive transaction on a lock file beside the database. Both
 * locks go with the process, so a node killed while holding one frees it.
 * `waiting` is called once if another node holds the lock.
 */
export async function withStartupLock<T>(
  config: Pick<Config, 'database'>,
  handle: DatabaseHandle,
  work: () => Promise<T>,
  waiting: () => void = () => undefined,
): Promise<T> {
  if (config.database.kind === 'postgres') {
    return handle.db.connection().execute(async (conn) => {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${STARTUP_LOCK_KEY}) as locked`.execute(conn);
      if (!rows[0]?.locked) {
        waiting();
        await sql`select pg_advisory_lock(${STARTUP_LOCK_KEY})`.execute(conn);
      }
      try {
        return await work();
      } finally {
        await sql`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`.execute(conn);
      }
    });
  }
  const lock = new SQLite(`${config.database.file}.lock`);
  try {
    for (let told = false; ;) {
      try {
        lock.exec('begin exclusive');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        if (!told) waiting();
        told = true;
        await sleep(SQLITE_RETRY_MS);
      }
    }
    return await work();
  } finally {
    lock.close();
  }
}
