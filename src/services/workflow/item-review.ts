import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ItemReviewRow, ItemRevisionRow, ReviewStatus } from '../../db/schema/item-reviews.ts';
import { AppError, type FieldError, validationError } from '../../errors.ts';
import { type ItemRevisionWithAuthor, ItemReviewRepository } from '../../repositories/item-review-repository.ts';
import { recordAudit } from '../audit-service.ts';
import { type Actor, type Permission, can } from '../permissions.ts';
import { type FieldDiff, diffTexts } from './diff.ts';
import { STATUS_NAMES, isOwnWork } from './rules.ts';

/**
 * The article workflow for the modules that are not articles (văn bản, lịch
 * công tác, lịch tiếp công dân): draft → submitted (Gửi duyệt) → returned
 * (Trả lại, with a comment) or published → unpublished. Whoever may edit
 * submits; whoever may publish returns or publishes, but never what they
 * created or saved last. Every save is a revision (a JSON snapshot), every
 * transition an audit entry. A module describes itself with a ReviewKind.
 */

export type { ReviewStatus } from '../../db/schema/item-reviews.ts';
export type ReviewAction = 'submit' | 'return' | 'publish' | 'unpublish';

/** What the shared workflow needs to know about a module. */
export interface ReviewKind {
  /** Stored as item_type: 'document', 'work_week', 'reception'. */
  type: string;
  /** What people call one item, for messages: "văn bản", "lịch công tác tuần". */
  noun: string;
  /** The audit target type. */
  targetType: string;
  /** Submitting needs the right to edit; returning, publishing and unpublishing the right to publish. */
  edit: Permission;
  publish: Permission;
  /**
   * What an edit of a published item does. 'live': only a publisher may make
   * it and it shows at once (as with articles). 'draft': it makes a new draft,
   * and the public keeps seeing the last published revision until one is approved.
   */
  publishedEdits: 'live' | 'draft';
  /** The audit action of each transition. */
  audit: Record<ReviewAction, string>;
  /** Where the item is edited in the newsroom. */
  adminPath(key: string): string;
  /** The snapshot's fields, in order, with their labels, as the revision diff shows them. */
  diffFields: Array<{ field: string; label: string }>;
  /** A snapshot as text per diff field. */
  asText(snapshot: unknown): Record<string, string>;
  /** For items saved before the workflow existed: their state then, or null when the item does not exist. */
  legacy?(db: Kysely<Database>, siteId: number, key: string): Promise<LegacyItem | null>;
  /** What must hold before the item goes public (for example: a document needs a file). */
  publishProblems?(db: Kysely<Database>, siteId: number, key: string): Promise<FieldError[]>;
  /** What the module does when the status changes, in the same transaction: mirror it, re-index, mark pages stale. */
  statusChanged?(db: Kysely<Database>, siteId: number, key: string, item: ItemReviewRow): Promise<void>;
}

/** The state of an item that predates the workflow. */
export interface LegacyItem {
  title: string;
  status: ReviewStatus;
  createdBy: number | null;
  updatedBy: number | null;
  snapshot: unknown;
}

/** From which statuses each action may start, and which of the kind's permissions it needs. */
export const REVIEW_TRANSITIONS: Record<ReviewAction, { from: ReviewStatus[]; needs: 'edit' | 'publish' }> = {
  submit: { from: ['draft', 'returned'], needs: 'edit' },
  return: { from: ['submitted'], needs: 'publish' },
  publish: { from: ['submitted', 'unpublished'], needs: 'publish' },
  unpublish: { from: ['published'], needs: 'publish' },
};

/** What the newsroom calls each status: the article workflow's names. */
export function reviewStatusName(status: ReviewStatus): string {
  return STATUS_NAMES[status];
}

type ReviewState = Pick<ItemReviewRow, 'status'>;

/** Whether an actor may change an item now. Waiting items are left to those who may publish, and so is live content of a 'live' kind. */
export function canEditItem(actor: Actor, kind: ReviewKind, item: ReviewState | null | undefined): boolean {
  if (!can(actor, kind.edit)) return false;
  if (!item) return true;
  if (item.status === 'submitted') return can(actor, kind.publish);
  if (item.status === 'published' && kind.publishedEdits === 'live') return can(actor, kind.publish);
  return true;
}

/** Whether an action is possible now, for this actor, on this item (the own-work rule aside). */
export function canDoItem(actor: Actor, kind: ReviewKind, item: ReviewState, action: ReviewAction): boolean {
  const rule = REVIEW_TRANSITIONS[action];
  return rule.from.includes(item.status) && can(actor, kind[rule.needs]);
}

/** Every action the actor could take on the item now, for showing buttons. */
export function availableItemActions(actor: Actor, kind: ReviewKind, item: ReviewState): ReviewAction[] {
  return (Object.keys(REVIEW_TRANSITIONS) as ReviewAction[]).filter((action) => canDoItem(actor, kind, item, action));
}

