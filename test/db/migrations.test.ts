import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';
import { FOUNDATION } from './expected-schema/foundation.ts';
import { PUBLIC_MODULES } from './expected-schema/public-modules.ts';
import { MAIL_SEARCH_RELIEF } from './expected-schema/mail-search-relief.ts';
import { SITE_SHAPE_AND_PROVINCE } from './expected-schema/site-shape-and-province.ts';

/** The schema a fresh database must have after every migration: table → columns, one file per group of migrations. */
const EXPECTED_SCHEMA: Record<string, string[]> = { ...FOUNDATION, ...PUBLIC_MODULES, ...MAIL_SEARCH_RELIEF, ...SITE_SHAPE_AND_PROVINCE };

/** The full-text part, the one place the dialects differ. */
const DIALECT_SCHEMA: Record<string, Record<string, string[]>> = {
  sqlite: {
    search_fts: ['body_a', 'body_f', 'tags', 'title_a', 'title_f'],
    search_fts_config: ['k', 'v'],
    search_fts_data: ['block', 'id'],
    search_fts_docsize: ['id', 'origin', 'sz'],
    search_fts_idx: ['pgno', 'segid', 'term'],
  },
  postgres: {
    search_documents: [...EXPECTED_SCHEMA.search_documents!, 'fts_accented', 'fts_folded', 'fts_title_accented', 'fts_title_folded'].sort(),
  },
};

for (const dialect of DIALECTS) {
  describe(`migrations [${dialect}]`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openEmptyDatabase(dialect);
    });
    after(() => t.close());

    it('a fresh database migrated from zero matches the expected schema', async () => {
      const results = await migrateToLatest(t.db);
      assert.deepEqual(
        results.map((r) => r.migrationName),
        Object.keys(MIGRATIONS),
      );
      const tables = await t.db.introspection.getTables();
      const actual = Object.fromEntries(
        tables.filter((table) => !table.name.startsWith('kysely_')).map((table) => [table.name, table.columns.map((c) => c.name).sort()]),
      );
      assert.deepEqual(actual, Object.fromEntries(Object.entries({ ...EXPECTED_SCHEMA, ...DIALECT_SCHEMA[dialect] }).sort(([a], [b]) => a.localeCompare(b))));
    });

    it('migrating again changes nothing', async () => {
      assert.deepEqual(await migrateToLatest(t.db), []);
    });
  });

  describe(`migrations landing out of order [${dialect}]`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openEmptyDatabase(dialect);
    });
    after(() => t.close());

    it('a database that ran a later migration still runs an earlier one that landed after it', async () => {
      const names = Object.keys(MIGRATIONS);
      const late = '0023_create_invitations';
      assert.ok(names.indexOf(late) < names.length - 1, 'a migration numbered after it exists');
      const without = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name !== late));
      await migrateToLatest(t.db, without);
      const results = await migrateToLatest(t.db);
      assert.deepEqual(
        results.map((r) => [r.migrationName, r.status]),
        [[late, 'Success']],
      );
      const tables = await t.db.introspection.getTables();
      assert.ok(tables.some((table) => table.name === 'invitations'));
    });
  });
}
