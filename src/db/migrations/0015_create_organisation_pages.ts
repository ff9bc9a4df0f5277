import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/**
 * Giới thiệu (organisation pages and people, with English fields alongside),
 * anonymous satisfaction ratings with their per-IP daily limit, and the
 * random salt that IP hashes are made with; planned-downtime notices; links
 * to related agencies; page views per day for the visitor counter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisation_pages')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    // One of the fixed page kinds, named by its public slug ("co-cau-to-chuc").
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_en_html', 'text', (c) => c.notNull().defaultTo(''))
    // The organisation chart or the administrative map, from the media library.
    .addColumn('media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('organisation_pages_site_kind_unique', ['site_id', 'kind'])
    .execute();

  await db.schema
    .createTable('organisation_people')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    // 'leader' (lãnh đạo) or 'focal' (cán bộ đầu mối).
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('job_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('job_title_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('photo_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('bio_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bio_en_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organisation_people_site_role_order').on('organisation_people').columns(['site_id', 'role', 'sort_order']).execute();

  await db.schema
    .createTable('satisfaction_ratings')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('satisfaction_ratings_site_created').on('satisfaction_ratings').columns(['site_id', 'created_at']).execute();

  // How many ratings one visitor sent today, known only by a salted hash of IP and day.
  await db.schema
    .createTable('rating_limits')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_limits_pk', ['site_id', 'day', 'ip_hash'])
    .execute();

  // Random secrets made once per installation (the IP-hash salt), kept in the database so every process shares them.
  await db.schema
    .createTable('privacy_salts')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('downtime_notices')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('downtime_notices_site_ends').on('downtime_notices').columns(['site_id', 'ends_at']).execute();

  await db.schema
    .createTable('related_links')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Page views per site and Vietnam calendar day: a count only, nothing about the visitor.
  await db.schema
    .createTable('visitor_days')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('visitor_days_pk', ['site_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'visitor_days',
    'related_links',
    'downtime_notices',
    'privacy_salts',
    'rating_limits',
    'satisfaction_ratings',
    'organisation_people',
    'organisation_pages',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
