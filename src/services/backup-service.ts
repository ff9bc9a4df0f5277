import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/database.ts';
import { AppError } from '../errors.ts';

/** What a backup wrote, and what the operator still has to do. */
export interface BackupResult {
  databaseFile: string | null;
  mediaDir: string;
  note: string | null;
}

/**
 * Backs up the portal's data into an empty or new folder while it runs: a
 * consistent SQLite snapshot (VACUUM INTO) and a copy of the media files.
 * PostgreSQL is dumped with its own tool, pg_dump; only media is copied here.
 */
export async function backupData(handle: DatabaseHandle, mediaDir: string, destination: string): Promise<BackupResult> {
  const dest = path.resolve(destination);
  if (fs.existsSync(dest) && fs.readdirSync(dest).length > 0) {
    throw new AppError('validation_failed', `Thư mục sao lưu "${dest}" đã có dữ liệu: hãy chọn thư mục trống hoặc chưa tồn tại.`);
  }
  fs.mkdirSync(dest, { recursive: true });
  const mediaCopy = path.join(dest, 'media');
  if (fs.existsSync(mediaDir)) fs.cpSync(mediaDir, mediaCopy, { recursive: true });
  else fs.mkdirSync(mediaCopy);
  if (handle.dialect === 'postgres') {
    return { databaseFile: null, mediaDir: mediaCopy, note: 'Cơ sở dữ liệu PostgreSQL: sao lưu bằng pg_dump "$DATABASE_URL" > xaphuong.sql.' };
  }
  const databaseFile = path.join(dest, 'xaphuong.sqlite');
  await sql`vacuum into ${databaseFile}`.execute(handle.db);
  return { databaseFile, mediaDir: mediaCopy, note: null };
}
