import type { Kysely } from 'kysely';

/**
 * An edit of a live article waits for review as a new revision while the
 * approved version stays public: which revision waits, and where its review
 * stands ('draft', 'submitted', 'returned'); both null when none waits.
 * Existing articles have none, so nothing needs backfilling.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('pending_revision', 'integer').execute();
  await db.schema.alterTable('articles').addColumn('pending_status', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('pending_status').execute();
  await db.schema.alterTable('articles').dropColumn('pending_revision').execute();
}
