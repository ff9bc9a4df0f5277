import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kysely, Migrator } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';

/** The migration that gives articles their pending edits, and the one before it. */
const PENDING = '0035_add_article_pending_edit';
const names = Object.keys(MIGRATIONS);
const BEFORE = names[names.indexOf(PENDING) - 1]!;

for (const dialect of DIALECTS) {
  describe(`a database from before the review engine [${dialect}]`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openEmptyDatabase(dialect);
      const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => MIGRATIONS } });
      const { error } = await migrator.migrateTo(BEFORE);
      assert.equal(error, undefined);
    });
    after(() => t.close());

    it('migrates and keeps every article’s status, its revisions and its review history, with no edit waiting', async () => {
      const now = new Date().toISOString();
      // The tables as they were before the migration, untyped.
      const db = t.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      const site = await db
        .insertInto('sites')
        .values({
          name: 'Xã Cũ',
          unit_type: 'xa',
          province: 'Đồng Tháp',
          address: '',
          phone: '',
          email: '',
          responsible_person: '',
          responsible_title: '',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const siteId = Number(site.id);
      const category = await db
        .insertInto('categories')
        .values({ site_id: siteId, slug: 'tin-tuc', name: 'Tin tức', kind: 'news', position: 1, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const statuses = ['draft', 'submitted', 'returned', 'scheduled', 'published', 'unpublished', 'archived'];
      for (const [i, status] of statuses.entries()) {
        const article = await db
          .insertInto('articles')
          .values({
            site_id: siteId,
            category_id: Number(category.id),
            title: `Bài ${status}`,
            slug: `bai-${status}`,
            summary: '',
            body_html: `<p>Bài số ${i}</p>`,
            writer: '',
            photographer: '',
            status,
            published_at: status === 'draft' ? null : now,
            featured_media_id: null,
            is_featured: 0,
            is_demo: 0,
            search_text: '',
            author_id: null,
            return_comment: status === 'returned' ? 'Bổ sung số liệu' : null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const number of [1, 2]) {
          await db
            .insertInto('article_revisions')
            .values({
              site_id: siteId,
              article_id: Number(article.id),
              number,
              title: `Bài ${status} (${number})`,
              slug: `bai-${status}`,
              summary: '',
              body_html: '<p>x</p>',
              writer: '',
              photographer: '',
              category_id: Number(category.id),
              author_id: null,
              created_at: now,
            })
            .execute();
        }
      }
      await db
        .insertInto('item_reviews')
        .values({
          site_id: siteId,
          item_type: 'document',
          item_key: '7',
          title: 'Quyết định 7/QĐ-UBND',
          status: 'submitted',
          return_comment: '',
          created_at: now,
          updated_at: now,
        })
        .execute();

      const ran = await migrateToLatest(t.db);
      assert.ok(ran.some((r) => r.migrationName === PENDING && r.status === 'Success'));

      const articles = await t.db
        .selectFrom('articles')
        .select(['status', 'title', 'return_comment', 'pending_revision', 'pending_status'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        articles.map((a) => [a.status, a.title, a.pending_revision, a.pending_status]),
        statuses.map((status) => [status, `Bài ${status}`, null, null]),
      );
      assert.equal(articles.find((a) => a.status === 'returned')?.return_comment, 'Bổ sung số liệu');
      assert.equal((await t.db.selectFrom('article_revisions').select('id').execute()).length, statuses.length * 2);
      const review = await t.db.selectFrom('item_reviews').select(['status', 'title']).executeTakeFirstOrThrow();
      assert.deepEqual(review, { status: 'submitted', title: 'Quyết định 7/QĐ-UBND' });
    });
  });
}
