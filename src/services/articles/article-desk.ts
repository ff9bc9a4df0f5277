import type { Kysely } from 'kysely';
import type { ArticleStatus, CategoryRow, Database, MediaRow, PendingStatus } from '../../db/schema.ts';
import { type AdminArticleFilter, type AdminArticleRow, ArticleAdminRepository } from '../../repositories/article-admin-repository.ts';
import { FormerUnitRepository } from '../../repositories/former-unit-repository.ts';
import type { FormerUnitRow } from '../../db/schema/moving-in.ts';
import { CategoryRepository } from '../../repositories/category-repository.ts';
import { libraryItems } from '../media-service.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { type Actor, can } from '../permissions.ts';
import { type ReviewState, reviewState } from '../review/state.ts';
import { loadArticle } from './article-editor.ts';
import { articleReview, withPendingEdit } from './article-review.ts';

/**
 * What the newsroom shows of articles, each read scoped to what the actor
 * may see: everyone's with article.view_all, otherwise only their own.
 */

const PAGE_SIZE = 20;

/** The filter that keeps an actor to the articles they may see. */
function visibleTo(actor: Actor, filter: AdminArticleFilter): AdminArticleFilter {
  return can(actor, articleReview.permissions.viewAll!) ? filter : { ...filter, authorId: actor.userId };
}

/** A page of the article list, most recently changed first, optionally of one status. */
export async function listArticles(
  db: Kysely<Database>,
  actor: Actor,
  status: ArticleStatus | undefined,
  page: number,
  unitSlug?: string,
): Promise<{ items: AdminArticleRow[]; pagination: Pagination; units: FormerUnitRow[]; unit: FormerUnitRow | undefined }> {
  const repo = new ArticleAdminRepository(db, actor.siteId);
  // A merged ward's articles can be narrowed to one former unit's.
  const units = await new FormerUnitRepository(db, actor.siteId).list();
  const unit = units.find((u) => u.slug === unitSlug);
  // The review's tabs also list the live articles whose edit is at that step.
  const reviewing = status === 'draft' || status === 'submitted' || status === 'returned';
  const filter = visibleTo(actor, { ...(reviewing ? { reviewStatus: status } : { status }), formerUnitId: unit?.id });
  const pagination = paginate(await repo.count(filter), page, PAGE_SIZE);
  return { items: await repo.list(filter, PAGE_SIZE, pagination.offset), pagination, units, unit };
}

/** The trash: what was binned in the last 30 days, for those who may restore it. */
export async function listTrash(db: Kysely<Database>, actor: Actor): Promise<AdminArticleRow[]> {
  return new ArticleAdminRepository(db, actor.siteId).list(visibleTo(actor, { trashed: true }), 200);
}

/** The article queues of the dashboard: waiting for review, one's own drafts and returned work, and what went out without review. */
export async function articleQueues(db: Kysely<Database>, actor: Actor) {
  const repo = new ArticleAdminRepository(db, actor.siteId);
  const [queue, drafts, returned, forced] = await Promise.all([
    repo.list(visibleTo(actor, { reviewStatus: 'submitted' }), 50),
    repo.list({ status: 'draft', authorId: actor.userId }, 50),
    repo.list({ status: 'returned', authorId: actor.userId }, 50),
    repo.list(visibleTo(actor, { forcedOnly: true }), 50),
  ]);
  return { queue, mine: [...returned, ...drafts], forced };
}

/** Everything the article editor shows: the article as its latest content stands, what the actor may do with it, and the choices of its form. */
export interface ArticleDesk {
  /** Null for a new article. */
  article: AdminArticleRow | null;
  /** Where the review of an edit waiting over the live article stands. */
  pending: PendingStatus | null;
  /** Its review as this person sees it: the actions they may take, whether they may change it. */
  review: ReviewState;
  categories: CategoryRow[];
  images: MediaRow[];
  /** A shared preview link's token, while it works. */
  previewToken: string | null;
}

/** Loads the editor of a new (id null) or saved article the actor may see. */
export async function articleDesk(db: Kysely<Database>, actor: Actor, id: number | null, now = new Date()): Promise<ArticleDesk> {
  const [row, categories, images] = await Promise.all([
    id === null ? null : loadArticle(db, actor, id),
    new CategoryRepository(db, actor.siteId).list(),
    libraryItems(db, actor.siteId, { kind: 'image', limit: 200 }),
  ]);
  const live = row?.preview_token && row.preview_expires_at && row.preview_expires_at > now.toISOString();
  return {
    article: row && (await withPendingEdit(db, actor.siteId, row)),
    pending: row?.pending_status ?? null,
    review: await reviewState(db, actor, articleReview, row ? String(row.id) : ''),
    categories,
    images,
    previewToken: live ? row.preview_token : null,
  };
}
