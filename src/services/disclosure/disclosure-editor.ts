import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { DisclosureEntryRow } from '../../db/schema/disclosure.ts';
import { AppError, validationError } from '../../errors.ts';
import { DisclosureRepository } from '../../repositories/disclosure-repository.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { sanitizeBodyHtml } from '../../text/sanitize.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import { storeUpload } from '../media-service.ts';
import { attachmentNamedRightly } from '../media-types.ts';
import { optionalDay, requiredDay } from '../documents/document-editor.ts';
import type { Actor } from '../permissions.ts';
import { saveWithRevision } from '../review/saves.ts';
import { parseInput } from '../validation.ts';
import { disclosureChanged } from './disclosure-index.ts';
import { entrySlug } from './disclosure-paths.ts';
import { disclosureReview } from './disclosure-review.ts';
import type { MediaStorage } from '../storage/media-storage.ts';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`).transform(toNfc);
const required = (max: number) => text(max).pipe(z.string().min(1, 'không được để trống'));
// A form sends one value as a string and several as an array; none at all when nothing is ticked.
const idList = (max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((v) => (Array.isArray(v) ? v : [v]).filter((s) => s !== ''))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^[1-9]\d{0,9}$/, 'lựa chọn không hợp lệ')
            .transform(Number),
        )
        .max(max, `tối đa ${max} mục`),
    );

/** The disclosure form as posted: field names are the form's, so errors land beside their inputs. */
export const DisclosureFormSchema = z
  .object({
    item_id: z
      .string({ message: 'chọn một mục công khai' })
      .regex(/^[1-9]\d{0,9}$/, 'chọn một mục công khai')
      .transform(Number),
    title: required(300),
    period: required(120),
    year: z.coerce.number({ message: 'năm phải là số' }).int('năm phải là số nguyên').min(1990, 'năm không hợp lệ').max(2100, 'năm không hợp lệ'),
    body_html: z.string().max(500_000, 'nội dung quá dài').default(''),
    starts_on: requiredDay,
    ends_on: optionalDay,
    media_ids: idList(20),
    document_ids: idList(20),
  })
  .superRefine((form, ctx) => {
    if (form.ends_on && form.ends_on < form.starts_on) {
      ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'ngày kết thúc công khai không được trước ngày bắt đầu' });
    }
  });
export type DisclosureForm = z.output<typeof DisclosureFormSchema>;

/** Parses a posted disclosure form; throws validation_failed with `field: message` errors. */
export function parseDisclosureForm(input: unknown): DisclosureForm {
  return parseInput(DisclosureFormSchema, input);
}

const who = (actor: Actor) => ({ userId: actor.userId, email: actor.email, siteId: actor.siteId, ip: actor.ip });

/** An entry of the actor's site, or not_found; never another site's. */
export async function loadDisclosure(db: Kysely<Database>, actor: Actor, id: number): Promise<DisclosureEntryRow> {
  const entry = await new DisclosureRepository(db, actor.siteId).findById(id);
  if (!entry) throw new AppError('not_found', 'Không tìm thấy nội dung công khai.');
  return entry;
}

/** Checks the chosen item, files and documents are this site's: a visible item, library files, documents of the database. */
async function checkChoices(trx: Kysely<Database>, actor: Actor, form: DisclosureForm, existing: DisclosureEntryRow | null): Promise<void> {
  const item = await new DisclosureRepository(trx, actor.siteId).itemById(form.item_id);
  // An entry may stay under an item hidden since; a new choice must be visible.
  if (!item || (item.hidden === 1 && existing?.item_id !== item.id))
    throw validationError([{ field: 'item_id', message: 'chọn một mục công khai trong danh sách' }]);
  const mediaIds = [...new Set(form.media_ids)];
  const files = await new MediaRepository(trx, actor.siteId).findByIds(mediaIds);
  if (files.length !== mediaIds.length || files.some((f) => f.kind !== 'file' || f.deleted_at)) {
    throw validationError([{ field: 'media_ids', message: 'chỉ chọn được tệp trong thư viện của cổng' }]);
  }
  const documents = new DocumentRepository(trx, actor.siteId);
  for (const id of new Set(form.document_ids)) {
    if (!(await documents.findById(id))) throw validationError([{ field: 'document_ids', message: 'chỉ chọn được văn bản của cổng' }]);
  }
}

/**
 * Creates (id null) or updates a disclosure entry with its files and
 * documents, in one transaction: a new revision, audited, re-indexed and its
 * pages marked stale. A new entry is a draft; publishing goes through review.
 */
export async function saveDisclosure(db: Kysely<Database>, actor: Actor, id: number | null, form: DisclosureForm): Promise<{ id: number }> {
  return inTransaction(db, async (trx) => {
    const repo = new DisclosureRepository(trx, actor.siteId);
    const existing = id === null ? null : await loadDisclosure(trx, actor, id);
    const { result } = await saveWithRevision(trx, actor, disclosureReview, existing ? [existing.id] : [], async () => {
      await checkChoices(trx, actor, form, existing);
      const now = nowIso();
      const values = {
        item_id: form.item_id,
        slug: entrySlug(form.title),
        title: form.title,
        period: form.period,
        year: form.year,
        body_html: sanitizeBodyHtml(form.body_html),
        starts_on: form.starts_on,
        ends_on: form.ends_on,
        updated_by: actor.userId,
        updated_at: now,
      };
      let entryId: number;
      if (existing) {
        entryId = existing.id;
        await repo.update(entryId, values);
      } else {
        entryId = await repo.insert({ ...values, status: 'draft', published_at: null, created_by: actor.userId, created_at: now });
      }
      await repo.setAttachments(entryId, [...new Set(form.media_ids)], [...new Set(form.document_ids)]);
      // The store reads the snapshot back from the rows just written.
      return { result: entryId, saved: [{ key: String(entryId), title: form.title }] };
    });
    await recordAudit(trx, who(actor), {
      action: existing ? 'disclosure.updated' : 'disclosure.created',
      targetType: 'disclosure',
      targetId: result,
      summary: form.title,
    });
    await disclosureChanged(trx, actor.siteId, result);
    return { id: result };
  });
}

/** An upload to attach to an entry, as the newsroom's form sent it. */
export interface DisclosureUpload {
  bytes: Buffer;
  originalName: string;
  title: string;
}

/**
 * Stores an uploaded file in the media library (checked by its bytes: a PDF,
 * DOCX, XLSX or ODT whose name says what it is) and attaches it to the entry
 * after its other files, as one save of the entry: nothing is stored when any
 * check fails.
 */
export async function attachDisclosureUpload(db: Kysely<Database>, storage: MediaStorage, actor: Actor, id: number, upload: DisclosureUpload): Promise<void> {
  if (!attachmentNamedRightly(upload.bytes, upload.originalName)) {
    throw validationError([{ field: 'file', message: 'tệp phải là PDF, DOCX, XLSX hoặc ODT, và đuôi tên tệp phải đúng với nội dung của tệp' }]);
  }
  await inTransaction(db, async (trx) => {
    const repo = new DisclosureRepository(trx, actor.siteId);
    const entry = await loadDisclosure(trx, actor, id);
    await saveWithRevision(trx, actor, disclosureReview, [entry.id], async () => {
      const media = await storeUpload(trx, storage, actor.siteId, { bytes: upload.bytes, originalName: upload.originalName, title: upload.title }, actor);
      const [files, documents] = await Promise.all([repo.files(entry.id), repo.documents(entry.id)]);
      await repo.setAttachments(
        entry.id,
        [...files.map((f) => f.id), media.id],
        documents.map((d) => d.id),
      );
      await repo.update(entry.id, { updated_by: actor.userId, updated_at: nowIso() });
      return { result: media.id, saved: [{ key: String(entry.id), title: entry.title, note: `Thêm tệp ${media.original_name}` }] };
    });
    await recordAudit(trx, who(actor), {
      action: 'disclosure.file_uploaded',
      targetType: 'disclosure',
      targetId: entry.id,
      summary: `${entry.title}: ${upload.originalName}`,
    });
    await disclosureChanged(trx, actor.siteId, entry.id);
  });
}
