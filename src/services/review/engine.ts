import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { formatDateTime } from '../../text/format.ts';
import { recordAudit } from '../audit-service.ts';
import { notifyTransition } from '../notifications/review-mail.ts';
import type { Actor } from '../permissions.ts';
import type { ReviewChange, ReviewKind } from './kind.ts';
import { type ReviewAction, type ReviewStatus, type ReviewSubject, transitionRefusal } from './rules.ts';

/** What an action may carry besides the item. */
export interface TransitionInput {
  /** Why an item goes back (required to return it). */
  comment?: string | undefined;
  /** Why it goes out without a second approver (required to force-publish it). */
  reason?: string | undefined;
  /** When a publish makes it public, if not at the time already set (or now). */
  publishAt?: Date | null | undefined;
  /** The form to save first, in the same transaction, when the kind can (kind.save). */
  save?: unknown;
  /** The module's own save of the form a workflow button posted, run first in the same transaction (articles, documents). */
  saveFirst?: ((trx: Kysely<Database>) => Promise<unknown>) | undefined;
  /** Everything else the form posted, for a kind's own choices. */
  options?: Record<string, unknown>;
  now?: Date;
}

/** Reads a required note (a return comment, a force-publish reason): trimmed, NFC, within bounds, or a field error. */
function note(value: string | undefined, field: string, min: number, missing: string): string {
  const text = (value ?? '').trim().normalize('NFC');
  if (text.length < min) throw validationError([{ field, message: missing }]);
  if (text.length > 2000) throw validationError([{ field, message: 'tối đa 2.000 ký tự' }]);
  return text;
}

/** The status an action leads to; a publish waits for its time when that is still ahead. */
function nextStatus(action: ReviewAction, item: ReviewSubject, publishAt: string | null, now: Date): ReviewStatus {
  switch (action) {
    case 'submit':
      return 'submitted';
    case 'return':
      return 'returned';
    case 'publish':
    case 'force_publish':
      return publishAt !== null && Date.parse(publishAt) > now.getTime() ? 'scheduled' : 'published';
    case 'unpublish':
      return 'unpublished';
    case 'archive':
      return 'archived';
    default:
      return item.status;
  }
}

/** The audit summary: the item's title, and why (the comment, the reason, the time). */
function summaryOf(change: ReviewChange, extra: string | undefined): string {
  let summary = change.before.title;
  if (change.action === 'return') summary += ` — nhận xét: ${change.comment}`;
  else if (change.action === 'force_publish') summary += ` — lý do: ${change.reason}`;
  else if (change.status === 'scheduled') summary += ` — lúc ${formatDateTime(change.publishAt!)}`;
  return extra ? `${summary} — ${extra}` : summary;
}

/** The error for an item this site does not have. */
function missing(kind: Pick<ReviewKind, 'noun' | 'notFound'>): AppError {
  return kind.notFound ? new AppError(kind.notFound) : new AppError('not_found', `Không tìm thấy ${kind.noun}.`);
}

const targetIdOf = (key: string) => (/^\d{1,10}$/.test(key) ? Number(key) : null);

/**
 * Moves an item of any kind along the review workflow, in one transaction:
 * saves what the button posted first (when the kind can), checks the rules
 * (rules.ts: who, from which status, never one's own work to approve or
 * return), the comment or reason the action needs and what must hold before
 * going public, then has the kind's store write it, the kind mark what it
 * makes stale, the audit log record it (force-publishing flagged), and
 * the people it concerns be notified (notifications/review-mail.ts).
 * Nothing changes when anything is refused. Returns the new status.
 */
export async function transition(
  db: Kysely<Database>,
  actor: Actor,
  kind: ReviewKind,
  key: string | number,
  action: ReviewAction,
  input: TransitionInput = {},
): Promise<ReviewStatus> {
  const id = String(key);
  const now = input.now ?? new Date();
  return inTransaction(db, async (trx) => {
    if (input.save !== undefined && kind.save) await kind.save(trx, actor, id, input.save);
    if (input.saveFirst) await input.saveFirst(trx);
    const item = await kind.store.load(trx, actor.siteId, id);
    if (!item) throw missing(kind);
    const refusal = transitionRefusal(actor, kind, item, action);
    if (refusal) throw refusal;
    const publishing = action === 'publish' || action === 'force_publish';
    const comment = action === 'return' ? note(input.comment, 'comment', 3, kind.returnHint ?? 'hãy ghi nhận xét khi trả lại (ít nhất 3 ký tự)') : '';
    const reason = action === 'force_publish' ? note(input.reason, 'reason', 10, 'hãy ghi lý do xuất bản không qua duyệt (ít nhất 10 ký tự)') : '';
    if (publishing) {
      const problems = (await kind.publishProblems?.(trx, actor.siteId, id)) ?? [];
      if (problems.length) throw validationError(problems);
    }
    // A planned or earlier time is kept (backdated imports, republishing); otherwise now.
    const publishAt = publishing ? (input.publishAt?.toISOString() ?? item.publishAt ?? now.toISOString()) : item.publishAt;
    const change: ReviewChange = {
      action,
      status: nextStatus(action, item, publishAt, now),
      before: item,
      at: now.toISOString(),
      publishAt,
      comment,
      reason,
      options: input.options ?? {},
    };
    const applied = await kind.store.apply(trx, actor, id, change);
    const after = (await kind.store.load(trx, actor.siteId, id)) ?? item;
    await kind.changed?.(trx, actor.siteId, id, after);
    const audited = change.status === 'scheduled' && action === 'publish' ? 'scheduled' : action;
    await recordAudit(trx, actor, {
      action: kind.audit[audited] ?? kind.audit[action] ?? `${kind.targetType}.${action}`,
      targetType: kind.targetType,
      targetId: targetIdOf(id),
      summary: summaryOf(change, applied?.note),
      flagged: action === 'force_publish',
    });
    await applied?.after?.();
    await notifyTransition(trx, actor, kind, id, change, after);
    return change.status;
  });
}
