import type { Kysely } from 'kysely';

/**
 * When an article stops being "Tin nổi bật" (null: until someone unmarks
 * it), and its lead image: the featured image, or else the first of the
 * site's images in its body, which cards and share previews show.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('featured_until', 'text').execute();
  await db.schema
    .alterTable('articles')
    .addColumn('lead_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('lead_media_id').execute();
  await db.schema.alterTable('articles').dropColumn('featured_until').execute();
}
