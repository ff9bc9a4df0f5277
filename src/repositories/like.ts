import { type RawBuilder, sql } from 'kysely';

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE pattern ESCAPE '\'`, the same on SQLite and PostgreSQL; `%` marks where anything may stand. */
export function likePattern(column: string, before: '%' | '', text: string, after: '%' | ''): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`${before}${escapeLike(text)}${after}`} escape '\\'`;
}
