import type { Kysely } from 'kysely';

/** Giới thiệu (organisation, with English pages), satisfaction ratings, visitor counter, downtime notices and related links. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
