import { LocalStorage } from './local-storage.ts';
import type { MediaStorage } from './media-storage.ts';
import { S3Storage, type S3Settings } from './s3-storage.ts';

/** Where the configuration puts media. */
export type MediaStorageSettings = { kind: 'local'; dir: string } | ({ kind: 's3' } & S3Settings);

/** Opens the configured storage. */
export function openMediaStorage(settings: MediaStorageSettings): MediaStorage {
  return settings.kind === 's3' ? new S3Storage(settings) : new LocalStorage(settings.dir);
}
