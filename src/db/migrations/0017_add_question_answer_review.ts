import type { Kysely } from 'kysely';

/**
 * Answers to residents' questions go through review, as articles do: an
 * editor drafts and submits, an approver who did not write it publishes it or
 * returns it with a comment. `answer` stays the published answer; the draft
 * lives beside it until approved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('questions')
    .addColumn('draft_answer', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Who started this draft, and who last changed its text: the "own work" an approver may not approve.
  await db.schema.alterTable('questions').addColumn('draft_by', 'integer').execute();
  await db.schema.alterTable('questions').addColumn('draft_edited_by', 'integer').execute();
  // 'none' (no answer waiting), 'submitted' (waiting for an approver), 'returned' (sent back with a comment).
  await db.schema
    .alterTable('questions')
    .addColumn('answer_review', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await db.schema
    .alterTable('questions')
    .addColumn('review_comment', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('questions').addColumn('answer_approved_by', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['answer_approved_by', 'review_comment', 'answer_review', 'draft_edited_by', 'draft_by', 'draft_answer']) {
    await db.schema.alterTable('questions').dropColumn(column).execute();
  }
}
