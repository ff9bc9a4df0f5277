import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';

/** The schema a fresh database must have after every migration: table → columns. */
const EXPECTED_SCHEMA: Record<string, string[]> = {
  article_revisions: ['article_id', 'author_id', 'body_html', 'category_id', 'created_at', 'featured_media_id', 'id', 'is_autosave', 'note', 'number', 'photographer', 'site_id', 'slug', 'summary', 'title', 'writer'],
  article_views: ['article_id', 'views'],
  articles: [
    'author_id', 'body_html', 'category_id', 'created_at', 'deleted_at', 'deleted_by', 'featured_media_id', 'force_published', 'force_reason',
    'id', 'is_demo', 'is_featured', 'photographer', 'preview_expires_at', 'preview_token', 'published_at', 'published_by', 'return_comment',
    'search_text', 'site_id', 'slug', 'source_key', 'status', 'submitted_at', 'submitted_by', 'summary', 'title', 'updated_at', 'writer',
  ],
  audit_log: ['action', 'actor', 'created_at', 'flagged', 'id', 'ip', 'site_id', 'summary', 'target_id', 'target_type', 'user_id'],
  calendar_entries: ['created_at', 'created_by', 'day', 'id', 'location', 'participants', 'presider', 'session', 'site_id', 'start_time', 'task', 'updated_at', 'updated_by'],
  categories: ['created_at', 'id', 'kind', 'name', 'position', 'site_id', 'slug'],
  document_files: ['document_id', 'media_id', 'position'],
  documents: [
    'created_at', 'created_by', 'doc_type', 'effective_on', 'expires_on', 'field', 'id', 'issue_year', 'issued_on', 'issuing_body', 'number_key',
    'number_symbol', 'number_value', 'published_at', 'search_text', 'signer', 'site_id', 'status', 'summary', 'updated_at', 'updated_by',
  ],
  downtime_notices: ['created_at', 'ends_at', 'id', 'message', 'site_id', 'starts_at', 'updated_at'],
  item_reviews: [
    'created_at', 'created_by', 'id', 'item_key', 'item_type', 'published_at', 'published_by', 'published_revision', 'return_comment', 'site_id', 'status',
    'submitted_at', 'submitted_by', 'title', 'updated_at', 'updated_by',
  ],
  item_revisions: ['author_id', 'created_at', 'id', 'item_key', 'item_type', 'note', 'number', 'site_id', 'snapshot'],
  login_attempts: ['attempted_at', 'id', 'key'],
  media: ['alt', 'byte_size', 'caption', 'created_at', 'deleted_at', 'height', 'id', 'kind', 'mime_type', 'original_name', 'site_id', 'storage_key', 'title', 'uploaded_by', 'variants', 'width'],
  memberships: ['created_at', 'role', 'site_id', 'user_id'],
  organisation_pages: ['body_en_html', 'body_html', 'id', 'kind', 'media_id', 'site_id', 'title_en', 'updated_at'],
  organisation_people: ['bio_en_html', 'bio_html', 'created_at', 'email', 'id', 'job_title', 'job_title_en', 'name', 'phone', 'photo_media_id', 'role', 'site_id', 'sort_order', 'updated_at'],
  sessions: ['created_at', 'csrf_token', 'expires_at', 'id', 'ip', 'last_seen_at', 'revoked_at', 'totp_pending', 'user_agent', 'user_id'],
  site_hosts: ['host', 'is_primary', 'site_id'],
  sites: ['address', 'created_at', 'email', 'id', 'name', 'phone', 'province', 'require_totp', 'responsible_person', 'responsible_title', 'unit_type', 'updated_at'],
  page_events: ['created_at', 'id', 'tags'],
  privacy_salts: ['created_at', 'name', 'value'],
  question_holidays: ['day', 'id', 'name', 'site_id'],
  question_secrets: ['created_at', 'name', 'secret'],
  question_submissions: ['id', 'ip', 'site_id', 'submitted_at'],
  questions: [
    'address', 'answer', 'answer_approved_by', 'answer_review', 'answered_at', 'answered_by', 'assigned_to', 'attachments', 'code', 'consent_publish', 'content',
    'created_at', 'draft_answer', 'draft_by', 'draft_edited_by', 'due_on', 'email', 'id', 'is_published', 'name', 'phone', 'published_at', 'received_at',
    'review_comment', 'search_text', 'site_id', 'status', 'title', 'updated_at',
  ],
  rating_limits: ['count', 'day', 'ip_hash', 'site_id'],
  reception_slots: ['created_at', 'created_by', 'days', 'hours', 'id', 'official_name', 'place', 'position', 'site_id', 'sort_order', 'updated_at', 'updated_by'],
  related_links: ['created_at', 'id', 'site_id', 'sort_order', 'title', 'url'],
  satisfaction_ratings: ['comment', 'created_at', 'id', 'path', 'rating', 'site_id'],
  search_documents: ['body', 'category_id', 'id', 'kind', 'path', 'published_at', 'ref_id', 'site_id', 'source', 'title', 'updated_at'],
  search_terms: ['docs', 'site_id', 'term'],
  users: ['created_at', 'disabled', 'display_name', 'email', 'id', 'is_platform_admin', 'must_change_password', 'password_hash', 'totp_enabled', 'totp_secret', 'updated_at'],
  visitor_days: ['day', 'site_id', 'views'],
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
