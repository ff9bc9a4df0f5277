import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ItemReviewRow, ReviewStatus as ItemStatus } from '../../db/schema/item-reviews.ts';
import { ItemReviewRepository } from '../../repositories/item-review-repository.ts';
import type { ReviewStore } from './kind.ts';
import type { Permission } from '../permissions.ts';
import type { ReviewRules, ReviewSubject } from './rules.ts';

/**
 * The review store of module items (documents, calendar weeks, the
 * reception schedule, Giới thiệu pages, the people list, and the kinds to
 * come): their state in item_reviews, every save as a JSON snapshot in
 * item_revisions, and the revision the public sees. The module keeps its
 * own rows as the latest content; it tells the store how to read them.
 */

/** The state of an item saved before the workflow existed. */
export interface LegacyItem {
  title: string;
  status: ItemStatus;
  createdBy: number | null;
  updatedBy: number | null;
  snapshot: unknown;
}

/** How a module's items are read for the store. */
export interface ItemSource {
  /** The item's content as it now stands in the module's tables, as a revision keeps it. */
  snapshot(db: Kysely<Database>, siteId: number, key: string): Promise<unknown>;
  /** For items saved before the workflow: their state then, or null when the item does not exist. */
  legacy?(db: Kysely<Database>, siteId: number, key: string): Promise<LegacyItem | null>;
}

/**
 * The rules the modules' kinds share: whoever holds `edit` drafts and
 * submits, whoever holds `publish` returns, publishes and unpublishes; an
 * edit of published content waits for review ('draft'), or, for 'live'
 * kinds, is made by publishers only and shows at once.
 */
export function moduleRules(edit: Permission, publish: Permission, publishedEdits: 'draft' | 'live' = 'draft') {
  return {
    actions: ['submit', 'publish', 'return', 'unpublish'],
    permissions: { edit, publish },
    publishedEdits,
    waitingEdits: 'reviewers',
  } as const satisfies Omit<ReviewRules, 'noun'>;
}

/** An item_reviews row as the rules see it. */
export function subjectOf(item: ItemReviewRow): ReviewSubject {
  return {
    status: item.status,
    live: item.published_revision !== null,
    deleted: false,
    authorId: item.created_by,
    lastEditorId: item.updated_by,
    title: item.title,
    returnComment: item.return_comment,
    publishAt: null,
    // Every save stamps updated_at and transitions do not: it changes exactly when the content does.
    version: item.updated_at,
  };
}

type NewState = Pick<ItemReviewRow, 'title' | 'status' | 'created_by' | 'updated_by'> & Partial<Pick<ItemReviewRow, 'published_revision' | 'published_at'>>;

/** A fresh review row. */
function newRow(type: string, key: string, state: NewState, at: string) {
  return {
    item_type: type,
    item_key: key,
    return_comment: '',
    published_revision: null,
    published_at: null,
    published_by: null,
    submitted_at: null,
    submitted_by: null,
    created_at: at,
    updated_at: at,
    ...state,
  };
}

/**
 * Records an item the installation itself wrote (no author) as a draft with
 * its first revision: what a new site starts with, never public until an
 * approver publishes it.
 */
export async function recordSystemDraft(db: Kysely<Database>, siteId: number, type: string, key: string, title: string, snapshot: unknown): Promise<void> {
  const reviews = new ItemReviewRepository(db, siteId);
  const at = nowIso();
  await reviews.insert(newRow(type, key, { title, status: 'draft', created_by: null, updated_by: null }, at));
  await reviews.insertRevision({
    item_type: type,
    item_key: key,
    number: 1,
    snapshot: JSON.stringify(snapshot),
    author_id: null,
    note: 'Tạo cùng cổng',
    created_at: at,
  });
}

