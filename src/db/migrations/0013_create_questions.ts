import type { Kysely } from 'kysely';

/** Hỏi đáp – phản ánh, kiến nghị: questions with tracking codes and due dates. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
