import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type DatabaseHandle, openPostgres, openSqlite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/http/app.ts';
import { paths } from '../../src/paths.ts';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';
import { startPortal } from '../support/portal-process.ts';
import { STORAGES, type TestStorage, openTestStorage } from '../support/storages.ts';

/** A database and a storage a portal process is configured with, and the environment that says so. */
interface Installation {
  storage: TestStorage;
  handle: DatabaseHandle | null;
  postgres: TestDatabase | null;
  env: Record<string, string>;
  open(): DatabaseHandle;
  close(): Promise<void>;
}

async function installation(dialect: 'sqlite' | 'postgres', kind: 's3' | 'local', from?: TestStorage): Promise<Installation> {
  const storage = from ? await from.sibling() : await openTestStorage(kind);
  const postgres = dialect === 'postgres' ? await openEmptyDatabase('postgres') : null;
  const file = path.join(storage.env.XAPHUONG_DATA!, 'xaphuong.sqlite');
  const env = { ...storage.env, ...(postgres ? { DATABASE_URL: postgres.url! } : {}) };
  const handles: DatabaseHandle[] = [];
  return {
    storage,
    handle: null,
    postgres,
    env,
    open: () => {
      const handle = postgres ? openPostgres(postgres.url!, 2) : openSqlite(file);
      handles.push(handle);
      return handle;
    },
    close: async () => {
      for (const handle of handles) await handle.close().catch(() => undefined);
      await postgres?.close();
      await storage.close();
    },
  };
}

const run = async (args: string[], env: Record<string, string>) => {
  const cli = startPortal(args, env);
  const code = await cli.exited;
  return { code, out: cli.stdout(), err: cli.stderr() };
};

async function appOn(place: Installation): Promise<FastifyInstance> {
  return buildApp({ db: place.open().db, config: { mediaDir: place.storage.dir, trustProxy: false, logLevel: 'silent' }, media: place.storage.storage });
}

for (const dialect of DIALECTS) {
  for (const kind of STORAGES) {
    describe(`backup and restore [${dialect}, ${kind}]`, () => {
      let work: string;
      let source: Installation;
      let sourceApp: FastifyInstance;
      let article: { slug: string; title: string };
      let image: string;
      before(async () => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-restore-'));
        source = await installation(dialect, kind);
        const handle = source.open();
        await migrateToLatest(handle.db);
        await seedDemo(handle.db, source.storage.storage);
        article = await handle.db.selectFrom('articles').select(['slug', 'title']).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
        image = (await handle.db.selectFrom('media').select('storage_key').where('kind', '=', 'image').orderBy('id').executeTakeFirstOrThrow()).storage_key;
        sourceApp = await appOn(source);
        const backup = await run(['backup', path.join(work, 'sao-luu')], source.env);
        assert.equal(backup.code, 0, backup.err);
      });
      after(async () => {
        await sourceApp.close();
        await source.close();
        fs.rmSync(work, { recursive: true, force: true });
      });

      it('a backup restored into a fresh database and storage serves the same article and image', async () => {
        const target = await installation(dialect, kind, source.storage);
        try {
          const restored = await run(['restore', path.join(work, 'sao-luu')], target.env);
          assert.equal(restored.code, 0, restored.err);
          const app = await appOn(target);
          try {
            const page = await app.inject({ url: paths.article(article.slug), headers: { host: 'localhost' } });
            assert.equal(page.statusCode, 200);
            assert.ok(page.body.includes(article.title));
            const original = await sourceApp.inject({ url: `/media/${image}`, headers: { host: 'localhost' } });
            const copy = await app.inject({ url: `/media/${image}`, headers: { host: 'localhost' } });
            assert.equal(copy.statusCode, 200);
            assert.deepEqual(copy.rawPayload, original.rawPayload);
          } finally {
            await app.close();
          }

          const again = await run(['restore', path.join(work, 'sao-luu')], target.env);
          assert.equal(again.code, 1, 'a target that holds data is refused');
          assert.match(again.err, /--force/);
          const forced = await run(['restore', path.join(work, 'sao-luu'), '--force'], target.env);
          assert.equal(forced.code, 0, forced.err);
        } finally {
          await target.close();
        }
      });

      it('a backup missing a file is refused before anything is written to the target', async () => {
        const broken = path.join(work, 'thieu-tep');
        fs.cpSync(path.join(work, 'sao-luu'), broken, { recursive: true });
        const media = path.join(broken, 'media', '1');
        fs.rmSync(path.join(media, fs.readdirSync(media)[0]!));
        const target = await installation(dialect, kind, source.storage);
        try {
          const refused = await run(['restore', broken], target.env);
          assert.equal(refused.code, 1);
          assert.match(refused.err, /không đầy đủ/);
          const keys: string[] = [];
          for await (const { key } of target.storage.storage.list('')) keys.push(key);
          assert.deepEqual(keys, []);
          if (dialect === 'sqlite') assert.equal(fs.existsSync(path.join(target.env.XAPHUONG_DATA!, 'xaphuong.sqlite')), false);
          else {
            const { rows } = await sql<{ n: string }>`select count(*) as n from information_schema.tables where table_schema = 'public'`.execute(
              target.postgres!.db,
            );
            assert.equal(Number(rows[0]!.n), 0);
          }
        } finally {
          await target.close();
        }
      });
    });
  }
}

describe('backup on PostgreSQL without a usable pg_dump', () => {
  let postgres: TestDatabase;
  let work: string;
  before(async () => {
    postgres = await openEmptyDatabase('postgres');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-pgdump-'));
  });
  after(async () => {
    await postgres.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('names the missing pg_dump and how to install it', async () => {
    const empty = path.join(work, 'khong-co');
    fs.mkdirSync(empty);
    const res = await run(['backup', path.join(work, 'a')], { XAPHUONG_DATA: path.join(work, 'data'), DATABASE_URL: postgres.url!, PG_BIN_DIR: empty });
    assert.equal(res.code, 1);
    assert.match(res.err, /pg_dump/);
    assert.match(res.err, /postgresql-client/);
    assert.match(res.err, /PG_BIN_DIR/);
  });

  it('refuses a pg_dump older than the server, naming both versions', async () => {
    // Only PostgreSQL 15's tools are installed here: an older pg_dump is stood in for by a script that reports version 13.
    const old = path.join(work, 'cu');
    fs.mkdirSync(old);
    fs.writeFileSync(path.join(old, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 13.16"\n', { mode: 0o755 });
    const res = await run(['backup', path.join(work, 'b')], { XAPHUONG_DATA: path.join(work, 'data'), DATABASE_URL: postgres.url!, PG_BIN_DIR: old });
    assert.equal(res.code, 1);
    assert.match(res.err, /13/);
    assert.match(res.err, /postgresql-client-15/);
  });
});
