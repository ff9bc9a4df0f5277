import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { dueSoonLimit } from '../notifications/question-mail.ts';
import { type Actor, can } from '../permissions.ts';
import { vietnamDayOf } from './working-days.ts';

/** What waits in Hỏi đáp for one person, as the dashboard lists it. */
export interface QuestionQueues {
  /** Not yet answered, past the 15-working-day due day. */
  overdue: QuestionRow[];
  /** Not yet answered, due within the next working days. */
  dueSoon: QuestionRow[];
  /** Received and not yet taken by anyone. */
  received: QuestionRow[];
  /** Answers waiting for an approver; null when this person does not approve answers. */
  answers: QuestionRow[] | null;
  /** Answers this person drafted that an approver sent back. */
  returned: QuestionRow[];
}

const LIMIT = 50;

/** The question queues of the dashboard; null for those who do not handle questions. */
export async function questionQueues(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<QuestionQueues | null> {
  if (!can(actor, 'question.answer')) return null;
  const repo = new QuestionRepository(db, actor.siteId);
  const today = vietnamDayOf(now);
  const [due, received, answers, returned] = await Promise.all([
    dueSoonLimit(db, actor.siteId, today).then((limit) => repo.openDueBy(limit, LIMIT)),
    repo.listForStaff({ status: 'received' }, today, LIMIT),
    can(actor, 'question.publish') ? repo.listForStaff({ status: 'review' }, today, LIMIT) : null,
    repo.returnedAnswersOf(actor.userId, LIMIT),
  ]);
  return {
    overdue: due.filter((q) => q.due_on < today),
    dueSoon: due.filter((q) => q.due_on >= today),
    received,
    answers,
    returned,
  };
}

/** How many questions wait for this person: received or overdue, answers to approve (approvers), answers sent back to them; 0 for non-handlers. */
export async function questionWorkCount(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<number> {
  if (!can(actor, 'question.answer')) return 0;
  const counts = await new QuestionRepository(db, actor.siteId).workCounts(vietnamDayOf(now), actor.userId);
  return counts.waiting + counts.returned + (can(actor, 'question.publish') ? counts.review : 0);
}
