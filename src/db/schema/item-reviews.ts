import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Where an item of a reviewed module stands: the article workflow without scheduling or archiving. */
export type ReviewStatus = 'draft' | 'submitted' | 'returned' | 'published' | 'unpublished';

/** The review state of one item of a module (a document, a week of the work calendar, the reception schedule). */
export interface ItemReviewsTable {
  id: Generated<number>;
  site_id: number;
  /** Which module's item: 'document', 'work_week', 'reception'. */
  item_type: string;
  /** The item within its module: a document id, a week "2026-W48", "lich". */
  item_key: string;
  /** What lists and the audit log call it, as of the last save. */
  title: string;
  status: ReviewStatus;
  /** Why an approver sent it back, shown to the author; empty otherwise. */
  return_comment: string;
  /** The revision the public sees, or null while nothing is published. */
  published_revision: number | null;
  published_at: string | null;
  published_by: number | null;
  submitted_at: string | null;
  submitted_by: number | null;
  created_by: number | null;
  /** Who saved it last: with created_by, the "own work" no one may approve. */
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

/** Every save of a reviewed item: its fields as JSON. */
export interface ItemRevisionsTable {
  id: Generated<number>;
  site_id: number;
  item_type: string;
  item_key: string;
  number: number;
  snapshot: string;
  author_id: number | null;
  note: string;
  created_at: string;
}

/** Tables of the shared review workflow. */
export interface ItemReviewTables {
  item_reviews: ItemReviewsTable;
  item_revisions: ItemRevisionsTable;
}

export type ItemReviewRow = Selectable<ItemReviewsTable>;
export type NewItemReview = Insertable<ItemReviewsTable>;
export type ItemReviewUpdate = Updateable<ItemReviewsTable>;
export type ItemRevisionRow = Selectable<ItemRevisionsTable>;
export type NewItemRevision = Insertable<ItemRevisionsTable>;