/** The status an item has now: its review state, published for content saved before the workflow, or null when never saved. */
export function reviewStatusOf(item: Pick<ItemReviewRow, 'status'> | undefined, hasContent: boolean): ReviewStatus | null {
  return item?.status ?? (hasContent ? 'published' : null);
}

/** Whether the actor created the item or saved it last: then someone else must approve or return it. */
export function isOwnItem(actor: Actor, item: Pick<ItemReviewRow, 'created_by' | 'updated_by'>): boolean {
  return isOwnWork(actor, item.created_by, item.updated_by);
}

const targetIdOf = (key: string) => (/^\d{1,10}$/.test(key) ? Number(key) : null);

/** The review state of an item, creating it from the legacy state for items older than the workflow; undefined when the item does not exist. */
export async function findReview(db: Kysely<Database>, siteId: number, kind: ReviewKind, key: string): Promise<ItemReviewRow | undefined> {
  const reviews = new ItemReviewRepository(db, siteId);
  const found = await reviews.find(kind.type, key);
  if (found || !kind.legacy) return found;
  const legacy = await kind.legacy(db, siteId, key);
  if (!legacy) return undefined;
  const at = nowIso();
  await reviews.insert({
    item_type: kind.type,
    item_key: key,
    title: legacy.title,
    status: legacy.status,
    return_comment: '',
    published_revision: legacy.status === 'published' ? 1 : null,
    published_at: legacy.status === 'published' ? at : null,
    published_by: null,
    submitted_at: null,
    submitted_by: null,
    created_by: legacy.createdBy,
    updated_by: legacy.updatedBy,
    created_at: at,
    updated_at: at,
  });
  await reviews.insertRevision({
    item_type: kind.type,
    item_key: key,
    number: 1,
    snapshot: JSON.stringify(legacy.snapshot),
    author_id: legacy.updatedBy,
    note: 'Trước khi có quy trình duyệt',
    created_at: at,
  });
  return reviews.find(kind.type, key);
}

/**
 * Records a save of an item, inside the module's own save transaction: checks
 * the actor may edit it now, stores a revision with the snapshot, and marks
 * who saved it last. A 'draft' kind's published item goes back to draft (the
 * public keeps the published revision). `created`: the module has just created
 * the item, so it has no earlier state. Returns the item as it now stands.
 */
export async function recordItemSave(
  trx: Kysely<Database>,
  actor: Actor,
  kind: ReviewKind,
  key: string,
  title: string,
  snapshot: unknown,
  options: { created?: boolean } = {},
): Promise<ItemReviewRow> {
  const reviews = new ItemReviewRepository(trx, actor.siteId);
  const existing = options.created ? undefined : await findReview(trx, actor.siteId, kind, key);
  if (!canEditItem(actor, kind, existing)) throw new AppError('forbidden', editRefusal(kind, existing!));
  const at = nowIso();
  if (existing) {
    const reopen = kind.publishedEdits === 'draft' && (existing.status === 'published' || existing.status === 'unpublished');
    await reviews.update(kind.type, key, { title, updated_by: actor.userId, updated_at: at, ...(reopen ? { status: 'draft' as const } : {}) });
  } else {
    await reviews.insert({
      item_type: kind.type,
      item_key: key,
      title,
      status: 'draft',
      return_comment: '',
      published_revision: null,
      published_at: null,
      published_by: null,
      submitted_at: null,
      submitted_by: null,
      created_by: actor.userId,
      updated_by: actor.userId,
      created_at: at,
      updated_at: at,
    });
  }
  const latest = await reviews.latestRevision(kind.type, key);
  await reviews.insertRevision({
    item_type: kind.type,
    item_key: key,
    number: (latest?.number ?? 0) + 1,
    snapshot: JSON.stringify(snapshot),
    author_id: actor.userId,
    note: existing ? '' : 'Tạo mới',
    created_at: at,
  });
  return (await reviews.find(kind.type, key))!;
}

function editRefusal(kind: ReviewKind, item: ReviewState): string {
  if (item.status === 'submitted') return `${capitalise(kind.noun)} đang chờ duyệt; người có quyền duyệt mới sửa được, hoặc trả lại để sửa.`;
  if (item.status === 'published') return `${capitalise(kind.noun)} đã công bố; cần quyền duyệt để sửa.`;
  return 'Bạn không có quyền sửa mục này.';
}

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

/** What some actions need: a comment to return an item. */
export interface ItemTransitionInput {
  comment?: string | undefined;
}

/**
 * Moves an item along the workflow in one transaction, with its audit entry
 * and the module's own consequences (kind.statusChanged). Nothing changes
 * when the action is refused. Returns the new status.
 */
