import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { DocumentRow } from '../../db/schema/documents.ts';
import { AppError, validationError } from '../../errors.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { foldVietnamese, toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import type { Actor } from '../permissions.ts';
import { parseInput } from '../validation.ts';
import { saveWithRevision } from '../review/saves.ts';
import { documentChanged } from './document-index.ts';
import { documentLabel, documentReview, documentSnapshot } from './document-review.ts';
import { DOCUMENT_TYPES, NUMBER_SYMBOL, numberKey, numberValue, parseDay } from './document-types.ts';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`).transform(toNfc);
const required = (max: number) => text(max).pipe(z.string().min(1, 'không được để trống'));
const DAY_MESSAGE = 'ngày phải viết dd/mm/yyyy và có thật';
/** A required day typed dd/mm/yyyy, parsed to yyyy-mm-dd. */
export const requiredDay = z
  .string({ message: 'không được để trống' })
  .trim()
  .min(1, 'không được để trống')
  .transform((value, ctx) => parseDay(value) ?? (ctx.addIssue({ code: 'custom', message: DAY_MESSAGE }), z.NEVER));
/** An optional day typed dd/mm/yyyy, parsed to yyyy-mm-dd or null. */
export const optionalDay = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx) => (value ? (parseDay(value) ?? (ctx.addIssue({ code: 'custom', message: DAY_MESSAGE }), z.NEVER)) : null));

/** The document form as posted: field names are the form's, so errors land beside their inputs. */
export const DocumentFormSchema = z
  .object({
    doc_type: z.enum(DOCUMENT_TYPES.map((t) => t.key) as [string, ...string[]], { message: 'chọn một loại văn bản' }),
    number_symbol: required(60).pipe(z.string().regex(NUMBER_SYMBOL, 'phải có dạng số/ký hiệu, ví dụ 12/QĐ-UBND')),
    issuing_body: required(200),
    signer: required(120),
    issued_on: requiredDay,
    effective_on: requiredDay,
    expires_on: optionalDay,
    summary: required(1000),
    field: text(120).default(''),
    // A form sends one value as a string and several as an array; none at all when nothing is ticked.
    media_ids: z
      .union([z.string(), z.array(z.string())])
      .default([])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .pipe(
        z
          .array(
            z
              .string()
              .regex(/^[1-9]\d{0,9}$/, 'tệp không hợp lệ')
              .transform(Number),
          )
          .max(20, 'tối đa 20 tệp'),
      ),
    /** The version the form was opened on (rules.ts: editConflict). */
    version: z.string().trim().max(100).optional(),
  })
  .superRefine((form, ctx) => {
    if (form.expires_on && form.expires_on <= form.effective_on) {
      ctx.addIssue({ code: 'custom', path: ['expires_on'], message: 'phải sau ngày có hiệu lực' });
    }
    if (form.effective_on < form.issued_on) {
      ctx.addIssue({ code: 'custom', path: ['effective_on'], message: 'không được trước ngày ban hành' });
    }
  });
export type DocumentForm = z.output<typeof DocumentFormSchema>;

/** Parses a posted document form; throws validation_failed with `field: message` errors. */
export function parseDocumentForm(input: unknown): DocumentForm {
  return parseInput(DocumentFormSchema, input);
}

const who = (actor: Actor) => ({ userId: actor.userId, email: actor.email, siteId: actor.siteId, ip: actor.ip });

/** A document of the actor's site, or not_found; never another site's. */
export async function loadDocument(db: Kysely<Database>, actor: Actor, id: number): Promise<DocumentRow> {
  const document = await new DocumentRepository(db, actor.siteId).findById(id);
  if (!document) throw new AppError('not_found', 'Không tìm thấy văn bản.');
  return document;
}

/**
 * Creates (id null) or updates a document with its attached files, in one
 * transaction: a new revision, audited, re-indexed and its pages marked stale.
 * A new document is a draft; publishing goes through review. The number and
 * symbol must be free in its issue year; files must be this site's library files.
 */
export async function saveDocument(db: Kysely<Database>, actor: Actor, id: number | null, form: DocumentForm): Promise<{ id: number }> {
  return inTransaction(db, async (trx) => {
    const documents = new DocumentRepository(trx, actor.siteId);
    const existing = id === null ? null : await loadDocument(trx, actor, id);
    const { result } = await saveWithRevision(
      trx,
      actor,
      documentReview,
      existing ? [existing.id] : [],
      async () => {
        const key = numberKey(form.number_symbol);
        const year = Number(form.issued_on.slice(0, 4));
        if (await documents.findByNumber(key, year, id ?? undefined)) {
          throw validationError([{ field: 'number_symbol', message: `số, ký hiệu này đã có một văn bản ban hành năm ${year}` }]);
        }
        const mediaIds = [...new Set(form.media_ids)];
        const files = await new MediaRepository(trx, actor.siteId).findByIds(mediaIds);
        if (files.length !== mediaIds.length || files.some((f) => f.kind !== 'file' || f.deleted_at)) {
          throw validationError([{ field: 'media_ids', message: 'chỉ chọn được tệp văn bản trong thư viện của cổng' }]);
        }
        const now = nowIso();
        const values = {
          doc_type: form.doc_type,
          number_symbol: form.number_symbol,
          number_key: key,
          number_value: numberValue(form.number_symbol),
          issue_year: year,
          issuing_body: form.issuing_body,
          signer: form.signer,
          issued_on: form.issued_on,
          effective_on: form.effective_on,
          expires_on: form.expires_on,
          summary: form.summary,
          field: form.field,
          search_text: foldVietnamese([form.summary, form.number_symbol, form.issuing_body, form.signer, form.field].join(' ')),
          updated_by: actor.userId,
          updated_at: now,
        };
        let documentId: number;
        if (existing) {
          documentId = existing.id;
          await documents.update(documentId, values);
        } else {
          documentId = await documents.insert({ ...values, status: 'draft', published_at: null, created_by: actor.userId, created_at: now });
        }
        await documents.setFiles(documentId, mediaIds);
        // Files in the order chosen, for the revision.
        const ordered = mediaIds.map((m) => files.find((f) => f.id === m)!);
        return {
          result: documentId,
          saved: [{ key: String(documentId), title: documentLabel(form), snapshot: documentSnapshot(values, ordered) }],
        };
      },
      { expectedVersion: form.version },
    );
    await recordAudit(trx, who(actor), {
      action: existing ? 'document.updated' : 'document.created',
      targetType: 'document',
      targetId: result,
      summary: documentLabel(form),
    });
    await documentChanged(trx, actor.siteId, result);
    return { id: result };
  });
}
