import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { type Actor, can } from '../permissions.ts';
import type { MediaStorage } from '../storage/media-storage.ts';

/**
 * Files residents send with a question are private: they may carry ID cards,
 * land papers, photos of a home. They are kept outside the media library, in
 * `private/questions/<site>/` of the media storage, which no public route
 * serves (the public `/media/:key` route only reads `<site id>/` and only keys
 * the media table lists). Staff who answer questions download them through the
 * newsroom.
 */

/** Largest number of files with one question. */
export const MAX_ATTACHMENTS = 2;

/** What a question's `attachments` JSON lists for each file. */
export interface QuestionAttachment {
  key: string;
  name: string;
  mime: string;
  size: number;
  /** Only in files sent before attachments were private: the media row they were stored as. */
  mediaId?: number;
}

/** A file sent with the question: its bytes and the name the resident gave it. */
export interface QuestionFile {
  bytes: Buffer;
  name: string;
}

const KINDS = { pdf: { mime: 'application/pdf', ext: 'pdf' }, jpeg: { mime: 'image/jpeg', ext: 'jpg' }, png: { mime: 'image/png', ext: 'png' } } as const;

/** PDF, JPEG or PNG, told by the first bytes, never by the name; null for anything else. */
export function attachmentKind(bytes: Buffer): keyof typeof KINDS | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  return null;
}

/** Which public form's private files: questions', or comments on drafts'. */
export type PrivateFolder = 'questions' | 'consultations';

/** The storage key of a site's private question file (or another public form's). */
export function privateKeyOf(siteId: number, key: string, folder: PrivateFolder = 'questions'): string {
  return `private/${folder}/${siteId}/${key}`;
}

/** Fails with a field error unless there are at most 2 files, each a PDF, JPEG or PNG by its bytes. */
export function checkAttachments(files: QuestionFile[], storage: MediaStorage | undefined): void {
  if (files.length > MAX_ATTACHMENTS) throw validationError([{ field: 'files', message: `chỉ gửi được tối đa ${MAX_ATTACHMENTS} tệp` }]);
  if (files.length && !storage) throw validationError([{ field: 'files', message: 'cổng này chưa nhận tệp đính kèm' }]);
  for (const file of files) {
    if (file.bytes.length === 0) throw validationError([{ field: 'files', message: `tệp “${file.name}” trống` }]);
    if (!attachmentKind(file.bytes)) throw validationError([{ field: 'files', message: `tệp “${file.name}” không phải PDF, JPEG hoặc PNG` }]);
  }
}

/**
 * Writes checked files into the site's private folder under random names and
 * returns what the question row lists. The caller removes them with
 * `discardAttachments` if the question is not stored after all.
 */
export async function storeAttachments(
  storage: MediaStorage,
  siteId: number,
  files: QuestionFile[],
  folder: PrivateFolder = 'questions',
): Promise<QuestionAttachment[]> {
  const stored: QuestionAttachment[] = [];
  try {
    for (const file of files) {
      const kind = KINDS[attachmentKind(file.bytes)!];
      const key = `${randomBytes(16).toString('hex')}.${kind.ext}`;
      await storage.put(privateKeyOf(siteId, key, folder), file.bytes, kind.mime);
      stored.push({ key, name: toNfc(path.basename(file.name || 'tep')).slice(0, 255), mime: kind.mime, size: file.bytes.length });
    }
  } catch (error) {
    await discardAttachments(storage, siteId, stored, folder);
    throw error;
  }
  return stored;
}

/** Removes stored files again (a question that failed to save must not leave files behind). */
export async function discardAttachments(
  storage: MediaStorage,
  siteId: number,
  stored: QuestionAttachment[],
  folder: PrivateFolder = 'questions',
): Promise<void> {
  await Promise.all(stored.map((f) => storage.delete(privateKeyOf(siteId, f.key, folder))));
}

/** The files a question row lists; a damaged list reads as none. */
export function attachmentsOf(row: { attachments: string }): QuestionAttachment[] {
  try {
    const list = JSON.parse(row.attachments) as unknown;
    return Array.isArray(list) ? (list as QuestionAttachment[]) : [];
  } catch {
    return [];
  }
}

/** A file ready to send to a member of staff. */
export interface AttachmentDownload {
  /** Its key in the media storage. */
  key: string;
  name: string;
  mime: string;
}

/**
 * One attachment of one question of the actor's site, for staff who answer
 * questions (question.answer). not_found for another site's question, an
 * unknown number or a file missing on disk.
 */
export async function openAttachment(
  db: Kysely<Database>,
  actor: Actor,
  storage: MediaStorage,
  questionId: number,
  index: number,
): Promise<AttachmentDownload> {
  if (!can(actor, 'question.answer')) throw new AppError('forbidden');
  const row = await new QuestionRepository(db, actor.siteId).findById(questionId);
  const entry = row ? attachmentsOf(row)[index] : undefined;
  if (!entry || !/^[\w.-]+$/.test(entry.key)) throw new AppError('media_not_found');
  // Files sent before attachments were private still sit in the media folder.
  const key = entry.mediaId === undefined ? privateKeyOf(actor.siteId, entry.key) : `${actor.siteId}/${entry.key}`;
  if (!(await storage.exists(key))) throw new AppError('media_not_found');
  const mime =
    entry.mime ??
    (entry.key.endsWith('.pdf')
      ? 'application/pdf'
      : entry.key.endsWith('.png')
        ? 'image/png'
        : entry.key.endsWith('.jpg')
          ? 'image/jpeg'
          : 'application/octet-stream');
  return { key, name: entry.name, mime };
}
