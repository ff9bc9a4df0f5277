import type { ArticleStatus } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { type Actor, type Permission, can } from '../permissions.ts';

/**
 * The approval rules of every reviewed thing (articles, documents, calendars,
 * Giới thiệu pages, the people list, Q&A answers), as data and pure
 * functions: which status each action starts from, which permission it
 * needs, who may change content when, and what counts as one's own work.
 * A kind brings its permissions and two choices (ReviewRules); nothing else
 * decides "who may do what, when".
 */

/** Where a reviewed item stands. Kinds without scheduling or archiving never reach those. */
export type ReviewStatus = ArticleStatus;

export type ReviewAction = 'submit' | 'return' | 'publish' | 'force_publish' | 'unpublish' | 'archive' | 'trash' | 'restore';

export const STATUS_NAMES: Record<ReviewStatus, string> = {
  draft: 'Bản nháp',
  submitted: 'Chờ duyệt',
  returned: 'Bị trả lại',
  scheduled: 'Hẹn giờ xuất bản',
  published: 'Đã xuất bản',
  unpublished: 'Đã gỡ',
  archived: 'Lưu trữ',
};

/** The one name of each action, on every kind's buttons (articles, documents, calendars, Giới thiệu, Q&A answers) and in messages. */
export const ACTION_NAMES: Record<ReviewAction, string> = {
  submit: 'Gửi duyệt',
  return: 'Trả lại',
  publish: 'Duyệt và xuất bản',
  force_publish: 'Xuất bản không qua duyệt',
  unpublish: 'Gỡ khỏi cổng',
  archive: 'Lưu trữ',
  trash: 'Chuyển vào thùng rác',
  restore: 'Khôi phục',
};

const ALL: ReviewStatus[] = ['draft', 'submitted', 'returned', 'scheduled', 'published', 'unpublished', 'archived'];

/** From which statuses each action may start; `live`: also whenever an approved version is public. */
export const TRANSITIONS: Record<ReviewAction, { from: ReviewStatus[]; live?: boolean }> = {
  submit: { from: ['draft', 'returned'] },
  return: { from: ['submitted'] },
  publish: { from: ['submitted', 'unpublished'] },
  force_publish: { from: ['draft', 'submitted', 'returned', 'unpublished'] },
  unpublish: { from: ['published', 'scheduled'], live: true },
  archive: { from: ['published', 'unpublished'] },
  trash: { from: ALL },
  restore: { from: ALL },
};

/** Statuses an author may still change without an editor. */
const AUTHOR_EDITABLE: ReviewStatus[] = ['draft', 'returned'];

/** What the rules need to know of an item. */
export interface ReviewSubject {
  /** The review state of its latest content: what the workflow buttons act on. */
  status: ReviewStatus;
  /** An approved version is public, or will be at a set time, whatever the latest content's state. */
  live: boolean;
  deleted: boolean;
  /** Who created it. */
  authorId: number | null;
  /** Who changed its content last: with the author, the "own work" no one may approve. */
  lastEditorId: number | null;
  /** What lists and the audit log call it. */
  title: string;
  /** Why an approver sent it back, shown to whoever fixes it. */
  returnComment: string;
  /** When it goes (or went) public, if a time is set. */
  publishAt: string | null;
  /** A token that changes with every save of its content: a form carries it so two people's edits never silently overwrite each other. */
  version?: string | null;
}

/** The permissions a kind's actions need; `edit` also covers submitting, `publish` also returning and unpublishing unless named. */
export interface KindPermissions {
  edit: Permission;
  publish: Permission;
  /** Creating a new item, when it differs from editing. */
  create?: Permission;
  /** Changing one's own items only (and seeing them); with it, `edit` is the right to change anyone's. */
  editOwn?: Permission;
  /** Seeing everyone's items, when it differs from `edit`. */
  viewAll?: Permission;
  /** Per action, when it differs from the default. */
  actions?: Partial<Record<ReviewAction, Permission>>;
}

