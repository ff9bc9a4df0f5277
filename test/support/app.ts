import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DialectName } from '../../src/db/database.ts';
import { buildApp } from '../../src/http/app.ts';
import type { MediaStorage } from '../../src/services/storage/media-storage.ts';
import { type TestDatabase, openTestDatabase } from './databases.ts';

/** A web app on a fresh database of one dialect, with a private media folder. */
export interface TestApp {
  app: FastifyInstance;
  t: TestDatabase;
  mediaDir: string;
  close(): Promise<void>;
}

/** Builds the real app (no mocks) for inject() tests; media in a private folder, or in the storage given. */
export async function openTestApp(dialect: DialectName, media?: MediaStorage): Promise<TestApp> {
  const t = await openTestDatabase(dialect);
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-media-'));
  const app = await buildApp({ db: t.db, config: { mediaDir, trustProxy: false, logLevel: 'silent' }, ...(media ? { media } : {}) });
  return {
    app,
    t,
    mediaDir,
    close: async () => {
      await app.close();
      await t.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
