import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { ItemRevisionRow } from '../../src/db/schema/item-reviews.ts';
import { ItemReviewRepository } from '../../src/repositories/item-review-repository.ts';
import { articleReview } from '../../src/services/articles/article-review.ts';
import { RECEPTION_KEY, receptionReview, workWeekReview } from '../../src/services/calendars/calendar-review.ts';
import { type IsoWeek, weekKey } from '../../src/services/calendars/weeks.ts';
import { documentReview } from '../../src/services/documents/document-review.ts';
import { PEOPLE_KEY, organisationPageReview, organisationPeopleReview } from '../../src/services/organisation/organisation-review.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { answerReview } from '../../src/services/questions/answer-review.ts';
import { type TransitionInput, transition } from '../../src/services/review/engine.ts';
import { diffSnapshots } from '../../src/services/review/history.ts';
import type { ReviewKind } from '../../src/services/review/kind.ts';
import type { ReviewAction } from '../../src/services/review/rules.ts';

/**
 * The review actions of each kind, named as the tests say them, each one
 * call of the one engine (services/review/engine.ts).
 */

type Db = Kysely<Database>;

export const transitionArticle = (db: Db, actor: Actor, id: number, action: ReviewAction, input?: TransitionInput) =>
  transition(db, actor, articleReview, id, action, input);

export const reviewWeek = (db: Db, actor: Actor, week: IsoWeek, action: ReviewAction, comment?: string) =>
  transition(db, actor, workWeekReview, weekKey(week), action, { comment });
export const reviewReceptionSchedule = (db: Db, actor: Actor, action: ReviewAction, comment?: string) =>
  transition(db, actor, receptionReview, RECEPTION_KEY, action, { comment });

export const reviewOrganisationPage = (db: Db, actor: Actor, slug: string, action: ReviewAction, comment?: string) =>
  transition(db, actor, organisationPageReview, slug, action, { comment });
export const reviewOrganisationPeople = (db: Db, actor: Actor, action: ReviewAction, comment?: string) =>
  transition(db, actor, organisationPeopleReview, PEOPLE_KEY, action, { comment });

export const submitDocument = (db: Db, actor: Actor, id: number) => transition(db, actor, documentReview, id, 'submit');
export const returnDocument = (db: Db, actor: Actor, id: number, comment: string | undefined) =>
  transition(db, actor, documentReview, id, 'return', { comment });
export const publishDocument = (db: Db, actor: Actor, id: number) => transition(db, actor, documentReview, id, 'publish');
export const unpublishDocument = (db: Db, actor: Actor, id: number) => transition(db, actor, documentReview, id, 'unpublish');

/** "Gửi duyệt" of an answer: the posted text is saved first. */
export const submitAnswer = (db: Db, actor: Actor, id: number, input: unknown) => transition(db, actor, answerReview, id, 'submit', { save: input });
export const approveAnswer = (db: Db, actor: Actor, id: number, input: Record<string, unknown>) =>
  transition(db, actor, answerReview, id, 'publish', { options: input });
export const returnAnswer = (db: Db, actor: Actor, id: number, input: { comment?: string }) => transition(db, actor, answerReview, id, 'return', input);

/** Every revision of a snapshot kind's item on a site, newest first. */
export const itemRevisions = (db: Db, siteId: number, kind: ReviewKind, key: string) => new ItemReviewRepository(db, siteId).listRevisions(kind.type, key);
/** The word diff of two such revisions. */
export const diffItemRevisions = (kind: ReviewKind, older: ItemRevisionRow, newer: ItemRevisionRow) => diffSnapshots(kind, older, newer);
