import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';
import type { MediaStorage } from '../../src/services/storage/media-storage.ts';
import { S3Storage, type S3Settings } from '../../src/services/storage/s3-storage.ts';

/** Every storage test runs on both: the local folder and an S3 protocol server on loopback. */
export const STORAGES = ['local', 's3'] as const;
export type StorageKind = (typeof STORAGES)[number];

/** A fresh, empty media storage, and what a portal process needs to use it. */
export interface TestStorage {
  kind: StorageKind;
  storage: MediaStorage;
  /** The environment a portal process uses it with (with XAPHUONG_DATA for the folder). */
  env: Record<string, string>;
  /** The folder (local) or the S3 server's files (s3). */
  dir: string;
  /** Another storage on the same server or folder's parent: an empty target for copies and restores. */
  sibling(): Promise<TestStorage>;
  /** Stops the S3 server (s3) as if the storage went away; starts it again on the same port. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  close(): Promise<void>;
}

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** One s3rver on a free loopback port, with its files in a temporary folder. */
async function startS3rver(dir: string, port = 0): Promise<{ server: S3rver; port: number }> {
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: dir });
  const address = await server.run();
  return { server, port: address.port };
}

async function localStorage(): Promise<TestStorage> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-storage-'));
  const dir = path.join(dataDir, 'media');
  fs.mkdirSync(dir);
  return {
    kind: 'local',
    storage: new LocalStorage(dir),
    env: { XAPHUONG_DATA: dataDir },
    dir,
    sibling: () => localStorage(),
    stopServer: async () => {},
    startServer: async () => {},
    close: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function s3Storage(shared?: { server: S3rver; port: number; dir: string; owned: false }): Promise<TestStorage> {
  const dir = shared?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-s3rver-'));
  let running = shared ?? { ...(await startS3rver(dir)), dir, owned: true as const };
  const endpoint = `http://127.0.0.1:${running.port}`;
  const bucket = `xaphuong-${randomBytes(4).toString('hex')}`;
  const admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  admin.destroy();
  const settings: S3Settings = { bucket, prefix: 'cong/', region: 'us-east-1', endpoint, forcePathStyle: true, credentials: CREDENTIALS };
  const storage = new S3Storage(settings);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-s3-data-'));
  return {
    kind: 's3',
    storage,
    env: {
      XAPHUONG_DATA: dataDir,
      XAPHUONG_MEDIA_S3_BUCKET: bucket,
      XAPHUONG_MEDIA_S3_PREFIX: settings.prefix,
      XAPHUONG_MEDIA_S3_ENDPOINT: endpoint,
      XAPHUONG_MEDIA_S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      XAPHUONG_MEDIA_S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    },
    dir,
    sibling: () => s3Storage({ server: running.server, port: running.port, dir, owned: false }),
    stopServer: async () => {
      await running.server.close();
    },
    startServer: async () => {
      running = { ...(await startS3rver(dir, running.port)), dir, owned: running.owned } as typeof running;
    },
    close: async () => {
      await storage.close();
      if (running.owned) {
        await running.server.close().catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens an empty storage of one kind; s3 starts its own s3rver (port 0). */
export function openTestStorage(kind: StorageKind): Promise<TestStorage> {
  return kind === 's3' ? s3Storage() : localStorage();
}
