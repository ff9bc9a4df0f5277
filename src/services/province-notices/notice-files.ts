import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ProvinceNoticeFileRow } from '../../db/schema/province-notices.ts';
import { AppError, validationError } from '../../errors.ts';
import { ProvinceNoticeRepository } from '../../repositories/province-notice-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { uploadTypeOf } from '../media-service.ts';
import { attachmentNamedRightly } from '../media-types.ts';
import type { MediaStorage } from '../storage/media-storage.ts';

/** Most files one province notice carries. */
export const MAX_NOTICE_FILES = 10;

/** Where a province notice's file is in the media storage: outside every site's folder, since the notice is the province's. */
export const noticeFileStorageKey = (fileKey: string) => `province-notices/${fileKey}`;

/** A file the platform admin attaches: its bytes and the name it was chosen under. */
export interface NoticeUpload {
  bytes: Buffer;
  name: string;
}

/** Files to attach to a notice, and the storage they go to. */
export interface NoticeAttachments {
  storage: MediaStorage;
  uploads: NoticeUpload[];
}

type StoredFile = Omit<ProvinceNoticeFileRow, 'id' | 'notice_id' | 'created_at'>;

/** The type of an upload, checked as the media library checks it; an attachment's name must say what it is, and the error names the file. */
async function checkUpload(upload: NoticeUpload): Promise<{ mime: string; ext: string }> {
  try {
    const { imageType, attachment } = await uploadTypeOf(upload.bytes);
    if (imageType) return imageType;
    if (!attachmentNamedRightly(upload.bytes, upload.name)) {
      throw validationError([{ field: 'file', message: `đuôi tên tệp phải đúng với nội dung của tệp (tệp này là ${attachment!.ext.toUpperCase()})` }]);
    }
    return attachment!;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
    throw validationError(error.fields.map((f) => ({ field: 'files', message: `tệp “${upload.name}”: ${f.message}` })));
  }
}

/**
 * Checks every upload, stores them under random keys, then runs `save` with
 * what their rows list. If a check or the save fails, whatever was stored
 * is removed again: a refused form leaves no file behind.
 */
export async function withStoredNoticeFiles<T>(attach: NoticeAttachments | undefined, save: (files: StoredFile[]) => Promise<T>): Promise<T> {
  if (!attach || attach.uploads.length === 0) return save([]);
  const types = [];
  for (const upload of attach.uploads) types.push(await checkUpload(upload));
  const stored: StoredFile[] = [];
  try {
    for (const [i, upload] of attach.uploads.entries()) {
      const type = types[i]!;
      const fileKey = `${randomBytes(12).toString('hex')}.${type.ext}`;
      await attach.storage.put(noticeFileStorageKey(fileKey), upload.bytes, type.mime);
      stored.push({ file_key: fileKey, original_name: toNfc(path.basename(upload.name)).slice(0, 255), mime_type: type.mime, byte_size: upload.bytes.length });
    }
    return await save(stored);
  } catch (error) {
    await removeNoticeFiles(attach.storage, stored);
    throw error;
  }
}

/**
 * Changes a notice's files in the caller's transaction: removes those asked
 * (their bytes go once it commits: see removeNoticeFiles) and adds the
 * stored ones, within MAX_NOTICE_FILES. Returns the rows removed.
 */
export async function changeNoticeFiles(db: Kysely<Database>, noticeId: number, added: StoredFile[], removeIds: number[]): Promise<ProvinceNoticeFileRow[]> {
  const repo = new ProvinceNoticeRepository(db);
  const removed = await repo.deleteFiles(noticeId, removeIds);
  const kept = (await repo.filesOf(noticeId)).length;
  if (kept + added.length > MAX_NOTICE_FILES) {
    throw validationError([{ field: 'files', message: `mỗi thông báo có tối đa ${MAX_NOTICE_FILES} tệp đính kèm; đã có ${kept} tệp` }]);
  }
  const now = nowIso();
  await repo.insertFiles(added.map((f) => ({ ...f, notice_id: noticeId, created_at: now })));
  return removed;
}

/** Removes files' bytes from the storage; a file already gone is not an error. */
export async function removeNoticeFiles(storage: MediaStorage | undefined, files: Array<Pick<ProvinceNoticeFileRow, 'file_key'>>): Promise<void> {
  if (!storage) return;
  await Promise.all(files.map((f) => storage.delete(noticeFileStorageKey(f.file_key)).catch(() => undefined)));
}
