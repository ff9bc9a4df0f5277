import type { Kysely } from 'kysely';

/** Media library: attachment titles, WebP variants, who uploaded, and the trash. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('media')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // JSON list of {width, key} for the WebP variants made at upload.
  await db.schema
    .alterTable('media')
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('media').addColumn('uploaded_by', 'integer').execute();
  await db.schema.alterTable('media').addColumn('deleted_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['deleted_at', 'uploaded_by', 'variants', 'title']) {
    await db.schema.alterTable('media').dropColumn(column).execute();
  }
}
