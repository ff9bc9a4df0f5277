import type { Kysely } from 'kysely';
import { consultationReview } from './consultations/consultation-review.ts';
import type { Database } from '../db/schema.ts';
import type { ItemReviewRow } from '../db/schema/item-reviews.ts';
import { type AdminArticleRow, ArticleAdminRepository } from '../repositories/article-admin-repository.ts';
import { ItemReviewRepository } from '../repositories/item-review-repository.ts';
import { articleQueues } from './articles/article-desk.ts';
import { receptionReview, workWeekReview } from './calendars/calendar-review.ts';
import { documentReview } from './documents/document-review.ts';
import { disclosureReview } from './disclosure/disclosure-review.ts';
import { organisationPageReview, organisationPeopleReview } from './organisation/organisation-review.ts';
import { SiteRepository } from '../repositories/site-repository.ts';
import { type ChecklistRow, siteChecklist } from './conformance/checklist.ts';
import { type Actor, can } from './permissions.ts';
import { type QuestionQueues, questionQueues, questionWorkCount } from './questions/question-queues.ts';
import type { ReviewKind } from './review/kind.ts';
import { type QueuedItem, reviewQueue } from './review/queue.ts';
import { reviewsKind } from './review/rules.ts';

/** The modules whose items wait for review in item_reviews, in the order the dashboard lists them. */
export const MODULE_KINDS: ReviewKind[] = [
  documentReview,
  disclosureReview,
  consultationReview,
  workWeekReview,
  receptionReview,
  organisationPageReview,
  organisationPeopleReview,
];

/** A module's item with its kind, for lists that link to it. */
export interface KindItem {
  kind: ReviewKind;
  item: ItemReviewRow;
}

/** What the newsroom's first page shows a person: what waits for them, and what they are writing. */
export interface Dashboard {
  queue: AdminArticleRow[];
  mine: AdminArticleRow[];
  forced: AdminArticleRow[];
  /** Module items waiting for review; null when the actor reviews none of those modules. */
  modules: QueuedItem[] | null;
  /** Module items this person created that were sent back to them. */
  returned: KindItem[];
  /** Hỏi đáp: received, due soon, overdue, answers to approve or fix; null for those who do not handle questions. */
  questions: QuestionQueues | null;
  /** The site's conformance checklist, for those who manage the site's settings; null otherwise. */
  conformance: ChecklistRow | null;
}

/** The module items a person created, of the kinds the dashboard lists, most recently changed first. */
export async function ownModuleItems(db: Kysely<Database>, actor: Actor, status?: ItemReviewRow['status']): Promise<KindItem[]> {
  const rows = await new ItemReviewRepository(db, actor.siteId).listCreatedBy(
    MODULE_KINDS.map((k) => k.type),
    actor.userId,
    status,
  );
  return rows.map((item) => ({ kind: MODULE_KINDS.find((k) => k.type === item.item_type)!, item }));
}

/** The dashboard of an actor on their site. */
export async function newsroomDashboard(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<Dashboard> {
  const [articles, modules, returned, questions, conformance] = await Promise.all([
    articleQueues(db, actor),
    reviewQueue(db, actor, MODULE_KINDS),
    ownModuleItems(db, actor, 'returned'),
    questionQueues(db, actor, now),
    checklistOf(db, actor),
  ]);
  return { ...articles, modules: MODULE_KINDS.some((kind) => reviewsKind(actor, kind)) ? modules : null, returned, questions, conformance };
}

/** The site's checklist when the actor manages its settings (the site admin, the platform admin). */
async function checklistOf(db: Kysely<Database>, actor: Actor): Promise<ChecklistRow | null> {
  if (!can(actor, 'settings.manage')) return null;
  const site = await new SiteRepository(db).findById(actor.siteId);
  return site ? siteChecklist(db, site) : null;
}

/** How many things wait for a person, by newsroom area: what the menu's badges show. */
export interface WorkCounts {
  articles: number;
  documents: number;
  calendars: number;
  organisation: number;
  questions: number;
}

const AREA_OF: Record<string, keyof WorkCounts> = {
  document: 'documents',
  work_week: 'calendars',
  reception: 'calendars',
  organisation_page: 'organisation',
  organisation_people: 'organisation',
};

/**
 * What waits for a person, counted per area: articles to review (editors
 * and leaders) and their own sent back, module items to review (not their
 * own: someone else must) and their own sent back, questions to handle. Everything is of the actor's site.
 */
export async function workCounts(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<WorkCounts> {
  const repo = new ArticleAdminRepository(db, actor.siteId);
  const [toReview, sentBack, modules, returned, questions] = await Promise.all([
    can(actor, 'article.return') ? repo.count({ reviewStatus: 'submitted' }) : 0,
    repo.count({ reviewStatus: 'returned', authorId: actor.userId }),
    reviewQueue(db, actor, MODULE_KINDS),
    ownModuleItems(db, actor, 'returned'),
    questionWorkCount(db, actor, now),
  ]);
  const counts: WorkCounts = { articles: toReview + sentBack, documents: 0, calendars: 0, organisation: 0, questions };
  for (const { kind } of [...modules.filter((m) => !m.own), ...returned]) counts[AREA_OF[kind.type]!] += 1;
  return counts;
}
