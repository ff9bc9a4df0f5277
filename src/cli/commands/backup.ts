import { loadConfig } from '../../config/config.ts';
import { AppError } from '../../errors.ts';
import { backupData } from '../../services/backup/backup-service.ts';
import { restoreData } from '../../services/backup/restore-service.ts';
import { dataPathsOf, prepareDataFolder } from '../../services/data-folder.ts';
import { openMediaStorage } from '../../services/storage/open-storage.ts';
import { parseOptions } from '../options.ts';
import { UsageError, openRuntime } from '../runtime.ts';

const count = (n: number) => n.toLocaleString('vi-VN');

/** `xaphuong backup DIR`: the database (SQLite snapshot or pg_dump) and every media file, from the folder or the bucket. */
export async function backupCommand(args: string[]): Promise<void> {
  const [destination] = parseOptions('backup', args, {}, true).positionals;
  if (!destination) throw new UsageError('Cần thư mục đích: npx xaphuong backup THƯ_MỤC');
  const { config, handle, media } = await openRuntime();
  try {
    const url = config.database.kind === 'postgres' ? config.database.url : null;
    const result = await backupData(handle, url, media, destination);
    console.log(`Đã sao lưu cơ sở dữ liệu vào ${result.databaseFile}`);
    console.log(`Đã sao chép ${count(result.mediaFiles)} tệp từ ${media.description} vào ${result.mediaDir}`);
    if (result.missingFiles.length === 0) console.log(`Đã kiểm tra: đủ cả ${count(result.checkedFiles)} tệp mà cơ sở dữ liệu ghi nhận.`);
    else {
      const missing = result.missingFiles.map((file) => `  - ${file}`).join('\n');
      throw new AppError(
        'storage_unavailable',
        `Bản sao lưu thiếu ${count(result.missingFiles.length)} trong ${count(result.checkedFiles)} tệp mà cơ sở dữ liệu ghi nhận:\n${missing}\nCách sửa: tìm các tệp này trong ${media.description} rồi chạy lại lệnh backup vào một thư mục mới. Bản này không khôi phục được.`,
      );
    }
  } finally {
    await media.close();
    await handle.close();
  }
}

/** `xaphuong restore DIR [--force]`: a backup back into the configured database and media storage, with the portal stopped. */
export async function restoreCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseOptions('restore', args, { force: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('Cách dùng: npx xaphuong restore THƯ_MỤC_SAO_LƯU [--force]');
  const config = loadConfig();
  prepareDataFolder(dataPathsOf(config));
  const media = openMediaStorage(config.mediaStorage);
  try {
    const result = await restoreData(config, media, positionals[0]!, { force: values.force === true });
    console.log(`Đã khôi phục cơ sở dữ liệu từ bản sao lưu ngày ${result.manifest.createdAt} và ${count(result.mediaFiles)} tệp vào ${media.description}.`);
  } finally {
    await media.close();
  }
}
