import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../../config/config.ts';
import { openPostgres, openSqlite } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { AppError } from '../../errors.ts';
import { copyIn } from '../storage/folder-copy.ts';
import type { MediaStorage } from '../storage/media-storage.ts';
import { type BackupManifest, MANIFEST, filesOfSnapshot, folderSize } from './backup-service.ts';
import { pgArchiveTables, pgRestore } from './postgres-tools.ts';

/** What a restore brought back. */
export interface RestoreResult {
  manifest: BackupManifest;
  mediaFiles: number;
}

const incomplete = (dir: string, why: string) =>
  new AppError('backup_failed', `Bản sao lưu ${dir} không đầy đủ: ${why}. Chưa có gì bị thay đổi; hãy dùng một bản sao lưu khác hoặc chạy lại lệnh backup.`);

/** Reads a backup's manifest and checks the folder holds all it lists: the database file whole, every media file and byte. */
export async function checkBackup(source: string, dialect: 'sqlite' | 'postgres'): Promise<BackupManifest> {
  const dir = path.resolve(source);
  const manifestFile = path.join(dir, MANIFEST);
  if (!fs.existsSync(manifestFile)) throw incomplete(dir, `thiếu ${MANIFEST} (lệnh backup chưa chạy xong, hoặc báo thiếu tệp)`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  } catch {
    throw incomplete(dir, `${MANIFEST} hỏng`);
  }
  if (manifest.format !== 'xaphuong-backup') throw incomplete(dir, `${MANIFEST} không phải của một bản sao lưu xaphuong`);
  if (manifest.database.dialect !== dialect) {
    const names = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
    throw new AppError(
      'backup_failed',
      `Bản sao lưu là của ${names[manifest.database.dialect]}, còn cài đặt này dùng ${names[dialect]}. Cách sửa: đặt (hoặc bỏ) DATABASE_URL cho khớp, hoặc chuyển dữ liệu bằng export-site/import-site.`,
    );
  }
  const databaseFile = path.join(dir, path.basename(manifest.database.file));
  if (!fs.existsSync(databaseFile)) throw incomplete(dir, `thiếu tệp cơ sở dữ liệu ${manifest.database.file}`);
  const media = folderSize(path.join(dir, 'media'));
  if (media.files !== manifest.media.files || media.bytes !== manifest.media.bytes) {
    throw incomplete(
      dir,
      `thư mục media có ${media.files} tệp (${media.bytes} byte), bản sao lưu ghi ${manifest.media.files} tệp (${manifest.media.bytes} byte)`,
    );
  }
  if (dialect === 'sqlite') {
    const snapshot = openSqlite(databaseFile, { readonly: true });
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`
      .execute(snapshot.db)
      .then(
        (r) => r.rows[0]?.integrity_check ?? '',
        (error: unknown) => String(error),
      )
      .finally(() => snapshot.close());
    if (check !== 'ok') throw incomplete(dir, `tệp ${manifest.database.file} hỏng (${check})`);
    const missing = (await filesOfSnapshot(databaseFile)).filter((key) => !fs.existsSync(path.join(dir, 'media', ...key.split('/'))));
    if (missing.length) throw incomplete(dir, `thiếu ${missing.length} tệp media mà cơ sở dữ liệu ghi nhận (${missing.slice(0, 3).join(', ')})`);
  } else {
    const tables = await pgArchiveTables(databaseFile).catch((error: unknown) => {
      throw incomplete(dir, `tệp ${manifest.database.file} không đọc được (${error instanceof Error ? error.message : String(error)})`);
    });
    if (tables !== manifest.database.tables)
      throw incomplete(dir, `tệp ${manifest.database.file} có ${tables} bảng, bản sao lưu ghi ${manifest.database.tables}`);
  }
  return manifest;
}

/** What the target already holds: the database's tables or rows, the storage's files. */
async function targetContents(config: Pick<Config, 'database'>, storage: MediaStorage): Promise<string[]> {
  const found: string[] = [];
  if (config.database.kind === 'sqlite') {
    if (fs.existsSync(config.database.file) && fs.statSync(config.database.file).size > 0) found.push(`cơ sở dữ liệu ${config.database.file}`);
  } else {
    const handle = openPostgres(config.database.url, 1);
    try {
      const { rows } = await sql<{ n: string }>`select count(*) as n from information_schema.tables where table_schema = 'public'`.execute(handle.db);
      if (Number(rows[0]!.n) > 0) found.push(`cơ sở dữ liệu PostgreSQL (${rows[0]!.n} bảng)`);
    } finally {
      await handle.close();
    }
  }
  for await (const { key } of storage.list('')) {
    if (key.startsWith('.')) continue;
    found.push(`kho tệp ${storage.description}`);
    break;
  }
  return found;
}

/** Empties the target: what --force asks for, after the backup was checked. */
async function clearTarget(config: Pick<Config, 'database'>, storage: MediaStorage): Promise<void> {
  if (config.database.kind === 'sqlite') {
    for (const file of [config.database.file, `${config.database.file}-wal`, `${config.database.file}-shm`]) fs.rmSync(file, { force: true });
  } else {
    const handle = openPostgres(config.database.url, 1);
    try {
      await sql`drop schema public cascade`.execute(handle.db);
      await sql`create schema public`.execute(handle.db);
    } finally {
      await handle.close();
    }
  }
  const keys: string[] = [];
  for await (const { key } of storage.list('')) keys.push(key);
  for (const key of keys) await storage.delete(key);
}

/**
 * Restores a backup into the configured database and media storage, with the
 * portal stopped. The backup is checked whole first; a target that holds
 * anything is refused unless `force`, which empties it. Then the database
 * (a file copied in and renamed; pg_restore in one transaction), then every
 * media file, then the schema is brought up to this version's migrations.
 */
export async function restoreData(
  config: Pick<Config, 'database'>,
  storage: MediaStorage,
  source: string,
  options: { force?: boolean } = {},
): Promise<RestoreResult> {
  const dir = path.resolve(source);
  const manifest = await checkBackup(dir, config.database.kind);
  const occupied = await targetContents(config, storage);
  if (occupied.length && !options.force) {
    throw new AppError(
      'conflict',
      `Nơi khôi phục đã có dữ liệu: ${occupied.join('; ')}. Khôi phục sẽ xóa hết chúng: nếu chắc chắn, dừng cổng thông tin rồi chạy lại với --force.`,
    );
  }
  if (occupied.length) await clearTarget(config, storage);
  const databaseFile = path.join(dir, path.basename(manifest.database.file));
  if (config.database.kind === 'sqlite') {
    const target = config.database.file;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(databaseFile, `${target}.restoring`);
    fs.renameSync(`${target}.restoring`, target);
  } else {
    const handle = openPostgres(config.database.url, 1);
    try {
      await pgRestore(handle.db, config.database.url, databaseFile);
    } finally {
      await handle.close();
    }
  }
  const mediaFiles = await copyIn(storage, path.join(dir, 'media'), '');
  const handle = config.database.kind === 'sqlite' ? openSqlite(config.database.file) : openPostgres(config.database.url, 1);
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  return { manifest, mediaFiles };
}
