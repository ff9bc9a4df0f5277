import { type Kysely, sql } from 'kysely';
import { ID_TYPE } from './helpers.ts';

/**
 * Article views move to a table of their own. The view counter writes a few
 * thousand counts every 5 s when readers spread over many articles, and an
 * UPDATE of `articles` rewrites the whole row, body and folded text (and on
 * SQLite its overflow pages), where a row of two numbers is cheap to write.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('article_views')
    .addColumn('article_id', ID_TYPE, (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('views', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into article_views (article_id, views) select id, view_count from articles where view_count > 0`.execute(db);
  await db.schema.alterTable('articles').dropColumn('view_count').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('articles')
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update articles set view_count = coalesce((select views from article_views where article_views.article_id = articles.id), 0)`.execute(db);
  await db.schema.dropTable('article_views').execute();
}
