import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ConsultationRow } from '../../db/schema/consultations.ts';
import { AppError, validationError } from '../../errors.ts';
import { ConsultationRepository } from '../../repositories/consultation-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { htmlToPlainText, sanitizeBodyHtml } from '../../text/sanitize.ts';
import { recordAudit } from '../audit-service.ts';
import { type Actor, can } from '../permissions.ts';
import { parseInput } from '../validation.ts';
import { loadConsultation, who } from './consultation-editor.ts';
import { consultationChanged } from './consultation-index.ts';
import { phaseOf } from './consultation-phase.ts';

/** The summary form: báo cáo tổng hợp, tiếp thu, giải trình as rich text, and an optional library file. */
export const SummaryFormSchema = z.object({
  summary_html: z.string().max(200_000, 'nội dung quá dài').default('').transform(sanitizeBodyHtml),
  summary_media_id: z
    .string()
    .trim()
    .default('')
    .pipe(z.string().regex(/^(|[1-9]\d{0,9})$/, 'lựa chọn không hợp lệ'))
    .transform((v) => (v ? Number(v) : null)),
});
export type SummaryForm = z.output<typeof SummaryFormSchema>;

/** Parses a posted summary form; throws validation_failed with `field: message` errors. */
export function parseSummaryForm(input: unknown): SummaryForm {
  return parseInput(SummaryFormSchema, input);
}

/** Fails with consultation_not_closed while the consultation is not yet past its closing day. */
function requireClosed(consultation: ConsultationRow, now: Date): void {
  const phase = phaseOf({ ...consultation, summary_published_at: null }, now);
  if (phase !== 'closed') throw new AppError('consultation_not_closed');
}

/**
 * Saves the summary of a consultation past its closing day, audited. Once
 * published, only those who publish documents may change it, and the change
 * shows at once (re-indexed, pages stale).
 */
export async function saveSummary(db: Kysely<Database>, actor: Actor, id: number, form: SummaryForm, now = new Date()): Promise<void> {
  if (!can(actor, 'document.edit')) throw new AppError('forbidden');
  await inTransaction(db, async (trx) => {
    const consultation = await loadConsultation(trx, actor, id);
    requireClosed(consultation, now);
    if (consultation.summary_published_at && !can(actor, 'document.publish'))
      throw new AppError('forbidden', 'Báo cáo đã công bố; cần quyền công bố văn bản để sửa.');
    if (form.summary_media_id !== null) {
      const [file] = await new MediaRepository(trx, actor.siteId).findByIds([form.summary_media_id]);
      if (!file || file.kind !== 'file' || file.deleted_at) {
        throw validationError([{ field: 'summary_media_id', message: 'chỉ chọn được tệp văn bản trong thư viện của cổng' }]);
      }
    }
    await new ConsultationRepository(trx, actor.siteId).update(id, { ...form, updated_by: actor.userId, updated_at: nowIso() });
    await recordAudit(trx, who(actor), { action: 'consultation.summary_saved', targetType: 'consultation', targetId: id, summary: consultation.title });
    if (consultation.summary_published_at) await consultationChanged(trx, actor.siteId, id);
  });
}

/**
 * Publishes (or withdraws) the summary, for those who publish documents: only
 * for a published consultation past its closing day, with a summary written.
 * Audited; the search entry and the pages follow.
 */
export async function setSummaryPublished(db: Kysely<Database>, actor: Actor, id: number, publish: boolean, now = new Date()): Promise<void> {
  if (!can(actor, 'document.publish')) throw new AppError('forbidden');
  await inTransaction(db, async (trx) => {
    const consultation = await loadConsultation(trx, actor, id);
    if (publish) {
      requireClosed(consultation, now);
      if (consultation.status !== 'published')
        throw validationError([{ field: 'summary_html', message: 'dự thảo chưa được công bố nên chưa công bố được báo cáo' }]);
      if (!htmlToPlainText(consultation.summary_html).trim())
        throw validationError([{ field: 'summary_html', message: 'hãy viết báo cáo tổng hợp trước khi công bố' }]);
    }
    await new ConsultationRepository(trx, actor.siteId).update(id, {
      summary_published_at: publish ? (consultation.summary_published_at ?? now.toISOString()) : null,
    });
    await recordAudit(trx, who(actor), {
      action: publish ? 'consultation.summary_published' : 'consultation.summary_unpublished',
      targetType: 'consultation',
      targetId: id,
      summary: consultation.title,
    });
    await consultationChanged(trx, actor.siteId, id);
  });
}