/** The review state of an item, made from its legacy state for items older than the workflow; undefined when there is none. */
async function findReview(db: Kysely<Database>, siteId: number, type: string, source: ItemSource, key: string): Promise<ItemReviewRow | undefined> {
  const reviews = new ItemReviewRepository(db, siteId);
  const found = await reviews.find(type, key);
  if (found || !source.legacy) return found;
  const legacy = await source.legacy(db, siteId, key);
  if (!legacy) return undefined;
  const at = nowIso();
  const published = legacy.status === 'published';
  await reviews.insert(
    newRow(
      type,
      key,
      {
        title: legacy.title,
        status: legacy.status,
        created_by: legacy.createdBy,
        updated_by: legacy.updatedBy,
        published_revision: published ? 1 : null,
        published_at: published ? at : null,
      },
      at,
    ),
  );
  await reviews.insertRevision({
    item_type: type,
    item_key: key,
    number: 1,
    snapshot: JSON.stringify(legacy.snapshot),
    author_id: legacy.updatedBy,
    note: 'Trước khi có quy trình duyệt',
    created_at: at,
  });
  return reviews.find(type, key);
}

/** The review store of one module's items, stored under item_type `type`. */
export function itemStore(type: string, source: ItemSource): ReviewStore {
  return {
    async load(db, siteId, key) {
      const item = await findReview(db, siteId, type, source, key);
      return item && subjectOf(item);
    },

    async peek(db, siteId, key) {
      const item = await new ItemReviewRepository(db, siteId).find(type, key);
      if (item) return subjectOf(item);
      const legacy = await source.legacy?.(db, siteId, key);
      if (!legacy) return undefined;
      return {
        status: legacy.status,
        live: legacy.status === 'published',
        deleted: false,
        authorId: legacy.createdBy,
        lastEditorId: legacy.updatedBy,
        title: legacy.title,
        returnComment: '',
        publishAt: null,
      };
    },

    async apply(db, actor, key, change) {
      const reviews = new ItemReviewRepository(db, actor.siteId);
      const { at } = change;
      // Item kinds have no scheduling or archiving: their statuses are the item_reviews ones.
      const status = change.status as ItemStatus;
      if (change.action === 'submit') await reviews.update(type, key, { status, submitted_at: at, submitted_by: actor.userId });
      else if (change.action === 'return') await reviews.update(type, key, { status, return_comment: change.comment });
      else if (change.action === 'unpublish') await reviews.update(type, key, { status, published_revision: null });
      else {
        const latest = await reviews.latestRevision(type, key);
        await reviews.update(type, key, {
          status,
          return_comment: '',
          published_revision: latest?.number ?? null,
          published_at: change.publishAt,
          published_by: actor.userId,
        });
      }
      return undefined;
    },

    async saved(db, actor, key, save) {
      const reviews = new ItemReviewRepository(db, actor.siteId);
      const at = nowIso();
      const snapshot = save.snapshot !== undefined ? save.snapshot : await source.snapshot(db, actor.siteId, key);
      const latest = await reviews.latestRevision(type, key);
      // Saving what is already there (a workflow button pressed without changes) makes no revision and no new last editor.
      if (save.before && !save.reopen && latest && latest.snapshot === JSON.stringify(snapshot)) return latest.number;
      if (save.before) {
        await reviews.update(type, key, { title: save.title, updated_by: actor.userId, updated_at: at, ...(save.reopen ? { status: 'draft' as const } : {}) });
      } else {
        await reviews.insert(newRow(type, key, { title: save.title, status: 'draft', created_by: actor.userId, updated_by: actor.userId }, at));
      }
      const number = (latest?.number ?? 0) + 1;
      await reviews.insertRevision({
        item_type: type,
        item_key: key,
        number,
        snapshot: JSON.stringify(snapshot),
        author_id: actor.userId,
        note: save.note ?? (save.before ? '' : 'Tạo mới'),
        created_at: at,
      });
      return number;
    },
  };
}

/** The snapshot the public sees: null when nothing is published; undefined when the item never went through the workflow. */
export async function publishedSnapshot(db: Kysely<Database>, siteId: number, type: string, key: string): Promise<unknown> {
  const reviews = new ItemReviewRepository(db, siteId);
  const item = await reviews.find(type, key);
  if (!item) return undefined;
  if (item.published_revision === null) return null;
  const revision = await reviews.findRevision(type, key, item.published_revision);
  return revision ? (JSON.parse(revision.snapshot) as unknown) : null;
}
