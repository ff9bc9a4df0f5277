import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';

/** The schema a fresh database must have after every migration: table → columns. */
const EXPECTED_SCHEMA: Record<string, string[]> = {
  article_revisions: ['article_id', 'author_id', 'body_html', 'category_id', 'created_at', 'featured_media_id', 'id', 'is_autosave', 'note', 'number', 'photographer', 'site_id', 'slug', 'summary', 'title', 'writer'],
  articles: [
    'author_id', 'body_html', 'category_id', 'created_at', 'deleted_at', 'deleted_by', 'featured_media_id', 'force_published', 'force_reason',
    'id', 'is_demo', 'is_featured', 'photographer', 'preview_expires_at', 'preview_token', 'published_at', 'published_by', 'return_comment',
    'search_text', 'site_id', 'slug', 'source_key', 'status', 'submitted_at', 'submitted_by', 'summary', 'title', 'updated_at', 'view_count', 'writer',
  ],
  audit_log: ['action', 'actor', 'created_at', 'flagged', 'id', 'ip', 'site_id', 'summary', 'target_id', 'target_type', 'user_id'],
  categories: ['created_at', 'id', 'kind', 'name', 'position', 'site_id', 'slug'],
  login_attempts: ['attempted_at', 'id', 'key'],
  media: ['alt', 'byte_size', 'caption', 'created_at', 'deleted_at', 'height', 'id', 'kind', 'mime_type', 'original_name', 'site_id', 'storage_key', 'title', 'uploaded_by', 'variants', 'width'],
  memberships: ['created_at', 'role', 'site_id', 'user_id'],
  sessions: ['created_at', 'csrf_token', 'expires_at', 'id', 'ip', 'last_seen_at', 'revoked_at', 'totp_pending', 'user_agent', 'user_id'],
  site_hosts: ['host', 'is_primary', 'site_id'],
  sites: ['address', 'created_at', 'email', 'id', 'name', 'phone', 'province', 'require_totp', 'responsible_person', 'responsible_title', 'unit_type', 'updated_at'],
  page_events: ['created_at', 'id', 'tags'],
  search_documents: ['body', 'category_id', 'id', 'kind', 'path', 'published_at', 'ref_id', 'site_id', 'source', 'title', 'updated_at'],
  search_terms: ['docs', 'site_id', 'term'],
  users: ['created_at', 'disabled', 'display_name', 'email', 'id', 'is_platform_admin', 'must_change_password', 'password_hash', 'totp_enabled', 'totp_secret', 'updated_at'],
};

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
    search_documents: [...EXPECTED_SCHEMA.search_documents!, 'fts_accented', 'fts_folded'].sort(),
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
      assert.deepEqual(results.map((r) => r.migrationName), Object.keys(MIGRATIONS));
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
}
