import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../errors.ts';

/** Thrown for wrong command-line use; its message is shown with the usage hint. */
export class UsageError extends Error {}

/** Loads the configuration and opens a migrated database for a command. */
export async function openRuntime(): Promise<{ config: Config; handle: DatabaseHandle }> {
  const config = loadConfig();
  const handle = openDatabase(config);
  await migrateToLatest(handle.db);
  return { config, handle };
}

/** Prints an error for people (no stack for expected errors) and gives the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof ConfigError || error instanceof AppError) {
    console.error(error.message);
    return 1;
  }
  if (error instanceof UsageError) {
    console.error(`${error.message}\nXem hướng dẫn: npx xaphuong help`);
    return 2;
  }
  console.error(error);
  return 1;
}
