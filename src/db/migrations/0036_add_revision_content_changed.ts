import type { Kysely } from 'kysely';

/**
 * Whether a revision changed what a person writes (title, summary, body,
 * credits), so that the four-eyes rule looks only at those: an approver who
 * moves the publish time or the category is not the content's author.
 * Existing revisions count as content changes, which keeps the rule as strict as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('article_revisions')
    .addColumn('content_changed', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('article_revisions').dropColumn('content_changed').execute();
}