export async function transitionItem(
  db: Kysely<Database>,
  actor: Actor,
  kind: ReviewKind,
  key: string,
  action: ReviewAction,
  input: ItemTransitionInput = {},
): Promise<ReviewStatus> {
  return inTransaction(db, async (trx) => {
    const item = await findReview(trx, actor.siteId, kind, key);
    if (!item) throw new AppError('not_found', `Không tìm thấy ${kind.noun}.`);
    if (!canDoItem(actor, kind, item, action)) {
      if (REVIEW_TRANSITIONS[action].from.includes(item.status))
        throw new AppError('forbidden', `Vai trò của bạn không được thực hiện thao tác này với ${kind.noun}.`);
      throw new AppError('invalid_transition', `Không thể thực hiện thao tác này với ${kind.noun} ở trạng thái "${reviewStatusName(item.status)}".`);
    }
    if ((action === 'publish' || action === 'return') && isOwnItem(actor, item)) {
      throw new AppError('forbidden', `Bạn không thể tự duyệt hoặc trả lại ${kind.noun} do mình tạo hoặc sửa sau cùng. Hãy nhờ một người duyệt khác.`);
    }
    const at = nowIso();
    const reviews = new ItemReviewRepository(trx, actor.siteId);
    let summary = item.title;
    let status: ReviewStatus;
    if (action === 'submit') {
      status = 'submitted';
      await reviews.update(kind.type, key, { status, submitted_at: at, submitted_by: actor.userId });
    } else if (action === 'return') {
      const comment = input.comment?.trim().normalize('NFC') ?? '';
      if (comment.length < 3) throw validationError([{ field: 'comment', message: 'hãy ghi nhận xét khi trả lại (ít nhất 3 ký tự)' }]);
      if (comment.length > 2000) throw validationError([{ field: 'comment', message: 'tối đa 2000 ký tự' }]);
      status = 'returned';
      await reviews.update(kind.type, key, { status, return_comment: comment });
      summary = `${item.title} — nhận xét: ${comment}`;
    } else if (action === 'publish') {
      const problems = (await kind.publishProblems?.(trx, actor.siteId, key)) ?? [];
      if (problems.length) throw validationError(problems);
      const latest = await reviews.latestRevision(kind.type, key);
      status = 'published';
      await reviews.update(kind.type, key, {
        status,
        return_comment: '',
        published_revision: latest?.number ?? null,
        published_at: at,
        published_by: actor.userId,
      });
    } else {
      status = 'unpublished';
      await reviews.update(kind.type, key, { status, published_revision: null });
    }
    const updated = (await reviews.find(kind.type, key))!;
    await kind.statusChanged?.(trx, actor.siteId, key, updated);
    await recordAudit(trx, actor, { action: kind.audit[action], targetType: kind.targetType, targetId: targetIdOf(key), summary });
    return status;
  });
}

/** The snapshot the public sees: null when nothing is published; undefined when the item never went through the workflow. */
export async function publishedSnapshot(db: Kysely<Database>, siteId: number, kind: ReviewKind, key: string): Promise<unknown | null | undefined> {
  const reviews = new ItemReviewRepository(db, siteId);
  const item = await reviews.find(kind.type, key);
  if (!item) return undefined;
  if (item.published_revision === null) return null;
  const revision = await reviews.findRevision(kind.type, key, item.published_revision);
  return revision ? (JSON.parse(revision.snapshot) as unknown) : null;
}

/** Every revision of an item, newest first, with who saved each. */
export async function itemRevisions(db: Kysely<Database>, siteId: number, kind: ReviewKind, key: string): Promise<ItemRevisionWithAuthor[]> {
  return new ItemReviewRepository(db, siteId).listRevisions(kind.type, key);
}

/** A word diff of two revisions of an item, field by field. */
export function diffItemRevisions(kind: ReviewKind, older: ItemRevisionRow, newer: ItemRevisionRow): FieldDiff[] {
  return diffTexts(kind.diffFields, kind.asText(JSON.parse(older.snapshot)), kind.asText(JSON.parse(newer.snapshot)));
}

/** An item waiting for review, as the dashboard lists it. */
export interface QueuedItem {
  kind: ReviewKind;
  item: ItemReviewRow;
  /** The actor created or last edited it: someone else must approve it. */
  own: boolean;
}

/** Items of these kinds waiting for an approver, oldest first: only the kinds the actor may publish. */
export async function reviewQueue(db: Kysely<Database>, actor: Actor, kinds: ReviewKind[]): Promise<QueuedItem[]> {
  const mine = kinds.filter((k) => can(actor, k.publish));
  const rows = await new ItemReviewRepository(db, actor.siteId).listByStatus(
    mine.map((k) => k.type),
    'submitted',
  );
  return rows.map((item) => ({ kind: mine.find((k) => k.type === item.item_type)!, item, own: isOwnItem(actor, item) }));
}
