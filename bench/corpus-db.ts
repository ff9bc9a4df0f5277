import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { type DialectName, openPostgres, openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { type BenchSite, Deadline, buildIndex, createSites, existingSites, loadArticles } from './load.ts';
import { startPostgres } from './postgres.ts';

/** A database holding the benchmark corpus, loaded and indexed, and how to let it go. */
export interface Corpus {
  db: Kysely<Database>;
  sites: BenchSite[];
  close(): Promise<void>;
}

/**
 * The corpus of `size` articles over 10 sites on one dialect: SQLite in a
 * temp folder, PostgreSQL in a throwaway server, or, with BENCH_DATABASE_URL,
 * in a PostgreSQL database of one's own where it is kept, so that a later run
 * with the same size reuses it instead of loading and indexing it again.
 */
export async function openCorpus(dialect: DialectName, size: number, log: (line: string) => void): Promise<Corpus> {
  let stop = () => {};
  let dir = '';
  let handle;
  if (dialect === 'sqlite') {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-cmp-'));
    handle = openSqlite(path.join(dir, 'b.sqlite'));
  } else if (process.env.BENCH_DATABASE_URL) {
    handle = openPostgres(process.env.BENCH_DATABASE_URL);
  } else {
    const server = await startPostgres();
    stop = server.stop;
    handle = openPostgres(server.url);
  }
  const close = async () => {
    await handle.close();
    stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrateToLatest(handle.db);
    return { db: handle.db, sites: await loadedSites(handle.db, dialect, size, log), close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function loadedSites(db: Kysely<Database>, dialect: DialectName, size: number, log: (line: string) => void): Promise<BenchSite[]> {
  // The index, not the articles, is what a search reads: a corpus grown by grow-corpus.ts holds more of it.
  const found = await db
    .selectFrom('search_documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(found.n) === size) {
    log(`[${dialect}] reusing ${size} indexed items`);
    return existingSites(db);
  }
  const sites = await createSites(db, 10);
  const deadline = new Deadline(Date.now() + 4 * 3_600_000);
  const t0 = Date.now();
  await loadArticles(db, sites, 20260101, 0, size, deadline, (d) => d % 10000 === 0 && log(`[${dialect}] load ${d}`));
  log(`[${dialect}] loaded in ${(Date.now() - t0) / 1000}s`);
  await buildIndex(db, dialect, sites, deadline, (d) => d % 10000 === 0 && log(`[${dialect}] index ${d}`));
  log(`[${dialect}] indexed in ${(Date.now() - t0) / 1000}s`);
  return sites;
}
