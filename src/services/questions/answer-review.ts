import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { AppError, validationError } from '../../errors.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { richTextHtml } from '../../text/sanitize.ts';
import { recordAudit } from '../audit-service.ts';
import { pagesChanged } from '../pages/page-changes.ts';
import type { Actor } from '../permissions.ts';
import type { ReviewKind, ReviewStore } from '../review/kind.ts';
import type { ReviewSubject } from '../review/rules.ts';
import { saveWithRevision } from '../review/saves.ts';
import { parseInput } from '../validation.ts';
import { qaTag, searchTextOf } from './question-service.ts';

/**
 * Answers go through the review engine, as articles do. Someone who answers
 * questions (question.answer) drafts the answer and submits it; an approver
 * (question.publish) who neither started nor last changed the draft publishes
 * it, choosing whether the Q&A also appears on the public list (only if the
 * sender agreed), or returns it with a comment. Until then the resident's
 * tracking page shows "Đang xử lý" and the public sees nothing: `answer` holds
 * only approved text, the draft lives in `draft_answer`.
 *
 *   none/returned --submit--> submitted --approve--> none (answer published)
 *                                       --return---> returned (with a comment)
 */

// The editor's markup, or plain paragraphs typed without it, sanitised; empty once nothing but empty paragraphs is left.
const AnswerInput = z.object({
  answer: z
    .string()
    .max(40_000, 'tối đa 40.000 ký tự')
    .transform(richTextHtml)
    .pipe(z.string().min(1, 'hãy nhập nội dung trả lời').max(40_000, 'tối đa 40.000 ký tự')),
});
const ApproveInput = z.object({
  publicly: z
    .unknown()
    .optional()
    .transform((v) => v === '1' || v === 'on'),
});

/** The text staff edit: the draft, or the published answer when no draft was started since. */
export function draftOf(q: Pick<QuestionRow, 'draft_answer' | 'draft_by' | 'answer'>): string {
  return q.draft_by === null && q.draft_answer === '' ? q.answer : q.draft_answer;
}

const rowOf = (db: Kysely<Database>, siteId: number, key: string) =>
  /^\d{1,10}$/.test(key) ? new QuestionRepository(db, siteId).findById(Number(key)) : undefined;

/** An answer as the rules see it: its draft's review; live once the resident has an answer. */
function subjectOf(q: QuestionRow): ReviewSubject {
  const draftStarted = q.draft_by !== null;
  const status = q.answer_review === 'none' ? (!draftStarted && q.status === 'answered' ? 'published' : 'draft') : q.answer_review;
  return {
    status,
    live: q.status === 'answered',
    deleted: false,
    authorId: q.draft_by,
    lastEditorId: q.draft_edited_by,
    title: `${q.code}: ${q.title}`,
    returnComment: q.review_comment,
    publishAt: null,
  };
}

/**
 * Publishes the draft: the resident sees it by the tracking code, and, if
 * asked for and the sender agreed, the Q&A appears on the public list
 * (without who asked). Refused, with nothing written, when the sender did not agree.
 */
async function approve(db: Kysely<Database>, actor: Actor, row: QuestionRow, options: Record<string, unknown>) {
  const { publicly } = parseInput(ApproveInput, options);
  if (publicly && !row.consent_publish) {
    throw validationError([{ field: 'publicly', message: 'người gửi không đồng ý công khai; câu trả lời chỉ gửi cho người hỏi, không đưa lên trang Hỏi đáp' }]);
  }
  const now = nowIso();
  const answer = row.draft_answer;
  await new QuestionRepository(db, actor.siteId).update(row.id, {
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
  const listed = publicly !== (row.is_published === 1);
  return {
    note: publicly ? 'công khai trên trang Hỏi đáp' : 'chỉ gửi người hỏi, không công khai',
    after: async () => {
      if (listed)
        await recordAudit(db, actor, {
          action: publicly ? 'question.published' : 'question.unpublished',
          targetType: 'question',
          targetId: row.id,
          summary: row.code,
        });
      if (publicly || row.is_published) await pagesChanged(db, [qaTag(actor.siteId)]);
    },
  };
}

/** Answers keep their review in the question row: `answer` holds only approved text, the draft lives in `draft_answer`. */
const answerStore: ReviewStore = {
  async load(db, siteId, key) {
    const row = await rowOf(db, siteId, key);
    return row && subjectOf(row);
  },
  async apply(db, actor, key, change) {
    const row = (await rowOf(db, actor.siteId, key))!;
    if (change.action === 'publish') return approve(db, actor, row, change.options);
    // Nothing to review without a text: "Gửi duyệt" saves the one typed first.
    if (change.action === 'submit' && !draftOf(row).trim()) throw validationError([{ field: 'answer', message: 'hãy nhập nội dung trả lời' }]);
    const review =
      change.action === 'return' ? { answer_review: 'returned' as const, review_comment: change.comment } : { answer_review: 'submitted' as const };
    await new QuestionRepository(db, actor.siteId).update(row.id, { ...review, updated_at: change.at });
    return undefined;
  },
};

/** Writes the draft; the first writer is its author, whoever changes the text its last editor. Not audited: the caller is. */
async function writeDraft(db: Kysely<Database>, actor: Actor, key: string, input: unknown): Promise<QuestionRow> {
  const { answer } = parseInput(AnswerInput, input);
  const { result } = await saveWithRevision(db, actor, answerReview, [key], async () => {
    const row = await rowOf(db, actor.siteId, key);
    if (!row) throw new AppError('not_found', 'Không tìm thấy câu hỏi.');
    const changed = answer !== draftOf(row);
    await new QuestionRepository(db, actor.siteId).update(row.id, {
      draft_answer: answer,
      draft_by: row.draft_by ?? actor.userId,
      draft_edited_by: changed ? actor.userId : (row.draft_edited_by ?? actor.userId),
      status: row.status === 'received' ? 'processing' : row.status,
      assigned_to: row.assigned_to ?? actor.userId,
      updated_at: nowIso(),
    });
    return { result: row, saved: [] };
  });
  return result;
}

/**
 * Q&A answers in the review engine: whoever answers questions (question.answer)
 * drafts and submits; an approver (question.publish) who neither started nor
 * last changed the draft publishes it or returns it. A submitted answer is
 * locked until it is returned. "Gửi duyệt" saves the posted text first.
 */
export const answerReview: ReviewKind = {
  type: 'answer',
  noun: 'câu trả lời',
  targetType: 'question',
  actions: ['submit', 'publish', 'return'],
  permissions: { edit: 'question.answer', publish: 'question.publish' },
  publishedEdits: 'draft',
  waitingEdits: 'none',
  audit: { submit: 'question.answer_submitted', return: 'question.answer_returned', publish: 'question.answer_approved' },
  adminPath: (key) => `/quan-tri/hoi-dap/${key}`,
  returnHint: 'hãy ghi nhận xét khi trả lại câu trả lời (ít nhất 3 ký tự) để người soạn biết cần sửa gì',
  store: answerStore,
  async save(db, actor, key, form) {
    await writeDraft(db, actor, key, form);
  },
};

/** Saves the answer as a draft; nothing is shown to the resident yet. Audited. */
export async function saveAnswer(db: Kysely<Database>, actor: Actor, id: number, input: unknown): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await writeDraft(trx, actor, String(id), input);
    await recordAudit(trx, actor, { action: 'question.answer_saved', targetType: 'question', targetId: id, summary: `${row.code}: ${row.title}` });
  });
}
