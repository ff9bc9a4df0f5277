import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../permissions.ts';
import type { ReviewKind, SaveRecord } from './kind.ts';
import { type ReviewSubject, editConflict, editRefusal, reopens } from './rules.ts';

/** An item a save changed, as its revision records it. */
export interface SavedItem extends Omit<SaveRecord, 'before' | 'reopen'> {
  key: string;
}

/** What a module's write did: its own result, and the items to record a revision of. */
export interface SaveOutcome<T> {
  result: T;
  saved: SavedItem[];
}

/**
 * The one way reviewed content is saved, inside the module's transaction:
 * loads the items the change touches (an item older than the workflow gets
 * its state then, so the public keeps what it saw), refuses unless the actor
 * may change each of them now (rules.ts), lets the module write its rows,
 * then has the kind's store record each saved item: a revision, who saved
 * it last, and a new draft over live content where the kind works so.
 * `touched` lists existing items; a save that creates one touches none and
 * names it in what it returns. `expectedVersion`, the version the form was
 * opened on, refuses the save (edit_conflict) when someone saved since.
 * Returns the module's result and the revision numbers.
 */
export async function saveWithRevision<T>(
  trx: Kysely<Database>,
  actor: Actor,
  kind: ReviewKind,
  touched: Array<string | number>,
  write: (before: Map<string, ReviewSubject | undefined>) => Promise<SaveOutcome<T>>,
  options: { expectedVersion?: string | undefined } = {},
): Promise<{ result: T; revisions: Array<number | null> }> {
  const before = new Map<string, ReviewSubject | undefined>();
  for (const key of new Set(touched.map(String))) before.set(key, await kind.store.load(trx, actor.siteId, key));
  const checked = before.size ? [...before.values()] : [undefined];
  for (const item of checked) {
    const refusal = editRefusal(actor, kind, item);
    if (refusal) throw refusal;
    const conflict = before.size === 1 ? editConflict(kind, item, options.expectedVersion) : null;
    if (conflict) throw conflict;
  }
  const outcome = await write(before);
  const revisions: Array<number | null> = [];
  const recorded = new Set<string>();
  for (const { key, ...save } of outcome.saved) {
    if (recorded.has(key)) continue;
    recorded.add(key);
    const item = before.get(key);
    revisions.push((await kind.store.saved?.(trx, actor, key, { ...save, before: item, reopen: reopens(kind, item) })) ?? null);
  }
  return { result: outcome.result, revisions };
}
