import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { DocumentRow, DocumentStatus } from '../../db/schema/documents.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { libraryItems } from '../media-service.ts';
import { type Pagination, paginate } from '../pagination.ts';
import type { Actor } from '../permissions.ts';
import { type ReviewState, reviewState } from '../review/state.ts';
import { loadDocument } from './document-editor.ts';
import { documentReview } from './document-review.ts';

const PAGE_SIZE = 20;

/** A page of the newsroom's document list, optionally of one status, and how many wait for review. */
export async function listDocuments(
  db: Kysely<Database>,
  actor: Actor,
  status: DocumentStatus | undefined,
  page: number,
): Promise<{ items: DocumentRow[]; pagination: Pagination; waiting: number }> {
  const repo = new DocumentRepository(db, actor.siteId);
  const pagination = paginate(await repo.count(status), page, PAGE_SIZE);
  return { items: await repo.list(PAGE_SIZE, pagination.offset, status), pagination, waiting: await repo.count('submitted') };
}

/** Everything the document form shows: the document, its files, the library's files to choose from, and its review for this person. */
export interface DocumentDesk {
  /** Null for a new document. */
  document: DocumentRow | null;
  attached: MediaRow[];
  /** Attached files first when they are older than the newest in the library, then the library's newest. */
  files: MediaRow[];
  review: ReviewState;
}

/** Loads the form of a new (id null) or saved document of the actor's site. */
export async function documentDesk(db: Kysely<Database>, actor: Actor, id: number | null): Promise<DocumentDesk> {
  const document = id === null ? null : await loadDocument(db, actor, id);
  const attached = document ? await new DocumentRepository(db, actor.siteId).files(document.id) : [];
  const library = await libraryItems(db, actor.siteId, { kind: 'file', limit: 300 });
  return {
    document,
    attached,
    files: [...attached.filter((a) => !library.some((l) => l.id === a.id)), ...library],
    review: await reviewState(db, actor, documentReview, document ? String(document.id) : ''),
  };
}
