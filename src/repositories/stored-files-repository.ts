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

  /** Every province notice's file key (the notice belongs to a province, not a site). */
  async provinceNoticeFiles(): Promise<string[]> {
    const rows = await this.db.selectFrom('province_notice_files').select('file_key').orderBy('id').execute();
    return rows.map((r) => r.file_key);
  }
}
