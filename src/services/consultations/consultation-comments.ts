import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ConsultationCommentRow, ConsultationRow } from '../../db/schema/consultations.ts';
import { AppError, validationError } from '../../errors.ts';
import { ConsultationRepository } from '../../repositories/consultation-repository.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { pagesChanged } from '../pages/page-changes.ts';
import { type Actor, can } from '../permissions.ts';
import {
  type AttachmentDownload,
  type QuestionAttachment,
  type QuestionFile,
  attachmentsOf,
  checkAttachments,
  discardAttachments,
  privateKeyOf,
  storeAttachments,
} from '../questions/attachments.ts';
import { checkRateLimit } from '../questions/form-guard.ts';
import type { MediaStorage } from '../storage/media-storage.ts';
import { CONTACT_FIELDS } from '../questions/question-service.ts';
import { parseInput } from '../validation.ts';
import { loadConsultation, who } from './consultation-editor.ts';
import { closedMessage, consultationsTag, phaseOf } from './consultation-phase.ts';

/** The public form's name for the shared guard (token purpose, hourly limit). */
export const COMMENT_FORM = 'lay-y-kien' as const;

/** Largest number of files with one comment. */
export const MAX_COMMENT_FILES = 1;

const required = (max: number, missing: string) => z.string().trim().min(1, missing).max(max, `tối đa ${max} ký tự`).transform(toNfc);

/** The public comment form, field by field; phone or e-mail, at least one, as on the Q&A form. */
export const CommentInput = z
  .object({
    name: required(120, 'hãy nhập họ và tên'),
    ...CONTACT_FIELDS,
    content: required(10_000, 'hãy nhập nội dung góp ý'),
    show_name: z
      .string()
      .optional()
      .transform((v) => v === '1' || v === 'on'),
  })
  .superRefine((value, ctx) => {
    if (!value.phone && !value.email)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'hãy nhập số điện thoại hoặc thư điện tử (ít nhất một) để cơ quan liên hệ khi cần' });
  });

/** A published consultation of the site, or not_found: drafts and withdrawn ones take no comments and show nothing. */
export async function publishedConsultation(db: Kysely<Database>, siteId: number, id: number): Promise<ConsultationRow> {
  const found = await new ConsultationRepository(db, siteId).findById(id);
  if (found?.status !== 'published') throw new AppError('not_found', 'Không tìm thấy dự thảo lấy ý kiến.');
  return found;
}

/** Fails with consultation_not_open, in words a resident understands, unless comments are taken today. */
export function checkOpen(consultation: ConsultationRow, now: Date): void {
  const message = closedMessage(consultation, phaseOf(consultation, now));
  if (message) throw new AppError('consultation_not_open', message, [{ field: 'form_token', message }]);
}

/**
 * Takes a resident's comment on an open consultation: checks the hourly
 * limit of the IP (apart from the Q&A form's), the fields and the file (PDF,
 * JPEG or PNG by its bytes), stores the file in the site's private folder,
 * then the comment, the submission record and an audit row in one
 * transaction. The form token and honeypot are checked by the caller.
 */
