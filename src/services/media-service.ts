import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import sharp, { type Metadata } from 'sharp';
import { nowIso } from '../db/database.ts';
import type { Database, MediaRow } from '../db/schema.ts';
import { AppError, validationError } from '../errors.ts';
import { MediaRepository } from '../repositories/media-repository.ts';
import { toNfc } from '../text/vietnamese.ts';

/** Image formats accepted, by what the bytes are, never by the file name. */
const IMAGE_TYPES: Record<string, { mime: string; ext: string }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
};
/** Refuse decompression bombs: more pixels than a 50-megapixel photo. */
const MAX_PIXELS = 50_000_000;

export interface StoreImageInput {
  bytes: Buffer;
  originalName: string;
  alt: string;
  caption?: string;
}

/**
 * Stores an image for a site, checked by content: sharp must decode it as
 * JPEG, PNG, WebP or GIF within the pixel limit. The original bytes are kept
 * untouched under a random key.
 */
export async function storeImage(db: Kysely<Database>, mediaDir: string, siteId: number, input: StoreImageInput): Promise<MediaRow> {
  const alt = toNfc(input.alt.trim());
  if (!alt) throw validationError([{ field: 'alt', message: 'ảnh cần có mô tả thay thế (alt)' }]);
  let meta: Metadata;
  try {
    meta = await sharp(input.bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw validationError([{ field: 'file', message: 'tệp không phải là ảnh đọc được (JPEG, PNG, WebP, GIF)' }]);
  }
  const type = meta.format ? IMAGE_TYPES[meta.format] : undefined;
  if (!type) throw validationError([{ field: 'file', message: `định dạng ảnh "${meta.format ?? 'không rõ'}" không được hỗ trợ` }]);
  const key = `${randomBytes(12).toString('hex')}.${type.ext}`;
  const dir = path.join(mediaDir, String(siteId));
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, key);
  await fs.writeFile(file, input.bytes, { flag: 'wx' });
  try {
    const media = new MediaRepository(db, siteId);
    await media.insert({
      kind: 'image',
      storage_key: key,
      original_name: toNfc(input.originalName).slice(0, 255),
      mime_type: type.mime,
      byte_size: input.bytes.length,
      width: meta.width ?? null,
      height: meta.height ?? null,
      alt,
      caption: toNfc(input.caption?.trim() ?? ''),
      created_at: nowIso(),
    });
    const row = await media.findByKey(key);
    if (!row) throw new AppError('internal');
    return row;
  } catch (error) {
    // No row, no file: a failed insert must not leave an orphan on disk.
    await fs.rm(file, { force: true });
    throw error;
  }
}
