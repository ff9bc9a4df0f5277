import type { Kysely } from 'kysely';

/** The public forms' submission log tells its forms apart, so comments on drafts and questions each have their own hourly limit. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('question_submissions')
    .addColumn('form', 'text', (c) => c.notNull().defaultTo('hoi-dap'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('question_submissions').dropColumn('form').execute();
}