/** The part of a kind the rules read. */
export interface ReviewRules {
  /** What people call one item, for messages: "văn bản", "bài". */
  noun: string;
  /** The actions this kind has, in the order the newsroom offers them. */
  actions: readonly ReviewAction[];
  permissions: KindPermissions;
  /**
   * What an edit of live content does. 'live': only those who may publish
   * make it, and it shows at once. 'draft': whoever may edit makes it, and it
   * waits as a new version for review while the public keeps the approved one.
   */
  publishedEdits: 'live' | 'draft';
  /** Who may change content waiting for review: those who may review it, or nobody until it is returned. */
  waitingEdits: 'reviewers' | 'none';
}

/** The permission an action needs on a kind. */
export function permissionFor(kind: ReviewRules, action: ReviewAction): Permission {
  return kind.permissions.actions?.[action] ?? (action === 'submit' ? kind.permissions.edit : kind.permissions.publish);
}

const isAuthor = (actor: Pick<Actor, 'userId'>, item: Pick<ReviewSubject, 'authorId'>) => item.authorId !== null && item.authorId === actor.userId;

/**
 * "Second pair of eyes": an approver's own work is what they wrote (created)
 * or changed last. Nobody approves or returns their own work; approving it
 * anyway needs force-publish with a recorded reason, where the kind has it.
 */
export function isOwnWork(actor: Pick<Actor, 'userId'>, authorId: number | null, lastEditorId: number | null): boolean {
  return authorId === actor.userId || lastEditorId === actor.userId;
}

/** Whether an actor may see an item in the newsroom (never another site's: the store does not load those). */
export function canView(actor: Actor, kind: ReviewRules, item: Pick<ReviewSubject, 'authorId'> | undefined): boolean {
  const { viewAll, edit, editOwn } = kind.permissions;
  if (can(actor, viewAll ?? edit)) return true;
  return editOwn !== undefined && item !== undefined && isAuthor(actor, item) && can(actor, editOwn);
}

/** Whether an actor may change an item's content now; undefined is a new item. */
export function canEdit(actor: Actor, kind: ReviewRules, item: ReviewSubject | undefined): boolean {
  return editRefusal(actor, kind, item) === null;
}

/** Why an actor may not change an item's content now, or null when they may. */
export function editRefusal(actor: Actor, kind: ReviewRules, item: ReviewSubject | undefined): AppError | null {
  const { edit, editOwn, create } = kind.permissions;
  if (!item) return can(actor, create ?? edit) ? null : new AppError('forbidden');
  const Noun = capitalise(kind.noun);
  if (item.deleted || item.status === 'archived') return new AppError('forbidden', `${Noun} đang ở thùng rác hoặc lưu trữ; hãy khôi phục trước khi sửa.`);
  if (!canView(actor, kind, item)) return new AppError('forbidden');
  if (item.status === 'submitted') {
    if (kind.waitingEdits === 'none') return new AppError('invalid_transition', `${Noun} đang chờ duyệt nên chưa sửa được; người duyệt có thể trả lại để sửa.`);
    return can(actor, permissionFor(kind, 'return'))
      ? null
      : new AppError('forbidden', `${Noun} đang chờ duyệt; người có quyền duyệt mới sửa được, hoặc trả lại để sửa.`);
  }
  if (item.live && kind.publishedEdits === 'live') {
    return can(actor, kind.permissions.publish) ? null : new AppError('forbidden', `${Noun} đã công bố; cần quyền duyệt để sửa.`);
  }
  if (can(actor, edit)) return null;
  if (editOwn !== undefined && can(actor, editOwn) && isAuthor(actor, item) && AUTHOR_EDITABLE.includes(item.status)) return null;
  return new AppError('forbidden', `Bạn không thể sửa ${kind.noun} này ở trạng thái hiện tại.`);
}

/** Why a save made on top of an older version is refused: someone else saved in between, and overwriting them silently would lose their work. */
export function editConflict(kind: Pick<ReviewRules, 'noun'>, item: ReviewSubject | undefined, expected: string | undefined): AppError | null {
  if (expected === undefined || expected === '' || !item?.version || item.version === expected) return null;
  const message = `trong lúc bạn sửa, người khác đã lưu ${kind.noun} này. Nội dung bạn nhập vẫn còn trong biểu mẫu dưới đây; hãy mở "Lịch sử phiên bản" để xem bản của họ, rồi bấm Lưu lần nữa nếu muốn thay bằng bản của bạn.`;
  return new AppError('edit_conflict', capitalise(message), [{ field: 'version', message }]);
}

