import type { Kysely } from 'kysely';

/** Văn bản: the documents database (legal and administrative documents). */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
