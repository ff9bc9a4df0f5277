import type { Kysely } from 'kysely';
import { consultationReview } from './consultations/consultation-review.ts';
import type { Database } from '../db/schema.ts';
import type { AdminArticleRow } from '../repositories/article-admin-repository.ts';
import { articleQueues } from './articles/article-desk.ts';
import { receptionReview, workWeekReview } from './calendars/calendar-review.ts';
import { documentReview } from './documents/document-review.ts';
import { organisationPageReview, organisationPeopleReview } from './organisation/organisation-review.ts';
import type { Actor } from './permissions.ts';
import type { ReviewKind } from './review/kind.ts';
import { type QueuedItem, reviewQueue } from './review/queue.ts';
import { reviewsKind } from './review/rules.ts';

/** The modules whose items wait for review in item_reviews, in the order the dashboard lists them. */
export const MODULE_KINDS: ReviewKind[] = [
  documentReview,
  consultationReview,
  workWeekReview,
  receptionReview,
  organisationPageReview,
  organisationPeopleReview,
];

/** What the newsroom's first page shows a person: what waits for them, and what they are writing. */
export interface Dashboard {
  queue: AdminArticleRow[];
  mine: AdminArticleRow[];
  forced: AdminArticleRow[];
  /** Module items waiting for review; null when the actor reviews none of those modules. */
  modules: QueuedItem[] | null;
}

/** The dashboard of an actor on their site. */
export async function newsroomDashboard(db: Kysely<Database>, actor: Actor): Promise<Dashboard> {
  const [articles, modules] = await Promise.all([articleQueues(db, actor), reviewQueue(db, actor, MODULE_KINDS)]);
  return { ...articles, modules: MODULE_KINDS.some((kind) => reviewsKind(actor, kind)) ? modules : null };
}