/** Whether an actor may move the time live content goes (or went) public, which changes none of its text: those who may publish it. */
export function canReschedule(actor: Actor, kind: ReviewRules): boolean {
  return can(actor, permissionFor(kind, 'publish'));
}

/** Whether a save starts a new draft: in a 'draft' kind, any change of published (or withdrawn) content. */
export function reopens(kind: Pick<ReviewRules, 'publishedEdits'>, before: ReviewSubject | undefined): boolean {
  return kind.publishedEdits === 'draft' && before !== undefined && ['published', 'scheduled', 'unpublished'].includes(before.status);
}

/** Whether the item's state lets an action start (the actor aside). */
function stateAllows(item: ReviewSubject, action: ReviewAction): boolean {
  if ((action === 'restore') !== item.deleted) return false;
  const rule = TRANSITIONS[action];
  return rule.from.includes(item.status) || (rule.live === true && item.live);
}

/** Whether an action is possible now, for this actor, on this item (the own-work rule aside). */
export function canDo(actor: Actor, kind: ReviewRules, item: ReviewSubject, action: ReviewAction): boolean {
  if (!kind.actions.includes(action) || !stateAllows(item, action) || !canView(actor, kind, item)) return false;
  // One sends for review only what one may change.
  if (action === 'submit') return can(actor, permissionFor(kind, 'submit')) && canEdit(actor, kind, item);
  if (can(actor, permissionFor(kind, action))) return true;
  // Authors may bin their own unfinished work.
  return action === 'trash' && kind.permissions.editOwn !== undefined && canEdit(actor, kind, item) && isAuthor(actor, item);
}

/** Every action the actor could take on the item now, for showing buttons. */
export function availableActions(actor: Actor, kind: ReviewRules, item: ReviewSubject): ReviewAction[] {
  return kind.actions.filter((action) => canDo(actor, kind, item, action));
}

/** Whether approving or returning the item is the actor's own work, so someone else must do it. */
export function isOwnItem(actor: Pick<Actor, 'userId'>, item: Pick<ReviewSubject, 'authorId' | 'lastEditorId'>): boolean {
  return isOwnWork(actor, item.authorId, item.lastEditorId);
}

/**
 * Why an actor may not take an action on an item now, or null when they
 * may: forbidden when the state allows it but not for them (or it is their
 * own work to approve or return), invalid_transition when the state does not.
 */
export function transitionRefusal(
  actor: Actor,
  kind: ReviewRules & { actions: readonly ReviewAction[] },
  item: ReviewSubject,
  action: ReviewAction,
): AppError | null {
  if (!canDo(actor, kind, item, action)) {
    if (kind.actions.includes(action) && stateAllows(item, action)) {
      return new AppError('forbidden', `Vai trò của bạn không được thực hiện thao tác này với ${kind.noun}.`);
    }
    const where = item.deleted ? ' (trong thùng rác)' : '';
    return new AppError('invalid_transition', `Không thể thực hiện thao tác này với ${kind.noun} ở trạng thái "${STATUS_NAMES[item.status]}"${where}.`);
  }
  if ((action === 'publish' || action === 'return') && isOwnItem(actor, item)) {
    const forced = kind.actions.includes('force_publish') ? `, hoặc dùng "${ACTION_NAMES.force_publish}" và ghi rõ lý do` : '';
    const verb = action === 'publish' ? 'tự duyệt' : 'tự trả lại';
    return new AppError('forbidden', `Bạn không thể ${verb} ${kind.noun} do mình viết hoặc sửa sau cùng. Hãy nhờ một người duyệt khác${forced}.`);
  }
  return null;
}

/** Whether an actor may review (return or publish) items of a kind at all: for queues and dashboards. */
export function reviewsKind(actor: Actor, kind: ReviewRules): boolean {
  return kind.actions.includes('publish') && can(actor, permissionFor(kind, 'publish'));
}

/** The first letter in capitals, for a noun that starts a sentence. */
export const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
