import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { AppError } from '../../errors.ts';
import { type Assignee, type QuestionFilter, QuestionRepository } from '../../repositories/question-repository.ts';
import { type Actor, can } from '../permissions.ts';

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
