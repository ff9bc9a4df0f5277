import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AppError } from '../../errors.ts';
import { checkKey, type MediaStorage } from './media-storage.ts';

/** An S3-compatible bucket (AWS, MinIO, Ceph RGW), as XAPHUONG_MEDIA_S3_* configure it. */
export interface S3Settings {
  bucket: string;
  /** Keys start with this ("" or ending in "/"), so one bucket can hold several installations. */
  prefix: string;
  region: string;
  endpoint: string | null;
  /** Bucket in the path, not the host name: what MinIO and Ceph RGW need. */
  forcePathStyle: boolean;
  /** Null: the SDK's own chain (AWS_ACCESS_KEY_ID…, AWS_PROFILE, instance roles). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
}

// Node 20 is this project's runtime; the SDK's notice about Node 22 would otherwise open every log.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

function isMissing(error: unknown): boolean {
  const e = error as SdkError;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** Media in an S3-compatible bucket: what several nodes share. */
export class S3Storage implements MediaStorage {
  readonly description: string;
  private readonly client: S3Client;
  constructor(private readonly settings: S3Settings) {
    this.description = `s3://${settings.bucket}/${settings.prefix}`;
    this.client = new S3Client({
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      maxAttempts: 3,
      // Checksums only where S3 requires them: the default's chunked uploads with trailers are not understood by every S3-compatible server.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string): string {
    return this.settings.prefix + checkKey(key);
  }

  /** Runs one request; a storage that cannot be reached becomes storage_unavailable (503), with the SDK's words in the log. */
  private async send<T>(run: () => Promise<T>, missing?: () => T): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (missing && isMissing(error)) return missing();
      const e = error as SdkError;
      throw new AppError('storage_unavailable', `Kho lưu trữ ${this.description} không trả lời đúng (${e?.name ?? ''}: ${e?.message ?? String(error)}).`);
    }
  }

  async put(key: string, bytes: Buffer, contentType?: string): Promise<void> {
    const Key = this.objectKey(key);
    await this.send(() => this.client.send(new PutObjectCommand({ Bucket: this.settings.bucket, Key, Body: bytes, ContentType: contentType })));
  }

  async putFile(key: string, file: string, contentType?: string): Promise<void> {
    const Key = this.objectKey(key);
    const size = (await fs.promises.stat(file)).size;
    await this.send(() =>
      this.client.send(
        new PutObjectCommand({ Bucket: this.settings.bucket, Key, Body: fs.createReadStream(file), ContentLength: size, ContentType: contentType }),
      ),
    );
  }

  async read(key: string): Promise<Buffer | null> {
    const found = await this.open(key);
    if (!found) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of found.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async open(key: string): Promise<{ body: Readable; size: number } | null> {
    const Key = this.objectKey(key);
    const object = await this.send(
      () => this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key })),
      () => null,
    );
    return object?.Body ? { body: object.Body as Readable, size: object.ContentLength ?? 0 } : null;
  }

  async exists(key: string): Promise<boolean> {
    const Key = this.objectKey(key);
    return this.send(
      () => this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key })).then(() => true),
      () => false,
    );
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key);
    await this.send(() => this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key })));
  }

  async deleteBelow(prefix: string): Promise<void> {
    let batch: string[] = [];
    const flush = async () => {
      const Objects = batch.map((key) => ({ Key: this.objectKey(key) }));
      batch = [];
      if (Objects.length) await this.send(() => this.client.send(new DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects, Quiet: true } })));
    };
    for await (const { key } of this.list(prefix)) {
      batch.push(key);
      if (batch.length === 1000) await flush();
    }
    await flush();
  }

  async copy(from: string, to: string): Promise<boolean> {
    const source = `${this.settings.bucket}/${this.objectKey(from).split('/').map(encodeURIComponent).join('/')}`;
    const Key = this.objectKey(to);
    return this.send(
      () => this.client.send(new CopyObjectCommand({ Bucket: this.settings.bucket, Key, CopySource: source })).then(() => true),
      () => false,
    );
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number }> {
    let ContinuationToken: string | undefined;
    const Prefix = this.settings.prefix + prefix;
    do {
      const page = await this.send(() => this.client.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix, ContinuationToken })));
      for (const object of page.Contents ?? []) {
        if (object.Key) yield { key: object.Key.slice(this.settings.prefix.length), size: object.Size ?? 0 };
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  async withLocalFile<T>(key: string, fn: (file: string) => Promise<T>): Promise<T> {
    const found = await this.open(key);
    if (!found) throw new AppError('media_not_found');
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'xaphuong-s3-'));
    const file = path.join(dir, path.basename(key));
    try {
      await pipeline(found.body, fs.createWriteStream(file));
      return await fn(file);
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  }

  async problem(): Promise<string | null> {
    // A key no upload can have (keys never start with a dot), written and removed as a node's writes would be.
    const Key = `${this.settings.prefix}.probe/${randomBytes(6).toString('hex')}`;
    try {
      await this.send(() => this.client.send(new PutObjectCommand({ Bucket: this.settings.bucket, Key, Body: Buffer.alloc(0) })));
      await this.send(() => this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key })));
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
