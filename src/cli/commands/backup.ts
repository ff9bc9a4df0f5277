import { AppError } from '../../errors.ts';
import { backupData } from '../../services/backup-service.ts';
import { parseOptions } from '../options.ts';
import { UsageError, openRuntime } from '../runtime.ts';

/** `xaphuong backup DIR`: a consistent copy of the database (SQLite) and the media files. */
export async function backupCommand(args: string[]): Promise<void> {
  const [destination] = parseOptions('backup', args, {}, true).positionals;
  if (!destination) throw new UsageError('Cần thư mục đích: npx xaphuong backup THƯ_MỤC');
  const { config, handle } = await openRuntime();
  try {
    const result = await backupData(handle, config.mediaDir, destination);
    if (result.databaseFile) console.log(`Đã sao lưu cơ sở dữ liệu vào ${result.databaseFile}`);
    console.log(`Đã sao chép tệp media vào ${result.mediaDir}`);
    if (result.note) console.log(result.note);
    const checked = result.checkedFiles.toLocaleString('vi-VN');
    if (result.missingFiles.length === 0) console.log(`Đã kiểm tra: đủ cả ${checked} tệp mà cơ sở dữ liệu ghi nhận.`);
    else {
      const missing = result.missingFiles.map((file) => `  - ${file}`).join('\n');
      throw new AppError(
        'storage_unavailable',
        `Bản sao lưu thiếu ${result.missingFiles.length.toLocaleString('vi-VN')} trong ${checked} tệp mà cơ sở dữ liệu ghi nhận:\n${missing}\nCách sửa: tìm các tệp này trong ${config.mediaDir} rồi chép vào bản sao lưu, hoặc chạy lại lệnh backup.`,
      );
    }
  } finally {
    await handle.close();
  }
}
