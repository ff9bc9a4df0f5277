import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { type DatabaseHandle, nowIso, openSqlite } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { noticeFileStorageKey } from '../province-notices/notice-files.ts';
import { StoredFilesRepository } from '../../repositories/stored-files-repository.ts';
import { variantsOf } from '../media-service.ts';
import { type QuestionAttachment, privateKeyOf } from '../questions/attachments.ts';
import { copyOut, filesBelow } from '../storage/folder-copy.ts';
import { type MediaStorage, siteKey } from '../storage/media-storage.ts';
import { pgArchiveTables, pgDump } from './postgres-tools.ts';

/** Written last into a backup folder: a folder without it is an unfinished backup, which restore refuses. */
export const MANIFEST = 'manifest.json';
export const SQLITE_FILE = 'xaphuong.sqlite';
export const POSTGRES_FILE = 'xaphuong.pgdump';

/** What a backup holds, to check it against before anything is restored. */
export interface BackupManifest {
  format: 'xaphuong-backup';
  version: 1;
  createdAt: string;
  database: { dialect: 'sqlite' | 'postgres'; file: string; tables: number };
  media: { files: number; bytes: number };
}

/** What a backup wrote and what it checked. */
export interface BackupResult {
  databaseFile: string;
  mediaDir: string;
  mediaFiles: number;
  /** How many files the database's rows point to. */
  checkedFiles: number;
  /** Those missing from the backup's media folder, relative to it; the backup has no manifest then. */
  missingFiles: string[];
}

/** Every file the rows of a database point to, as storage keys: media originals and variants, question attachments, province notices' files. */
export async function filesOfRows(db: Kysely<Database>): Promise<string[]> {
  const repo = new StoredFilesRepository(db);
  const files: string[] = [];
  for (const media of await repo.media()) {
    for (const key of [media.storage_key, ...variantsOf(media).map((v) => v.key)]) files.push(siteKey(media.site_id, key));
  }
  for (const question of await repo.questionAttachments()) {
    let attachments: QuestionAttachment[] = [];
    try {
      attachments = JSON.parse(question.attachments) as QuestionAttachment[];
    } catch {}
    // Files sent before attachments were private are media rows, listed above.
    for (const file of attachments) if (file.mediaId === undefined) files.push(privateKeyOf(question.site_id, file.key));
  }
  for (const key of await repo.provinceNoticeFiles()) files.push(noticeFileStorageKey(key));
  return files;
}

/** Lists the files of a SQLite snapshot's rows, opened read-only. */
export async function filesOfSnapshot(file: string): Promise<string[]> {
  const snapshot = openSqlite(file, { readonly: true });
  try {
    return await filesOfRows(snapshot.db);
  } finally {
    await snapshot.close();
  }
}

/** The number of files below a folder and their bytes. */
export function folderSize(dir: string): { files: number; bytes: number } {
  const files = filesBelow(dir);
  return { files: files.length, bytes: files.reduce((sum, file) => sum + fs.statSync(path.join(dir, file)).size, 0) };
}

/**
 * Backs up the portal's data into an empty or new folder while it runs.
 * The database first (SQLite: a consistent snapshot, VACUUM INTO;
 * PostgreSQL: pg_dump's custom format), then every media file from the
 * storage, folder or bucket: a file is stored before its row commits, so
 * every row in the snapshot has its files by the time they are copied.
 * Then every file the rows point to is looked for in the copy; only a
 * complete backup gets its manifest.
 */
export async function backupData(handle: DatabaseHandle, postgresUrl: string | null, storage: MediaStorage, destination: string): Promise<BackupResult> {
  const dest = path.resolve(destination);
  if (fs.existsSync(dest) && fs.readdirSync(dest).length > 0) {
    throw new AppError('validation_failed', `Thư mục sao lưu "${dest}" đã có dữ liệu: hãy chọn thư mục trống hoặc chưa tồn tại.`);
  }
  fs.mkdirSync(dest, { recursive: true });
  let expected: string[];
  let tables: number;
  const databaseFile = path.join(dest, handle.dialect === 'sqlite' ? SQLITE_FILE : POSTGRES_FILE);
  if (handle.dialect === 'sqlite') {
    await sql`vacuum into ${databaseFile}`.execute(handle.db);
    expected = await filesOfSnapshot(databaseFile);
    tables = 0;
  } else {
    if (!postgresUrl) throw new AppError('backup_failed', 'Thiếu DATABASE_URL để sao lưu PostgreSQL.');
    await pgDump(handle.db, postgresUrl, databaseFile);
    // The rows committed once the dump is taken: their files are all stored by now.
    expected = await filesOfRows(handle.db);
    tables = await pgArchiveTables(databaseFile);
  }
  const mediaDir = path.join(dest, 'media');
  const mediaFiles = await copyOut(storage, '', mediaDir);
  const missingFiles = expected.filter((file) => !fs.existsSync(path.join(mediaDir, ...file.split('/'))));
  if (missingFiles.length === 0) {
    const manifest: BackupManifest = {
      format: 'xaphuong-backup',
      version: 1,
      createdAt: nowIso(),
      database: { dialect: handle.dialect, file: path.basename(databaseFile), tables },
      media: folderSize(mediaDir),
    };
    fs.writeFileSync(path.join(dest, MANIFEST), JSON.stringify(manifest, null, 2));
  }
  return { databaseFile, mediaDir, mediaFiles, checkedFiles: expected.length, missingFiles };
}
