import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ErrorCode, FieldError } from '../../errors.ts';
import type { Actor } from '../permissions.ts';
import type { ReviewAction, ReviewRules, ReviewStatus, ReviewSubject } from './rules.ts';

/**
 * A kind of reviewed thing, described for the one review engine: its rules
 * (rules.ts), where its state lives (its store), how it is audited, what
 * must hold before it goes public, and what its changes make stale. Each
 * module keeps its kind beside its own code (documents/document-review.ts…).
 */
export interface ReviewKind extends ReviewRules {
  /** Stored as item_type where the kind keeps its state in item_reviews: 'document', 'work_week'… */
  type: string;
  /** The audit target type. */
  targetType: string;
  /** The audit action of each transition; `scheduled` for a publish that waits for its time. */
  audit: Partial<Record<ReviewAction | 'scheduled', string>>;
  /** What a return without a comment is told, when the kind words it its own way. */
  returnHint?: string;
  /** The error code of an item that is not there, when it has its own (article_not_found). */
  notFound?: ErrorCode;
  /** Where an item is edited in the newsroom. */
  adminPath(key: string): string;
  /** Where the kind keeps its review state and revisions. */
  store: ReviewStore;
  /** What must hold before an item goes public (a document needs a file, an image its alt text). */
  publishProblems?(db: Kysely<Database>, siteId: number, key: string): Promise<FieldError[]>;
  /** What a transition makes stale or mirrors, in the same transaction (page tags, the search index). */
  changed?(db: Kysely<Database>, siteId: number, key: string, item: ReviewSubject): Promise<void>;
  /**
   * Saves what a workflow button posts with it, before the action, in the
   * same transaction ("save this first"): the kind's own save, which goes
   * through saveWithRevision. Kinds without it take actions on what is saved.
   */
  save?(db: Kysely<Database>, actor: Actor, key: string, form: unknown): Promise<void>;
  /** Revisions as JSON snapshots, for the history page's word diff, where the store keeps them so. */
  diff?: {
    fields: Array<{ field: string; label: string }>;
    asText(snapshot: unknown): Record<string, string>;
  };
}

/** A transition the engine has allowed, for the store to write. */
export interface ReviewChange {
  action: ReviewAction;
  /** The status the item moves to. */
  status: ReviewStatus;
  /** The item before the change. */
  before: ReviewSubject;
  /** Now, as ISO text. */
  at: string;
  /** When a publish makes it public: now, or the time it is scheduled for. */
  publishAt: string | null;
  comment: string;
  reason: string;
  /** Everything else the form posted, for a kind's own choices (an answer's "công khai"). */
  options: Record<string, unknown>;
}

/** What a store adds to a transition it wrote. */
export interface Applied {
  /** What the audit summary adds ("công khai trên trang Hỏi đáp"). */
  note?: string;
  /** What follows once the transition is audited, in the same transaction (an audit entry of its own). */
  after?: () => Promise<void>;
}

/** A save the engine has allowed and the module has written, for the store to record. */
export interface SaveRecord {
  /** The item before the save; undefined when the save created it. */
  before: ReviewSubject | undefined;
  title: string;
  /** The save starts a new draft over published or withdrawn content (rules.ts: reopens). */
  reopen: boolean;
  /** The content as the revision keeps it; stores that read it back themselves leave it out. */
  snapshot?: unknown;
  /** A background save: kept as a revision that the next one of the same person replaces. */
  autosave?: boolean;
  /** Why the revision exists, shown in the history ("Khôi phục từ phiên bản 3"). */
  note?: string;
}

/** Where a kind keeps its review state and revisions: item_reviews for most, the articles and questions tables for theirs. */
export interface ReviewStore {
  /** The item as the rules see it, or undefined when this site has no such item (yet); in a write, it may record state it finds missing. */
  load(db: Kysely<Database>, siteId: number, key: string): Promise<ReviewSubject | undefined>;
  /** The same without writing anything, for pages that only show it; load when absent. */
  peek?(db: Kysely<Database>, siteId: number, key: string): Promise<ReviewSubject | undefined>;
  /** Writes an allowed transition. */
  apply(db: Kysely<Database>, actor: Actor, key: string, change: ReviewChange): Promise<Applied | undefined>;
  /** Records a save once the module has written its rows: a revision, who saved last, a reopened draft. Returns the revision number. */
  saved?(db: Kysely<Database>, actor: Actor, key: string, save: SaveRecord): Promise<number | null>;
}
