import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { AppError } from '../../errors.ts';
import { type Assignee, type QuestionFilter, QuestionRepository } from '../../repositories/question-repository.ts';
import { type Actor, can } from '../permissions.ts';
import { type ReviewState, reviewState } from '../review/state.ts';
import { answerReview } from './answer-review.ts';
import { loadQuestionForStaff } from './question-service.ts';

/** The staff list of questions, most urgent first, and who may be assigned them (for their names). */
export async function listQuestionsForStaff(
  db: Kysely<Database>,
  actor: Actor,
  filter: QuestionFilter,
  today: string,
): Promise<{ rows: QuestionRow[]; assignees: Assignee[] }> {
  if (!can(actor, 'question.answer')) throw new AppError('forbidden');
  const repo = new QuestionRepository(db, actor.siteId);
  return { rows: await repo.listForStaff(filter, today, 500), assignees: await repo.assignees() };
}

/** A question as staff handle it: the row, who it may be assigned to, and its answer's review for this person. */
export async function questionDesk(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
): Promise<{ question: QuestionRow; assignees: Assignee[]; review: ReviewState }> {
  const { question, assignees } = await loadQuestionForStaff(db, actor, id);
  return { question, assignees, review: await reviewState(db, actor, answerReview, String(id)) };
}
