import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ConsultationRow } from '../../db/schema/consultations.ts';
import { AppError, validationError } from '../../errors.ts';
import { ConsultationRepository } from '../../repositories/consultation-repository.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { sanitizeBodyHtml } from '../../text/sanitize.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import { parseDay } from '../documents/document-types.ts';
import type { Actor } from '../permissions.ts';
import { saveWithRevision } from '../review/saves.ts';
import { parseInput } from '../validation.ts';
import { consultationChanged } from './consultation-index.ts';
import { consultationSlug } from './consultation-phase.ts';
import { consultationReview, consultationSnapshot } from './consultation-review.ts';

const DAY_MESSAGE = 'ngày phải viết dd/mm/yyyy và có thật';
const day = z
  .string({ message: 'không được để trống' })
  .trim()
  .min(1, 'không được để trống')
  .transform((value, ctx) => parseDay(value) ?? (ctx.addIssue({ code: 'custom', message: DAY_MESSAGE }), z.NEVER));
/** An optional id from a select: '' for none. */
const optionalId = z
  .string()
  .trim()
  .default('')
  .pipe(z.string().regex(/^(|[1-9]\d{0,9})$/, 'lựa chọn không hợp lệ'))
  .transform((v) => (v ? Number(v) : null));

/** The consultation form as posted: field names are the form's, so errors land beside their inputs. */
export const ConsultationFormSchema = z
  .object({
    title: z.string().trim().min(1, 'không được để trống').max(300, 'tối đa 300 ký tự').transform(toNfc),
    body_html: z.string().max(200_000, 'nội dung quá dài').default('').transform(sanitizeBodyHtml),
    document_id: optionalId,
    media_id: optionalId,
    opens_on: day,
    closes_on: day,
  })
  .superRefine((form, ctx) => {
    if (form.closes_on < form.opens_on) ctx.addIssue({ code: 'custom', path: ['closes_on'], message: 'không được trước ngày bắt đầu' });
  });
export type ConsultationForm = z.output<typeof ConsultationFormSchema>;

/** Parses a posted consultation form; throws validation_failed with `field: message` errors. */
export function parseConsultationForm(input: unknown): ConsultationForm {
  return parseInput(ConsultationFormSchema, input);
}

/** Who did it, for the audit log. */
export const who = (actor: Actor) => ({ userId: actor.userId, email: actor.email, siteId: actor.siteId, ip: actor.ip });

/** A consultation of the actor's site, or not_found; never another site's. */
export async function loadConsultation(db: Kysely<Database>, actor: Actor, id: number): Promise<ConsultationRow> {
  const consultation = await new ConsultationRepository(db, actor.siteId).findById(id);
  if (!consultation) throw new AppError('not_found', 'Không tìm thấy dự thảo lấy ý kiến.');
  return consultation;
}

/** Fails unless the document is this site's and published, and the file this site's library file (kind 'file'). */
async function checkDraft(db: Kysely<Database>, siteId: number, form: ConsultationForm): Promise<void> {
  if (form.document_id !== null) {
    const document = await new DocumentRepository(db, siteId).findById(form.document_id);
    if (document?.status !== 'published') throw validationError([{ field: 'document_id', message: 'chỉ chọn được văn bản đã công bố của cổng' }]);
  }
  if (form.media_id !== null) {
    const [file] = await new MediaRepository(db, siteId).findByIds([form.media_id]);
    if (!file || file.kind !== 'file' || file.deleted_at)
      throw validationError([{ field: 'media_id', message: 'chỉ chọn được tệp văn bản trong thư viện của cổng' }]);
  }
}

/**
 * Creates (id null) or updates a consultation, in one transaction: a new
 * revision, audited, re-indexed and its pages marked stale. A new one is a
 * draft; publishing goes through review (consultationReview).
 */
export async function saveConsultation(db: Kysely<Database>, actor: Actor, id: number | null, form: ConsultationForm): Promise<{ id: number }> {
  return inTransaction(db, async (trx) => {
    const repo = new ConsultationRepository(trx, actor.siteId);
    const existing = id === null ? null : await loadConsultation(trx, actor, id);
    const { result } = await saveWithRevision(trx, actor, consultationReview, existing ? [existing.id] : [], async () => {
      await checkDraft(trx, actor.siteId, form);
      const now = nowIso();
      const values = { ...form, slug: consultationSlug(form.title), updated_by: actor.userId, updated_at: now };
      const savedId = existing
        ? (await repo.update(existing.id, values), existing.id)
        : await repo.insert({
            ...values,
            status: 'draft',
            published_at: null,
            summary_media_id: null,
            summary_published_at: null,
            created_by: actor.userId,
            created_at: now,
          });
      return { result: savedId, saved: [{ key: String(savedId), title: form.title, snapshot: consultationSnapshot(form) }] };
    });
    await recordAudit(trx, who(actor), {
      action: existing ? 'consultation.updated' : 'consultation.created',
      targetType: 'consultation',
      targetId: result,
      summary: form.title,
    });
    await consultationChanged(trx, actor.siteId, result);
    return { id: result };
  });
}
