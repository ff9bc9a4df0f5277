import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';

/** The schema a fresh database must have after every migration: table → columns. */
const EXPECTED_SCHEMA: Record<string, string[]> = {
  articles: [
    'body_html', 'category_id', 'created_at', 'featured_media_id', 'id', 'is_demo', 'is_featured', 'photographer',
    'published_at', 'search_text', 'site_id', 'slug', 'source_key', 'status', 'summary', 'title', 'updated_at',
    'view_count', 'writer',
  ],
  categories: ['created_at', 'id', 'kind', 'name', 'position', 'site_id', 'slug'],
  media: ['alt', 'byte_size', 'caption', 'created_at', 'height', 'id', 'kind', 'mime_type', 'original_name', 'site_id', 'storage_key', 'width'],
  site_hosts: ['host', 'is_primary', 'site_id'],
  sites: ['address', 'created_at', 'email', 'id', 'name', 'phone', 'province', 'responsible_person', 'responsible_title', 'unit_type', 'updated_at'],
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
      assert.deepEqual(results.map((r) => r.migrationName), Object.keys(MIGRATIONS));
      const tables = await t.db.introspection.getTables();
      const actual = Object.fromEntries(
        tables.filter((table) => !table.name.startsWith('kysely_')).map((table) => [table.name, table.columns.map((c) => c.name).sort()]),
      );
      assert.deepEqual(actual, EXPECTED_SCHEMA);
    });

    it('migrating again changes nothing', async () => {
      assert.deepEqual(await migrateToLatest(t.db), []);
    });
  });
}
