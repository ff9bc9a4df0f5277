import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ItemReviewRow } from '../../db/schema/item-reviews.ts';
import { ItemReviewRepository } from '../../repositories/item-review-repository.ts';
import type { Actor } from '../permissions.ts';
import { subjectOf } from './item-store.ts';
import type { ReviewKind } from './kind.ts';
import { isOwnItem, reviewsKind } from './rules.ts';

/** An item waiting for review, as the dashboard lists it. */
export interface QueuedItem {
  kind: ReviewKind;
  item: ItemReviewRow;
  /** The actor created or last edited it: someone else must approve it. */
  own: boolean;
}

/** Items of these snapshot kinds waiting for an approver, oldest first: only of the kinds the actor may review. */
export async function reviewQueue(db: Kysely<Database>, actor: Actor, kinds: ReviewKind[]): Promise<QueuedItem[]> {
  const mine = kinds.filter((k) => reviewsKind(actor, k));
  const rows = await new ItemReviewRepository(db, actor.siteId).listByStatus(
    mine.map((k) => k.type),
    'submitted',
  );
  return rows.map((item) => ({ kind: mine.find((k) => k.type === item.item_type)!, item, own: isOwnItem(actor, subjectOf(item)) }));
}
