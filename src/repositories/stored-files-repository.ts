import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** SQL for the files every site's rows point to: what a backup must hold. Across sites on purpose: a backup is of the whole installation. */
export class StoredFilesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every media row's site, file key and variants (JSON), deleted ones too: a restore may bring them back. */
  async media(): Promise<Array<{ site_id: number; storage_key: string; variants: string }>> {
    return this.db.selectFrom('media').select(['site_id', 'storage_key', 'variants']).orderBy('id').execute();
  }

  /** Every question with files: its site and its attachments (JSON). */
  async questionAttachments(): Promise<Array<{ site_id: number; attachments: string }>> {
    return this.db.selectFrom('questions').select(['site_id', 'attachments']).where('attachments', '!=', '[]').orderBy('id').execute();
  }
}
