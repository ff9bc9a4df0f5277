import type { Readable } from 'node:stream';
import { AppError } from '../../errors.ts';

/**
 * Where media files live: a site's uploads and their variants under
 * `<site id>/<key>`, residents' private files under `private/…`. Every
 * write, read, serve, delete and check of those files goes through this.
 */
export interface MediaStorage {
  /** How the operator recognises it in messages: a folder path or s3://bucket/prefix. */
  readonly description: string;
  /** Stores bytes under a key; resolves only once they are stored. */
  put(key: string, bytes: Buffer, contentType?: string): Promise<void>;
  /** Stores a local file under a key (large imports are first written to a temporary file). */
  putFile(key: string, file: string, contentType?: string): Promise<void>;
  /** The bytes under a key, or null when there are none. */
  read(key: string): Promise<Buffer | null>;
  /** A stream of the bytes under a key and their size, or null when there are none. */
  open(key: string): Promise<{ body: Readable; size: number } | null>;
  exists(key: string): Promise<boolean>;
  /** Removes a key; a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Removes every key below a prefix ending in "/". */
  deleteBelow(prefix: string): Promise<void>;
  /** Copies one key to another; false when the source is missing. */
  copy(from: string, to: string): Promise<boolean>;
  /** Every key below a prefix ("" for all), with its size. */
  list(prefix: string): AsyncIterable<{ key: string; size: number }>;
  /** Runs fn with a local file holding the key's bytes (readers that need a path: spreadsheets, archives). */
  withLocalFile<T>(key: string, fn: (file: string) => Promise<T>): Promise<T>;
  /** Null when a probe can be written and removed; otherwise what failed, for /readyz and the logs. */
  problem(): Promise<string | null>;
  close(): Promise<void>;
}

const KEY = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Refuses keys that could leave the storage's root ("..", absolute paths, odd characters). */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').includes('..')) throw new AppError('media_not_found');
  return key;
}

/** The key of a site's public media file. */
export function siteKey(siteId: number, key: string): string {
  return `${siteId}/${key}`;
}
