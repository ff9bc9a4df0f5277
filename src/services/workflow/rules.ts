import type { ArticleRow, ArticleStatus } from '../../db/schema.ts';
import { type Actor, type Permission, can } from '../permissions.ts';

/**
 * The approval rules, as data and pure functions: which status each action
 * starts from, what it needs, and what counts as approving one's own work.
 */

export type WorkflowAction = 'submit' | 'return' | 'publish' | 'force_publish' | 'unpublish' | 'archive' | 'trash' | 'restore';

export const STATUS_NAMES: Record<ArticleStatus, string> = {
  draft: 'Bản nháp',
  submitted: 'Chờ duyệt',
  returned: 'Bị trả lại',
  scheduled: 'Hẹn giờ xuất bản',
  published: 'Đã xuất bản',
  unpublished: 'Đã gỡ',
  archived: 'Lưu trữ',
};

/** From which statuses each action may start, and the permission it needs. */
export const TRANSITIONS: Record<WorkflowAction, { from: ArticleStatus[]; permission: Permission }> = {
  submit: { from: ['draft', 'returned'], permission: 'article.submit' },
  return: { from: ['submitted'], permission: 'article.return' },
  publish: { from: ['submitted', 'unpublished'], permission: 'article.publish' },
  force_publish: { from: ['draft', 'submitted', 'returned', 'unpublished'], permission: 'article.force_publish' },
  unpublish: { from: ['published', 'scheduled'], permission: 'article.unpublish' },
  archive: { from: ['published', 'unpublished'], permission: 'article.archive' },
  trash: { from: ['draft', 'submitted', 'returned', 'scheduled', 'published', 'unpublished', 'archived'], permission: 'article.delete' },
  restore: { from: ['draft', 'submitted', 'returned', 'scheduled', 'published', 'unpublished', 'archived'], permission: 'article.delete' },
};

/** Statuses whose content the public sees (or will at a set time). */
export const LIVE_STATUSES: ArticleStatus[] = ['published', 'scheduled'];
/** Statuses an author may still change without an editor. */
const AUTHOR_EDITABLE: ArticleStatus[] = ['draft', 'returned'];

type ArticleState = Pick<ArticleRow, 'status' | 'author_id' | 'deleted_at'>;

function isAuthor(actor: Actor, article: ArticleState): boolean {
  return article.author_id !== null && article.author_id === actor.userId;
}

/** Whether an actor may change an article's content. Live content is changed only by those who may publish. */
export function canEdit(actor: Actor, article: ArticleState): boolean {
  if (article.deleted_at || article.status === 'archived') return false;
  if (LIVE_STATUSES.includes(article.status)) return can(actor, 'article.publish');
  if (can(actor, 'article.edit_any')) return true;
  return can(actor, 'article.edit_own') && isAuthor(actor, article) && AUTHOR_EDITABLE.includes(article.status);
}

/**
 * "Second pair of eyes": an approver's own work is what they wrote (created)
 * or last changed. The one rule for articles and for every reviewed module
 * item; approving one's own article needs force-publish with a recorded reason.
 */
export function isOwnWork(actor: Pick<Actor, 'userId'>, authorId: number | null, lastEditorId: number | null): boolean {
  return authorId === actor.userId || lastEditorId === actor.userId;
}

/** Whether an action is possible now, for this actor, on this article (the own-work rule aside). */
export function canDo(actor: Actor, article: ArticleState, action: WorkflowAction): boolean {
  const rule = TRANSITIONS[action];
  if (action === 'restore' ? !article.deleted_at : Boolean(article.deleted_at)) return false;
  if (!rule.from.includes(article.status)) return false;
  if (can(actor, rule.permission)) return true;
  // Authors may submit and bin their own unfinished work.
  if ((action === 'submit' || action === 'trash') && isAuthor(actor, article) && AUTHOR_EDITABLE.includes(article.status)) {
    return can(actor, 'article.edit_own');
  }
  return false;
}

/** Every action the actor could take on the article now, for showing buttons. */
export function availableActions(actor: Actor, article: ArticleState): WorkflowAction[] {
  return (Object.keys(TRANSITIONS) as WorkflowAction[]).filter((action) => canDo(actor, article, action));
}
