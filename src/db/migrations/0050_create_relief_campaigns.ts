import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/** Vận động – cứu trợ: a site's bank accounts, its campaigns, and which accounts each campaign receives on. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('relief_accounts')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('bank_name', 'text', (c) => c.notNull())
    .addColumn('account_number', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text', (c) => c.notNull())
    // The statement columns last confirmed for this account's files (JSON), so the next import maps itself.
    .addColumn('column_mapping', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('relief_accounts_site_number_unique', ['site_id', 'bank_name', 'account_number'])
    .execute();
  await db.schema
    .createTable('relief_campaigns')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('target_amount', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('relief_campaigns_site_slug_unique', ['site_id', 'slug'])
    .execute();
  await db.schema
    .createTable('relief_campaign_accounts')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('relief_campaigns.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('relief_accounts.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('relief_campaign_accounts_pkey', ['campaign_id', 'account_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('relief_campaign_accounts').execute();
  await db.schema.dropTable('relief_campaigns').execute();
  await db.schema.dropTable('relief_accounts').execute();
}
