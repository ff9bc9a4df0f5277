import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';

/**
 * What a site has stored that the site admin's screens change: compare it
 * before and after a refused change to show that nothing was written.
 */
export async function storedShape(db: Kysely<Database>, siteId: number) {
  const [site, categories, redirects, menu, media, audit, events, featured] = await Promise.all([
    db.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirstOrThrow(),
    db.selectFrom('categories').selectAll().where('site_id', '=', siteId).orderBy('id').execute(),
    db.selectFrom('category_redirects').selectAll().where('site_id', '=', siteId).orderBy('slug').execute(),
    db.selectFrom('menu_items').selectAll().where('site_id', '=', siteId).orderBy('id').execute(),
    db.selectFrom('media').select('id').where('site_id', '=', siteId).orderBy('id').execute(),
    db.selectFrom('audit_log').select('id').where('site_id', '=', siteId).orderBy('id').execute(),
    db.selectFrom('page_events').select('id').orderBy('id').execute(),
    db.selectFrom('articles').select(['id', 'is_featured', 'featured_until']).where('site_id', '=', siteId).orderBy('id').execute(),
  ]);
  return { site, categories, redirects, menu, media, audit, events, featured };
}

/** The error code of a rejection (AppError), or '' for anything else. */
export function codeOf(error: unknown): string {
  return (error as { code?: string }).code ?? '';
}

/** The field names of a validation error. */
export function fieldsOf(error: unknown): string[] {
  return ((error as { fields?: Array<{ field: string }> }).fields ?? []).map((f) => f.field);
}
