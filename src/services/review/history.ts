import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ItemRevisionRow } from '../../db/schema/item-reviews.ts';
import { AppError } from '../../errors.ts';
import { type ItemRevisionWithAuthor, ItemReviewRepository } from '../../repositories/item-review-repository.ts';
import type { Actor } from '../permissions.ts';
import { type FieldDiff, diffTexts } from './diff.ts';
import type { ReviewKind } from './kind.ts';
import { canView } from './rules.ts';

/** Which two revisions a history page compares, by number, as asked for (?a=&b=). */
export interface ComparedNumbers {
  a?: number | undefined;
  b?: number | undefined;
}

/** A history: every revision, newest first, the two compared, and their diff when they differ. */
export interface History<R> {
  revisions: R[];
  older: number | null;
  newer: number | null;
  diff: FieldDiff[] | null;
}

/**
 * The two revisions a history page compares: those asked for, by default the
 * two newest, older first; the found ones, to diff if they differ.
 */
export function comparedPair<R extends { number: number }>(revisions: R[], asked: ComparedNumbers) {
  let older = asked.a ?? revisions[1]?.number ?? null;
  let newer = asked.b ?? revisions[0]?.number ?? null;
  if (older !== null && newer !== null && older > newer) [older, newer] = [newer, older];
  const a = revisions.find((r) => r.number === older);
  const b = revisions.find((r) => r.number === newer);
  return { older, newer, pair: a && b && a !== b ? ([a, b] as const) : null };
}

/** The revision history of an item of a snapshot kind, with a word diff of two revisions; only for those who may see the item. */
export async function itemHistory(
  db: Kysely<Database>,
  actor: Actor,
  kind: ReviewKind,
  key: string,
  asked: ComparedNumbers,
): Promise<History<ItemRevisionWithAuthor>> {
  const item = await (kind.store.peek ?? kind.store.load)(db, actor.siteId, key);
  if (!canView(actor, kind, item)) throw new AppError('forbidden');
  const revisions = await new ItemReviewRepository(db, actor.siteId).listRevisions(kind.type, key);
  const { older, newer, pair } = comparedPair(revisions, asked);
  return { revisions, older, newer, diff: pair ? diffSnapshots(kind, ...pair) : null };
}

/** A word diff of two revisions of a snapshot kind's item, field by field, as the kind words them. */
export function diffSnapshots(kind: ReviewKind, older: ItemRevisionRow, newer: ItemRevisionRow): FieldDiff[] {
  const asText = (snapshot: string) => kind.diff?.asText(JSON.parse(snapshot)) ?? {};
  return diffTexts(kind.diff?.fields ?? [], asText(older.snapshot), asText(newer.snapshot));
}
