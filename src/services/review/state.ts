import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../permissions.ts';
import type { ReviewKind } from './kind.ts';
import { type ReviewAction, type ReviewStatus, availableActions, canEdit, isOwnItem } from './rules.ts';

/** An item's review as one person sees it now, for the newsroom's review panel. */
export interface ReviewState {
  /** Null while nothing has been saved. */
  status: ReviewStatus | null;
  /** The approver's comment when it was returned, for whoever fixes it. */
  returnComment: string;
  /** The workflow actions this person may take now. */
  actions: ReviewAction[];
  /** This person created or last changed it: someone else has to approve or return it. */
  ownWork: boolean;
  /** Whether this person may change it now. */
  canEdit: boolean;
  /** The public still sees an earlier approved version while this one is not approved. */
  olderVersionLive: boolean;
  /** The version of its content now, for the form to send back (rules.ts: editConflict). */
  version: string;
}

/** Reads an item's review state for an actor, writing nothing. */
export async function reviewState(db: Kysely<Database>, actor: Actor, kind: ReviewKind, key: string): Promise<ReviewState> {
  const item = await (kind.store.peek ?? kind.store.load)(db, actor.siteId, key);
  return {
    status: item?.status ?? null,
    returnComment: item?.returnComment ?? '',
    actions: item ? availableActions(actor, kind, item) : [],
    ownWork: item ? isOwnItem(actor, item) : false,
    canEdit: canEdit(actor, kind, item),
    olderVersionLive: Boolean(item?.live && item.status !== 'published' && item.status !== 'scheduled'),
    version: item?.version ?? '',
  };
}
