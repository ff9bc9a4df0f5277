import type { Kysely } from 'kysely';
import { ID_TYPE, idColumn } from './helpers.ts';

/**
 * Files attached to a province notice: one row per file, read by every site
 * that shows the notice. The bytes live in the media storage under
 * `province-notices/<key>`, outside every site's folder, since the notice
 * belongs to the province.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('province_notice_files')
    .addColumn('id', ID_TYPE, idColumn(db))
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('province_notices.id').onDelete('cascade'))
    .addColumn('file_key', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('province_notice_files_notice').on('province_notice_files').columns(['notice_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('province_notice_files').execute();
}
