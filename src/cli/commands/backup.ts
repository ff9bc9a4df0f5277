import { backupData } from '../../services/backup-service.ts';
import { UsageError, openRuntime } from '../runtime.ts';

/** `xaphuong backup DIR`: a consistent copy of the database (SQLite) and the media files. */
export async function backupCommand(args: string[]): Promise<void> {
  const [destination] = args;
  if (!destination) throw new UsageError('Cần thư mục đích: npx xaphuong backup THƯ_MỤC');
  const { config, handle } = await openRuntime();
  try {
    const result = await backupData(handle, config.mediaDir, destination);
    if (result.databaseFile) console.log(`Đã sao lưu cơ sở dữ liệu vào ${result.databaseFile}`);
    console.log(`Đã sao chép tệp media vào ${result.mediaDir}`);
    if (result.note) console.log(result.note);
  } finally {
    await handle.close();
  }
}
