import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config.ts';
import { AppError } from '../errors.ts';

/** What the portal writes: the data folder, its media folder and, on SQLite, the database file. */
export interface DataPaths {
  dataDir: string;
  mediaDir: string;
  sqliteFile: string | null;
}

/** The paths a configuration writes to. */
export function dataPathsOf(config: Pick<Config, 'dataDir' | 'mediaDir' | 'database'>): DataPaths {
  return { dataDir: config.dataDir, mediaDir: config.mediaDir, sqliteFile: config.database.kind === 'sqlite' ? config.database.file : null };
}

/** The database file and the companions SQLite writes beside it in WAL mode, those that exist. */
function sqliteFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f));
}

/** Who this process runs as, for messages: "nobody (uid 65534)". */
function processUser(): string {
  const uid = process.getuid?.() ?? -1;
  let name = String(uid);
  try {
    name = os.userInfo().username;
  } catch {}
  return `${name} (uid ${uid})`;
}

function notWritable(target: string, dataDir: string, error: NodeJS.ErrnoException): AppError {
  let owner = '';
  try {
    owner = `, thuộc uid ${fs.statSync(target).uid}`;
  } catch {}
  const user = processUser();
  return new AppError(
    'storage_unavailable',
    `Tiến trình chạy bằng người dùng ${user} không ghi được vào ${target}${owner} (${error.code}).\n` +
      `Cách sửa: chown -R ${user.split(' ')[0]} ${dataDir} && chmod -R u+w ${dataDir}, hoặc chạy cổng thông tin bằng người dùng sở hữu thư mục, hoặc đặt XAPHUONG_DATA tới một thư mục ghi được.`,
  );
}

function cannotCreate(dir: string, error: NodeJS.ErrnoException): AppError {
  if (error.code === 'ENOTDIR' || error.code === 'EEXIST') {
    return new AppError(
      'storage_unavailable',
      `Không tạo được thư mục dữ liệu ${dir}: một phần của đường dẫn là tệp, không phải thư mục (${error.code}).\n` +
        'Cách sửa: đặt XAPHUONG_DATA tới một thư mục (sẽ được tạo nếu chưa có), không phải tới một tệp.',
    );
  }
  return new AppError(
    'storage_unavailable',
    `Không tạo được thư mục dữ liệu ${dir} (${error.code}: ${error.message}).\n` +
      `Cách sửa: tạo thư mục cho người dùng chạy cổng thông tin (mkdir -p ${dir} && chown ${processUser().split(' ')[0]} ${dir}), hoặc đặt XAPHUONG_DATA tới một thư mục ghi được.`,
  );
}

/** Writes and removes a file in `dir`: the one proof that this process may create files there. */
function probeWrite(dir: string): void {
  const probe = path.join(dir, `.xaphuong-ghi-thu-${process.pid}`);
  fs.writeFileSync(probe, '', { flag: 'wx' });
  fs.rmSync(probe);
}

/** Every folder below `dir`, which uploads and deletions write to. */
function foldersBelow(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * At start-up: creates the data and media folders and proves this process
 * can write them, every folder below media, and the SQLite files. A backup
 * restored as root and served as another user fails here, with the fix,
 * rather than on every later write.
 */
export function prepareDataFolder(paths: DataPaths): void {
  for (const dir of [paths.dataDir, paths.mediaDir]) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw cannotCreate(dir, error as NodeJS.ErrnoException);
    }
    try {
      probeWrite(dir);
    } catch (error) {
      throw notWritable(dir, paths.dataDir, error as NodeJS.ErrnoException);
    }
  }
  const targets = [...foldersBelow(paths.mediaDir), ...(paths.sqliteFile ? sqliteFiles(paths.sqliteFile) : [])];
  for (const target of targets) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch (error) {
      throw notWritable(target, paths.dataDir, error as NodeJS.ErrnoException);
    }
  }
}

/** The nearest folder at or above `dir` that exists: where a missing folder would be created. */
function existingAncestor(dir: string): string {
  let current = dir;
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

/** For the health check: null when the data folder, media folder and database files can be written; else what cannot. */
export async function dataFolderProblem(paths: DataPaths): Promise<string | null> {
  const targets = [existingAncestor(paths.dataDir), existingAncestor(paths.mediaDir), ...(paths.sqliteFile ? sqliteFiles(paths.sqliteFile) : [])];
  for (const target of new Set(targets)) {
    try {
      await fs.promises.access(target, fs.constants.W_OK);
    } catch (error) {
      return `${target}: ${(error as NodeJS.ErrnoException).code}`;
    }
  }
  return null;
}
