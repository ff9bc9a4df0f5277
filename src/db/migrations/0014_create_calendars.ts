import type { Kysely } from 'kysely';

/** Lịch công tác and lịch tiếp công dân. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
