import type { Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * On PostgreSQL, a statement search by name and amount reads one word's
 * receipts of that amount from an index alone; its word table keeps the amount
 * outside the key's index, so each row cost a visit to the table. SQLite keeps
 * the whole row in the key's b-tree and needs nothing more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema
    .createIndex('relief_receipt_words_amount')
    .on('relief_receipt_words')
    .columns(['campaign_id', 'word', 'amount', 'received_on', 'receipt_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema.dropIndex('relief_receipt_words_amount').execute();
}