export async function submitComment(
  db: Kysely<Database>,
  siteId: number,
  consultationId: number,
  input: unknown,
  options: { ip: string; files?: QuestionFile[]; media?: MediaStorage | undefined; now?: Date },
): Promise<{ id: number }> {
  const now = options.now ?? new Date();
  const consultation = await publishedConsultation(db, siteId, consultationId);
  checkOpen(consultation, now);
  await checkRateLimit(db, siteId, options.ip, now, COMMENT_FORM);
  const form = parseInput(CommentInput, input);
  const files = options.files ?? [];
  if (files.length > MAX_COMMENT_FILES) throw validationError([{ field: 'files', message: 'chỉ gửi được một tệp kèm góp ý' }]);
  checkAttachments(files, options.media);
  const stored: QuestionAttachment[] = files.length ? await storeAttachments(options.media!, siteId, files, 'consultations') : [];
  try {
    return await inTransaction(db, async (trx) => {
      const at = now.toISOString();
      const id = await new ConsultationRepository(trx, siteId).insertComment({
        consultation_id: consultation.id,
        name: form.name,
        phone: form.phone,
        email: form.email.toLowerCase(),
        content: form.content,
        attachments: JSON.stringify(stored),
        show_name: form.show_name ? 1 : 0,
        published_at: null,
        received_at: at,
      });
      const log = new QuestionRepository(trx, siteId);
      await log.recordSubmission(options.ip, at, COMMENT_FORM);
      await log.pruneSubmissions(new Date(now.getTime() - 24 * 3_600_000).toISOString());
      await recordAudit(
        trx,
        { system: 'Người dân (biểu mẫu góp ý dự thảo)', siteId },
        { action: 'consultation.comment_received', targetType: 'consultation', targetId: consultation.id, summary: consultation.title },
      );
      return { id };
    });
  } catch (error) {
    if (stored.length) await discardAttachments(options.media!, siteId, stored, 'consultations');
    throw error;
  }
}

const STAFF_PAGE_SIZE = 20;

/** A page of every comment on a consultation, for staff who edit documents; contact details included. */
export async function listCommentsForStaff(
  db: Kysely<Database>,
  actor: Actor,
  consultationId: number,
  page: number,
): Promise<{ consultation: ConsultationRow; comments: ConsultationCommentRow[]; pagination: Pagination; published: number }> {
  if (!can(actor, 'document.edit')) throw new AppError('forbidden');
  const consultation = await loadConsultation(db, actor, consultationId);
  const repo = new ConsultationRepository(db, actor.siteId);
  const pagination = paginate(await repo.countComments(consultationId), page, STAFF_PAGE_SIZE);
  const comments = await repo.comments(consultationId, { publishedOnly: false, limit: pagination.perPage, offset: pagination.offset });
  return { consultation, comments, pagination, published: await repo.countComments(consultationId, true) };
}

/**
 * Shows (or hides) a comment on the consultation's public page, for those
 * who publish documents. The public page shows the comment, and the name only
 * when the resident agreed; never the phone, e-mail or files. Audited.
 */
export async function setCommentPublished(db: Kysely<Database>, actor: Actor, consultationId: number, commentId: number, publish: boolean): Promise<void> {
  if (!can(actor, 'document.publish')) throw new AppError('forbidden');
  await inTransaction(db, async (trx) => {
    const consultation = await loadConsultation(trx, actor, consultationId);
    const repo = new ConsultationRepository(trx, actor.siteId);
    const comment = await repo.findComment(consultationId, commentId);
    if (!comment) throw new AppError('not_found', 'Không tìm thấy góp ý.');
    await repo.updateComment(commentId, { is_published: publish ? 1 : 0, published_at: publish ? (comment.published_at ?? nowIso()) : null });
    await recordAudit(trx, who(actor), {
      action: publish ? 'consultation.comment_published' : 'consultation.comment_unpublished',
      targetType: 'consultation',
      targetId: consultationId,
      summary: `${consultation.title} — góp ý số ${commentId}`,
    });
    await pagesChanged(trx, [consultationsTag(actor.siteId)]);
  });
}

/** The file sent with a comment of the actor's site, for staff who edit documents; media_not_found otherwise. */
export async function openCommentAttachment(
  db: Kysely<Database>,
  actor: Actor,
  storage: MediaStorage,
  consultationId: number,
  commentId: number,
): Promise<AttachmentDownload> {
  if (!can(actor, 'document.edit')) throw new AppError('forbidden');
  const comment = await new ConsultationRepository(db, actor.siteId).findComment(consultationId, commentId);
  const entry = comment ? attachmentsOf(comment)[0] : undefined;
  if (!entry || !/^[\w.-]+$/.test(entry.key)) throw new AppError('media_not_found');
  const key = privateKeyOf(actor.siteId, entry.key, 'consultations');
  if (!(await storage.exists(key))) throw new AppError('media_not_found');
  return { key, name: entry.name, mime: entry.mime };
}
