import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import sharp, { type Metadata } from 'sharp';
import { inTransaction, nowIso } from '../db/database.ts';
import type { Database, MediaRow } from '../db/schema.ts';
import { AppError, validationError } from '../errors.ts';
import { MediaRepository } from '../repositories/media-repository.ts';
import { toNfc } from '../text/vietnamese.ts';
import { type AuditWho, recordAudit } from './audit-service.ts';
import { type AttachmentType, detectAttachment } from './media-types.ts';
import { type MediaStorage, siteKey } from './storage/media-storage.ts';

/** Image formats accepted, by what the bytes are, never by the file name. */
const IMAGE_TYPES: Record<string, { mime: string; ext: string }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
};
/** Refuse decompression bombs: more pixels than a 50-megapixel photo. */
export const MAX_PIXELS = 50_000_000;
const SVG_REFUSED = 'không nhận ảnh SVG vì có thể chứa mã chạy được; hãy dùng PNG hoặc JPEG';
/** WebP widths made at upload, for srcset on phones and desktops. */
export const VARIANT_WIDTHS = [480, 960, 1600];

export interface UploadInput {
  bytes: Buffer;
  originalName: string;
  alt?: string;
  caption?: string;
  title?: string;
}

/** A WebP variant of an image. */
export interface Variant {
  width: number;
  key: string;
}

/** The variants a media row lists. */
export function variantsOf(media: Pick<MediaRow, 'variants'>): Variant[] {
  try {
    return JSON.parse(media.variants) as Variant[];
  } catch {
    return [];
  }
}

