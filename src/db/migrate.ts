import { type Kysely, type Migration, type MigrationResult, Migrator } from 'kysely';
import { MIGRATIONS } from './migrations/index.ts';

/** Brings a database to the latest schema. Returns the migrations it ran. */
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration> = MIGRATIONS): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Work is numbered in ranges and lands out of order, so a database that already ran a later number still gets an earlier one that landed after it.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'không rõ';
    throw new Error(`Chuyển đổi cơ sở dữ liệu thất bại ở bước ${failed}: ${String(error)}`, { cause: error });
  }
  return results ?? [];
}
