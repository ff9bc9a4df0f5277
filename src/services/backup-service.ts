import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { type DatabaseHandle, openSqlite } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { StoredFilesRepository } from '../repositories/stored-files-repository.ts';
import { variantsOf } from './media-service.ts';
import type { QuestionAttachment } from './questions/attachments.ts';
import { privateDirOf } from './questions/attachments.ts';

/** What a backup wrote, what it checked, and what the operator still has to do. */
export interface BackupResult {
  databaseFile: string | null;
  mediaDir: string;
  note: string | null;
  /** How many files the database's rows point to. */
  checkedFiles: number;
  /** Those missing from the backup's media folder, relative to it. */
  missingFiles: string[];
}

/** Every file the rows of a database point to, relative to the media folder: media originals and variants, question attachments. */
export async function filesOfRows(db: Kysely<Database>): Promise<string[]> {
  const repo = new StoredFilesRepository(db);
  const files: string[] = [];
  for (const media of await repo.media()) {
    for (const key of [media.storage_key, ...variantsOf(media).map((v) => v.key)]) files.push(path.join(String(media.site_id), key));
  }
  for (const question of await repo.questionAttachments()) {
    let attachments: QuestionAttachment[] = [];
    try {
      attachments = JSON.parse(question.attachments) as QuestionAttachment[];
    } catch {}
    // Files sent before attachments were private are media rows, listed above.
    for (const file of attachments) if (file.mediaId === undefined) files.push(path.join(privateDirOf('', question.site_id), file.key));
  }
  return files;
}

/** Lists the files of a SQLite snapshot's rows, opened read-only. */
async function filesOfSnapshot(file: string): Promise<string[]> {
  const snapshot = openSqlite(file, { readonly: true });
  try {
    return await filesOfRows(snapshot.db);
  } finally {
    await snapshot.close();
  }
}

/**
 * Backs up the portal's data into an empty or new folder while it runs.
 * The database first (SQLite: a consistent snapshot, VACUUM INTO), then the
 * media files: a file is written before its row commits, so every row in
 * the snapshot has its files by the time they are copied. Then every file
 * the snapshot's rows point to is looked for in the copy, and the missing
 * ones are listed. PostgreSQL is dumped with its own tool, pg_dump, before
 * this runs; the rows committed when it starts are the ones checked.
 */
export async function backupData(handle: DatabaseHandle, mediaDir: string, destination: string): Promise<BackupResult> {
  const dest = path.resolve(destination);
  if (fs.existsSync(dest) && fs.readdirSync(dest).length > 0) {
    throw new AppError('validation_failed', `Thư mục sao lưu "${dest}" đã có dữ liệu: hãy chọn thư mục trống hoặc chưa tồn tại.`);
  }
  fs.mkdirSync(dest, { recursive: true });
  let databaseFile: string | null = null;
  let expected: string[];
  if (handle.dialect === 'sqlite') {
    databaseFile = path.join(dest, 'xaphuong.sqlite');
    await sql`vacuum into ${databaseFile}`.execute(handle.db);
    expected = await filesOfSnapshot(databaseFile);
  } else {
    expected = await filesOfRows(handle.db);
  }
  const mediaCopy = path.join(dest, 'media');
  if (fs.existsSync(mediaDir)) fs.cpSync(mediaDir, mediaCopy, { recursive: true });
  else fs.mkdirSync(mediaCopy);
  const missingFiles = expected.filter((file) => !fs.existsSync(path.join(mediaCopy, file)));
  const note = databaseFile ? null : 'Cơ sở dữ liệu PostgreSQL: sao lưu bằng pg_dump "$DATABASE_URL" > xaphuong.sql, chạy trước lệnh này.';
  return { databaseFile, mediaDir: mediaCopy, note, checkedFiles: expected.length, missingFiles };
}
