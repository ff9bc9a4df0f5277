import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/** Who wrote, submitted, approved and published each article; the trash; preview links; revisions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const columns: Array<[string, 'text' | 'integer']> = [
    ['author_id', 'integer'],
    ['submitted_at', 'text'],
    ['submitted_by', 'integer'],
    ['published_by', 'integer'],
    ['return_comment', 'text'],
    ['force_reason', 'text'],
    ['deleted_at', 'text'],
    ['deleted_by', 'integer'],
    ['preview_token', 'text'],
    ['preview_expires_at', 'text'],
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable('articles').addColumn(name, type).execute();
  }
  await db.schema
    .alterTable('articles')
    .addColumn('force_published', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('articles_preview_token').on('articles').column('preview_token').execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('writer', 'text', (c) => c.notNull())
    .addColumn('photographer', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull())
    .addColumn('featured_media_id', 'integer')
    .addColumn('author_id', 'integer')
    .addColumn('is_autosave', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('article_revisions_number_unique', ['article_id', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('article_revisions').execute();
}
