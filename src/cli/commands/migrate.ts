import { parseOptions } from '../options.ts';
import { openRuntime } from '../runtime.ts';

/** `xaphuong migrate`: brings the database to the latest schema. */
export async function migrateCommand(args: string[]): Promise<void> {
  parseOptions('migrate', args, {});
  const { handle } = await openRuntime();
  console.log('Cơ sở dữ liệu đã ở phiên bản mới nhất.');
  await handle.close();
}
