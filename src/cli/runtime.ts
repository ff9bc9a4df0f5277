import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { storageFailure } from '../db/failures.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { withStartupLock } from '../db/startup-lock.ts';
import { AppError } from '../errors.ts';
import { dataPathsOf, prepareDataFolder } from '../services/data-folder.ts';
import type { MediaStorage } from '../services/storage/media-storage.ts';
import { openMediaStorage } from '../services/storage/open-storage.ts';

/** Thrown for wrong command-line use; its message is shown with the usage hint. */
export class UsageError extends Error {}

/** Thrown when the portal cannot start for a reason the operator must fix; its message names the problem and the fix. */
export class StartupError extends Error {}

/** Told once when another node is migrating: this one waits for it. */
export function waitingForOtherNode(): void {
  console.log('Một tiến trình khác đang chuẩn bị cơ sở dữ liệu (chuyển đổi, dữ liệu mẫu); đang chờ…');
}

/**
 * Loads the configuration, checks the data folder can be written, and
 * opens a migrated database for a command; when several nodes start at
 * once, one migrates and the others wait for it.
 */
export async function openRuntime(): Promise<{ config: Config; handle: DatabaseHandle; media: MediaStorage }> {
  const config = loadConfig();
  prepareDataFolder(dataPathsOf(config));
  const handle = openDatabase(config);
  try {
    await withStartupLock(config, handle, () => migrateToLatest(handle.db), waitingForOtherNode);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return { config, handle, media: openMediaStorage(config.mediaStorage) };
}

/** The operator's message for a failure to listen on the configured port: in use, not allowed, or an address not on this machine. */
export function listenFailure(error: unknown, config: Pick<Config, 'port' | 'host'>): StartupError | null {
  const code = (error as { code?: string }).code;
  const where = `cổng ${config.port} (HOST ${config.host})`;
  if (code === 'EADDRINUSE')
    return new StartupError(
      `Không mở được ${where}: một chương trình khác đang dùng cổng này (EADDRINUSE).\n` +
        `Cách sửa: dừng chương trình ấy (xem bằng: ss -ltnp 'sport = :${config.port}'), hoặc đặt PORT sang một cổng còn trống.`,
    );
  if (code === 'EACCES')
    return new StartupError(
      `Không được phép mở ${where} (EACCES): cổng dưới 1024 cần quyền quản trị.\n` +
        'Cách sửa: đặt PORT từ 1024 trở lên và để reverse proxy (nginx) nhận cổng 80/443.',
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new StartupError(`Không mở được ${where}: máy này không có địa chỉ ${config.host} (${code}).\nCách sửa: đặt HOST=0.0.0.0 hoặc một địa chỉ của máy.`);
  return null;
}

/**
 * Prints an error for people and gives the exit code: the problem and its
 * fix for what an operator can set right (configuration, usage, the
 * database or data folder), and a stack only for what nobody expected.
 */
export function reportError(error: unknown): number {
  if (error instanceof ConfigError || error instanceof AppError || error instanceof StartupError) {
    console.error(error.message);
    return 1;
  }
  if (error instanceof UsageError) {
    console.error(`${error.message}\nXem hướng dẫn: npx xaphuong help`);
    return 2;
  }
  const failure = storageFailure(error);
  if (failure) {
    console.error(`${failure.problem}\nCách sửa: ${failure.fix}`);
    return 1;
  }
  console.error(error);
  return 1;
}
