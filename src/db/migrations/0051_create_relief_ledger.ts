import { type Kysely, sql } from 'kysely';
import { ID_TYPE, idColumn, isPostgres } from './helpers.ts';

/**
 * The ledger of a campaign: receipts (cash and goods), spending, the private
 * list of beneficiaries, and the word index of the public statement. Rows are
 * appended; a confirmed row is never changed: a correction is a reversal row
 * (negative) and, unless it only cancels, a replacement row, both pointing at it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('relief_receipts')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('relief_campaigns.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.references('relief_accounts.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // đồng; for goods, their estimated value.
    .addColumn('amount', 'bigint', (c) => c.notNull())
    // Goods in thousandths of their unit (12,5 kg = 12500), 0 for cash.
    .addColumn('quantity', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('donor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('received_time', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('bank_ref', 'text', (c) => c.notNull().defaultTo(''))
    // Account and reference of an imported or typed transfer: one row per bank transaction.
    .addColumn('ref_key', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reverses_id', 'integer', (c) => c.references('relief_receipts.id'))
    .addColumn('replaces_id', 'integer', (c) => c.references('relief_receipts.id'))
    .addColumn('correction_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('import_id', 'integer')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('confirmed_at', 'text')
    .execute();
  await db.schema.createIndex('relief_receipts_ref_unique').unique().on('relief_receipts').columns(['site_id', 'ref_key']).execute();
  // A row is reversed at most once.
  await db.schema.createIndex('relief_receipts_reverses_unique').unique().on('relief_receipts').column('reverses_id').execute();
  await db.schema.createIndex('relief_receipts_replaces').on('relief_receipts').column('replaces_id').execute();
  // The statement in date order, by amount, by bank reference; the admin lists by status and import.
  await db.schema.createIndex('relief_receipts_date').on('relief_receipts').columns(['campaign_id', 'status', 'received_on', 'id']).execute();
  await db.schema.createIndex('relief_receipts_amount').on('relief_receipts').columns(['campaign_id', 'status', 'amount', 'received_on', 'id']).execute();
  await db.schema.createIndex('relief_receipts_bank_ref').on('relief_receipts').columns(['campaign_id', 'status', 'bank_ref']).execute();
  await db.schema.createIndex('relief_receipts_import').on('relief_receipts').columns(['import_id', 'status', 'id']).execute();

  // The statement's words (folded donor name and note) of confirmed receipts, ordered as the statement is read.
  const words = db.schema
    .createTable('relief_receipt_words')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('relief_campaigns.id').onDelete('cascade'))
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('receipt_id', 'integer', (c) => c.notNull().references('relief_receipts.id').onDelete('cascade'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('relief_receipt_words_pkey', ['campaign_id', 'word', 'received_on', 'receipt_id']);
  // SQLite keeps the rows in the key's b-tree itself, so a search reads one b-tree.
  await (isPostgres(db) ? words : words.modifyEnd(sql`without rowid`)).execute();
  await db.schema.createIndex('relief_receipt_words_receipt').on('relief_receipt_words').column('receipt_id').execute();

  await db.schema
    .createTable('relief_spending')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('relief_campaigns.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('house_work', 'text', (c) => c.notNull().defaultTo(''))
    // 1 for a house built or repaired, -1 on its reversal, 0 otherwise: houses are counted by summing.
    .addColumn('house_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('beneficiary_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('spent_on', 'text', (c) => c.notNull())
    .addColumn('handover_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reverses_id', 'integer', (c) => c.references('relief_spending.id'))
    .addColumn('replaces_id', 'integer', (c) => c.references('relief_spending.id'))
    .addColumn('correction_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('confirmed_at', 'text')
    .execute();
  await db.schema.createIndex('relief_spending_reverses_unique').unique().on('relief_spending').column('reverses_id').execute();
  await db.schema.createIndex('relief_spending_replaces').on('relief_spending').column('replaces_id').execute();
  await db.schema.createIndex('relief_spending_campaign').on('relief_spending').columns(['campaign_id', 'status', 'spent_on', 'id']).execute();
  await db.schema.createIndex('relief_spending_site_day').on('relief_spending').columns(['site_id', 'status', 'spent_on']).execute();
  await db.schema.createIndex('relief_receipts_site_day').on('relief_receipts').columns(['site_id', 'status', 'received_on']).execute();

  // Personal details of the people a spending reached: never on a public page.
  await db.schema
    .createTable('relief_beneficiaries')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('spending_id', 'integer', (c) => c.notNull().references('relief_spending.id').onDelete('cascade'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('consent_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('relief_beneficiaries_spending').on('relief_beneficiaries').column('spending_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('relief_beneficiaries').execute();
  await db.schema.dropTable('relief_spending').execute();
  await db.schema.dropTable('relief_receipt_words').execute();
  await db.schema.dropTable('relief_receipts').execute();
}
