import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { AppError, validationError } from '../../errors.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import { pagesChanged } from '../pages/page-changes.ts';
import { type Actor, can } from '../permissions.ts';
import { parseInput } from '../validation.ts';
import { isOwnWork } from '../workflow/rules.ts';
import { qaTag, searchTextOf } from './question-service.ts';

/**
 * Answers go through review, as articles do. Someone who answers questions
 * (question.answer) drafts the answer and submits it; an approver
 * (question.publish) who neither started nor last changed the draft publishes
 * it, choosing whether the Q&A also appears on the public list (only if the
 * sender agreed), or returns it with a comment. Until then the resident's
 * tracking page shows "Đang xử lý" and the public sees nothing: `answer` holds
 * only approved text, the draft lives in `draft_answer`.
 *
 *   none/returned --submit--> submitted --approve--> none (answer published)
 *                                       --return---> returned (with a comment)
 */

const AnswerInput = z.object({ answer: z.string().trim().min(1, 'hãy nhập nội dung trả lời').max(20_000, 'tối đa 20.000 ký tự').transform(toNfc) });
const ReturnInput = z.object({
  comment: z
    .string({ message: 'hãy ghi nhận xét khi trả lại câu trả lời' })
    .trim()
    .min(3, 'hãy ghi nhận xét khi trả lại câu trả lời (ít nhất 3 ký tự) để người soạn biết cần sửa gì')
    .max(2_000, 'tối đa 2.000 ký tự')
    .transform(toNfc),
});
const ApproveInput = z.object({
  publicly: z
    .string()
    .optional()
    .transform((v) => v === '1' || v === 'on'),
});

/** The text staff edit: the draft, or the published answer when no draft was started since. */
export function draftOf(q: Pick<QuestionRow, 'draft_answer' | 'draft_by' | 'answer'>): string {
  return q.draft_by === null && q.draft_answer === '' ? q.answer : q.draft_answer;
}

async function load(repo: QuestionRepository, id: number): Promise<QuestionRow> {
  const row = await repo.findById(id);
  if (!row) throw new AppError('not_found', 'Không tìm thấy câu hỏi.');
  return row;
}

/** Writes the draft; the first writer is its author, whoever changes the text its last editor. */
async function writeDraft(db: Kysely<Database>, actor: Actor, id: number, input: unknown, submit: boolean): Promise<void> {
  if (!can(actor, 'question.answer')) throw new AppError('forbidden');
  const { answer } = parseInput(AnswerInput, input);
  await inTransaction(db, async (trx) => {
    const repo = new QuestionRepository(trx, actor.siteId);
    const row = await load(repo, id);
    if (row.answer_review === 'submitted') {
      throw new AppError('invalid_transition', 'Câu trả lời đang chờ lãnh đạo duyệt nên chưa sửa được. Lãnh đạo có thể trả lại để sửa.');
    }
    const changed = answer !== draftOf(row);
    await repo.update(id, {
      draft_answer: answer,
      draft_by: row.draft_by ?? actor.userId,
      draft_edited_by: changed ? actor.userId : (row.draft_edited_by ?? actor.userId),
      answer_review: submit ? 'submitted' : row.answer_review,
      status: row.status === 'received' ? 'processing' : row.status,
      assigned_to: row.assigned_to ?? actor.userId,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: submit ? 'question.answer_submitted' : 'question.answer_saved',
      targetType: 'question',
      targetId: id,
      summary: `${row.code}: ${row.title}`,
    });
  });
}

/** Saves the answer as a draft; nothing is shown to the resident yet. Audited. */
export function saveAnswer(db: Kysely<Database>, actor: Actor, id: number, input: unknown): Promise<void> {
  return writeDraft(db, actor, id, input, false);
}

/** Saves the answer and sends it to an approver ("Chờ duyệt"). Audited. */
export function submitAnswer(db: Kysely<Database>, actor: Actor, id: number, input: unknown): Promise<void> {
  return writeDraft(db, actor, id, input, true);
}

async function loadSubmitted(repo: QuestionRepository, actor: Actor, id: number): Promise<QuestionRow> {
  if (!can(actor, 'question.publish')) throw new AppError('forbidden');
  const row = await load(repo, id);
  if (row.answer_review !== 'submitted') throw new AppError('invalid_transition', 'Chỉ duyệt hoặc trả lại được câu trả lời đang chờ duyệt.');
  return row;
}

/**
 * Publishes a submitted answer: the resident sees it by the tracking code,
 * and, if asked for and the sender agreed, the Q&A appears on the public
 * list (without who asked). Never by the draft's author or last editor. Audited.
 */
export async function approveAnswer(db: Kysely<Database>, actor: Actor, id: number, input: unknown): Promise<void> {
  const { publicly } = parseInput(ApproveInput, input);
  await inTransaction(db, async (trx) => {
    const repo = new QuestionRepository(trx, actor.siteId);
    const row = await loadSubmitted(repo, actor, id);
    if (isOwnWork(actor, row.draft_by, row.draft_edited_by)) {
      throw new AppError('forbidden', 'Bạn không thể tự duyệt câu trả lời do mình soạn hoặc sửa sau cùng. Hãy nhờ một lãnh đạo khác duyệt.');
    }
    if (publicly && !row.consent_publish) {
      throw validationError([
        { field: 'publicly', message: 'người gửi không đồng ý công khai; câu trả lời chỉ gửi cho người hỏi, không đưa lên trang Hỏi đáp' },
      ]);
    }
    const now = nowIso();
    const answer = row.draft_answer;
    await repo.update(id, {
      answer,
      status: 'answered',
      answered_at: now,
      answered_by: row.draft_by,
      answer_approved_by: actor.userId,
      answer_review: 'none',
      review_comment: '',
      draft_by: null,
      draft_edited_by: null,
      is_published: publicly ? 1 : 0,
      published_at: publicly ? (row.published_at ?? now) : null,
      search_text: searchTextOf({ title: row.title, content: row.content, answer }),
      updated_at: now,
    });
    const where = publicly ? 'công khai trên trang Hỏi đáp' : 'chỉ gửi người hỏi, không công khai';
    await recordAudit(trx, actor, {
      action: 'question.answer_approved',
      targetType: 'question',
      targetId: id,
      summary: `${row.code}: ${row.title} — ${where}`,
    });
    if (publicly !== (row.is_published === 1)) {
      await recordAudit(trx, actor, {
        action: publicly ? 'question.published' : 'question.unpublished',
        targetType: 'question',
        targetId: id,
        summary: row.code,
      });
    }
    if (publicly || row.is_published) await pagesChanged(trx, [qaTag(actor.siteId)]);
  });
}

/** Sends a submitted answer back to be redone, with a required comment. Nothing changes without one. Audited. */
export async function returnAnswer(db: Kysely<Database>, actor: Actor, id: number, input: unknown): Promise<void> {
  if (!can(actor, 'question.publish')) throw new AppError('forbidden');
  const { comment } = parseInput(ReturnInput, input);
  await inTransaction(db, async (trx) => {
    const repo = new QuestionRepository(trx, actor.siteId);
    const row = await loadSubmitted(repo, actor, id);
    await repo.update(id, { answer_review: 'returned', review_comment: comment, updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'question.answer_returned',
      targetType: 'question',
      targetId: id,
      summary: `${row.code}: ${row.title} — nhận xét: ${comment}`,
    });
  });
}
