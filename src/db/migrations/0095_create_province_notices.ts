import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/**
 * Province notices pushed down to communes: one row per notice or document
 * (the one source every chosen site reads), and one row per site it is
 * shown on, so each site's listings, search entry and pages follow it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('province_notices')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('to_all', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('province_notices_province_slug_unique', ['province', 'slug'])
    .execute();
  await db.schema
    .createTable('province_notice_sites')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('province_notices.id').onDelete('cascade'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('province_notice_sites_notice_site_unique', ['notice_id', 'site_id'])
    .execute();
  // A commune's listings read "what the province shows on this site".
  await db.schema.createIndex('province_notice_sites_site').on('province_notice_sites').columns(['site_id', 'notice_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('province_notice_sites').execute();
  await db.schema.dropTable('province_notices').execute();
}
