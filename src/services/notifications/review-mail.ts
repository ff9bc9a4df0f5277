import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { formatDateTime } from '../../text/format.ts';
import type { Actor } from '../permissions.ts';
import type { ReviewChange, ReviewKind } from '../review/kind.ts';
import { type ReviewSubject, capitalise, permissionFor } from '../review/rules.ts';
import { type Notice, queueNotices, staffWith } from './outbox.ts';

/**
 * What a review transition tells whom: an item sent for review goes to
 * those of the site who may review it (an answer: to the approvers), an item
 * sent back goes to its author with the comment. Nobody is told of their
 * own action. Called by the engine inside the transition's transaction.
 */
export async function notifyTransition(
  db: Kysely<Database>,
  actor: Actor,
  kind: ReviewKind,
  key: string,
  change: ReviewChange,
  item: ReviewSubject,
): Promise<void> {
  const Noun = capitalise(kind.noun);
  const when = formatDateTime(change.at);
  const path = kind.adminPath(key);
  const now = new Date(change.at);
  if (change.action === 'submit') {
    const reviewers = (await staffWith(db, actor.siteId, permissionFor(kind, 'return'))).filter((p) => p.userId !== actor.userId);
    const notices: Notice[] = reviewers.map((to) => ({
      to,
      kind: kind.type === 'answer' ? 'answer' : 'submitted',
      subject: `${Noun} chờ duyệt: ${item.title}`,
      lines: [`${actor.displayName} đã gửi duyệt ${kind.noun} "${item.title}" lúc ${when}.`, 'Vui lòng xem, rồi duyệt hoặc trả lại kèm nhận xét.'],
      path,
    }));
    await queueNotices(db, actor.siteId, notices, now);
  } else if (change.action === 'return' && item.authorId !== null && item.authorId !== actor.userId) {
    const authors = (await staffWith(db, actor.siteId, kind.permissions.editOwn ?? kind.permissions.edit)).filter((p) => p.userId === item.authorId);
    const notices: Notice[] = authors.map((to) => ({
      to,
      kind: 'returned',
      subject: `${Noun} bị trả lại: ${item.title}`,
      lines: [
        `${actor.displayName} đã trả lại ${kind.noun} "${item.title}" lúc ${when}, kèm nhận xét:`,
        change.comment,
        'Hãy sửa theo nhận xét rồi gửi duyệt lại.',
      ],
      path,
    }));
    await queueNotices(db, actor.siteId, notices, now);
  }
}
