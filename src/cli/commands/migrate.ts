import { openRuntime } from '../runtime.ts';

/** `xaphuong migrate`: brings the database to the latest schema. */
export async function migrateCommand(): Promise<void> {
  const { handle } = await openRuntime();
  console.log('Cơ sở dữ liệu đã ở phiên bản mới nhất.');
  await handle.close();
}
