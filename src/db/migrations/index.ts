import type { Migration } from 'kysely';
import * as m0001 from './0001_create_sites.ts';
import * as m0002 from './0002_create_categories.ts';
import * as m0003 from './0003_create_media.ts';
import * as m0004 from './0004_create_articles.ts';

/**
 * Every migration, in order. Never edit one that has landed: add a new one.
 * Schema changes and data backfills go in separate migrations.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_create_sites': m0001,
  '0002_create_categories': m0002,
  '0003_create_media': m0003,
  '0004_create_articles': m0004,
};