async function imageMetadata(bytes: Buffer): Promise<Metadata | null> {
  try {
    return await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch (error) {
    if (/pixel limit/i.test(String(error))) throw validationError([{ field: 'file', message: 'ảnh quá lớn (vượt 50 triệu điểm ảnh)' }]);
    return null;
  }
}

async function makeVariants(bytes: Buffer, base: string, width: number, store: (key: string, bytes: Buffer) => Promise<void>): Promise<Variant[]> {
  const widths = VARIANT_WIDTHS.filter((w) => w < width);
  if (widths.length === 0) widths.push(width);
  const variants: Variant[] = [];
  for (const w of widths) {
    const key = `${base}-${w}.webp`;
    const webp = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).rotate().resize({ width: w, withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
    await store(key, webp);
    variants.push({ width: w, key });
  }
  return variants;
}

/**
 * The size of an image the media library would take, read from its bytes;
 * null for anything that is not one (attachments included). SVG and
 * decompression bombs fail as storeUpload fails them.
 */
export async function inspectImage(bytes: Buffer): Promise<{ width: number; height: number } | null> {
  const meta = await imageMetadata(bytes);
  if (meta?.format === 'svg') throw validationError([{ field: 'file', message: SVG_REFUSED }]);
  return meta?.format && IMAGE_TYPES[meta.format] ? { width: meta.width ?? 0, height: meta.height ?? 0 } : null;
}

/**
 * What an upload is, by its bytes: an image sharp decodes (JPEG, PNG, WebP,
 * GIF, within the pixel limit) or a PDF, DOCX, XLSX or ODT attachment.
 * Empty files, SVG and everything else fail with a field error on "file".
 */
export async function uploadTypeOf(
  bytes: Buffer,
): Promise<{ meta: Metadata | null; imageType: { mime: string; ext: string } | undefined; attachment: AttachmentType | null }> {
  if (bytes.length === 0) throw validationError([{ field: 'file', message: 'tệp trống' }]);
  const meta = await imageMetadata(bytes);
  if (meta?.format === 'svg') throw validationError([{ field: 'file', message: SVG_REFUSED }]);
  const imageType = meta?.format ? IMAGE_TYPES[meta.format] : undefined;
  const attachment = imageType ? null : detectAttachment(bytes);
  if (!imageType && !attachment) {
    throw validationError([{ field: 'file', message: 'loại tệp không được chấp nhận (nhận ảnh JPEG, PNG, WebP, GIF và tệp PDF, DOCX, XLSX, ODT)' }]);
  }
  return { meta, imageType, attachment };
}

/**
 * Stores an upload for a site, checked by its bytes: images that sharp
 * decodes (JPEG, PNG, WebP, GIF, within the pixel limit) get WebP variants
 * and need alt text; PDF, DOCX, XLSX and ODT are kept as attachments with a
 * title. SVG and everything else is refused. The original is kept untouched.
 * The files and the row are written together or not at all.
 */
export async function storeUpload(
  db: Kysely<Database>,
  storage: MediaStorage,
  siteId: number,
  input: UploadInput,
  who: AuditWho | null = null,
): Promise<MediaRow> {
  const { meta, imageType, attachment } = await uploadTypeOf(input.bytes);
  const alt = toNfc(input.alt?.trim() ?? '');
  if (imageType && !alt) throw validationError([{ field: 'alt', message: 'ảnh cần có mô tả (cho người khiếm thị)' }]);
  const originalName = toNfc(path.basename(input.originalName || 'tep')).slice(0, 255);
  const title = toNfc(input.title?.trim() || originalName.replace(/\.[^.]+$/, ''));

  const base = randomBytes(12).toString('hex');
  const ext = imageType?.ext ?? attachment!.ext;
  const key = `${base}.${ext}`;
  const written: string[] = [];
  const store = async (name: string, bytes: Buffer, mime: string) => {
    written.push(siteKey(siteId, name));
    await storage.put(siteKey(siteId, name), bytes, mime);
  };
  try {
    // Variants are made here, once, before the row exists: no node ever makes them later.
    await store(key, input.bytes, imageType?.mime ?? attachment!.mime);
    const variants = imageType ? await makeVariants(input.bytes, base, meta!.width ?? 0, (name, webp) => store(name, webp, 'image/webp')) : [];
    return await inTransaction(db, async (trx) => {
      const media = new MediaRepository(trx, siteId);
      await media.insert({
        kind: imageType ? 'image' : 'file',
        storage_key: key,
        original_name: originalName,
        mime_type: imageType?.mime ?? attachment!.mime,
        byte_size: input.bytes.length,
        width: meta?.width ?? null,
        height: meta?.height ?? null,
        alt,
        caption: toNfc(input.caption?.trim() ?? ''),
        title,
        variants: JSON.stringify(variants),
        uploaded_by: who && 'userId' in who ? who.userId : null,
        created_at: nowIso(),
      });
      const row = await media.findByKey(key);
      if (!row) throw new AppError('internal');
      if (who) await recordAudit(trx, who, { action: 'media.uploaded', targetType: 'media', targetId: row.id, summary: `${originalName} (${row.mime_type})` });
      return row;
    });
  } catch (error) {
    // No row, no files: a failed upload must not leave orphans in the storage.
    await Promise.all(written.map((file) => storage.delete(file).catch(() => undefined)));
    throw error;
  }
}

/** Stores an image (alt text required); kept for the demo seed and imports. */
export function storeImage(db: Kysely<Database>, storage: MediaStorage, siteId: number, input: UploadInput & { alt: string }): Promise<MediaRow> {
  return storeUpload(db, storage, siteId, input);
}

/** Changes an item's alt text, caption or title; an image keeps a non-empty alt. Audited. */
export async function updateMediaInfo(
  db: Kysely<Database>,
  siteId: number,
  id: number,
  changes: { alt?: string | undefined; caption?: string | undefined; title?: string | undefined },
  who: AuditWho,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const repo = new MediaRepository(trx, siteId);
    const [media] = await repo.findByIds([id]);
    if (!media) throw new AppError('media_not_found');
    const clean = Object.fromEntries(
      Object.entries(changes)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toNfc((v as string).trim())]),
    );
    if (Object.keys(clean).length === 0)
      throw validationError([{ field: `${media.kind === 'image' ? 'alt' : 'title'}-${id}`, message: 'không có thông tin nào để lưu' }]);
    if (media.kind === 'image' && clean.alt === '') throw validationError([{ field: `alt-${id}`, message: 'ảnh cần có mô tả (cho người khiếm thị)' }]);
    await repo.update(id, clean);
    await recordAudit(trx, who, { action: 'media.updated', targetType: 'media', targetId: id, summary: media.original_name });
  });
}

/** The newest library items, of a kind or matching a search: the library page, and the pickers of the newsroom's forms. */
export async function libraryItems(
  db: Kysely<Database>,
  siteId: number,
  options: { kind?: 'image' | 'file'; search?: string; limit: number },
): Promise<MediaRow[]> {
  return new MediaRepository(db, siteId).list(options);
}

/** WebP variants are named after their original: <base>-<width>.webp. */
const VARIANT_KEY = /^([a-f0-9]{24})-\d+\.webp$/;

/** The library item a public file key names (an upload, or one of an image's WebP variants), or undefined when none is served under it. */
export async function mediaForKey(db: Kysely<Database>, siteId: number, key: string): Promise<{ media: MediaRow; variant: boolean } | undefined> {
  const repo = new MediaRepository(db, siteId);
  const variant = VARIANT_KEY.exec(key);
  const media = variant ? await repo.findByVariantBase(variant[1]!) : await repo.findByKey(key);
  if (!media || media.deleted_at || (variant && !variantsOf(media).some((v) => v.key === key))) return undefined;
  return { media, variant: variant !== null };
}
