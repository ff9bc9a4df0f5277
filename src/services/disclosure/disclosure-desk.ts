import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { DisclosureEntryRow, DisclosureItemRow } from '../../db/schema/disclosure.ts';
import type { DocumentRow, DocumentStatus } from '../../db/schema/documents.ts';
import { DisclosureRepository, type DisclosureFilter } from '../../repositories/disclosure-repository.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { libraryItems } from '../media-service.ts';
import { type Pagination, paginate } from '../pagination.ts';
import type { Actor } from '../permissions.ts';
import { type ReviewState, reviewState } from '../review/state.ts';
import { loadDisclosure } from './disclosure-editor.ts';
import { disclosureReview } from './disclosure-review.ts';

const PAGE_SIZE = 20;

/** The newsroom's list: a page of entries filtered by item, year and status, the choices, and how many wait for review. */
export async function listDisclosures(
  db: Kysely<Database>,
  actor: Actor,
  filter: { itemId?: number | undefined; year?: number | undefined; status?: DocumentStatus | undefined },
  page: number,
): Promise<{ items: DisclosureEntryRow[]; pagination: Pagination; waiting: number; choices: DisclosureItemRow[]; years: number[] }> {
  const repo = new DisclosureRepository(db, actor.siteId);
  const where: DisclosureFilter = filter;
  const pagination = paginate(await repo.count(where), page, PAGE_SIZE);
  return {
    items: await repo.list(where, 'updated', PAGE_SIZE, pagination.offset),
    pagination,
    waiting: await repo.count({ status: 'submitted' }),
    choices: await repo.items(),
    years: await repo.years(),
  };
}

/** Everything the entry form shows: the entry, the item choices, files and documents to attach, and its review for this person. */
export interface DisclosureDesk {
  /** Null for a new entry. */
  entry: DisclosureEntryRow | null;
  items: DisclosureItemRow[];
  attached: MediaRow[];
  /** Attached files first, then the library's newest files. */
  files: MediaRow[];
  linked: DocumentRow[];
  /** Linked documents first, then the newest documents of the database. */
  documents: DocumentRow[];
  review: ReviewState;
}

/** Loads the form of a new (id null) or saved entry of the actor's site. */
export async function disclosureDesk(db: Kysely<Database>, actor: Actor, id: number | null): Promise<DisclosureDesk> {
  const entry = id === null ? null : await loadDisclosure(db, actor, id);
  const repo = new DisclosureRepository(db, actor.siteId);
  const [attached, linked] = entry ? [await repo.files(entry.id), await repo.documents(entry.id)] : [[], []];
  const library = await libraryItems(db, actor.siteId, { kind: 'file', limit: 300 });
  const recent = await new DocumentRepository(db, actor.siteId).list(200);
  return {
    entry,
    items: (await repo.items()).filter((i) => i.hidden === 0 || i.id === entry?.item_id),
    attached,
    files: [...attached, ...library.filter((l) => !attached.some((a) => a.id === l.id))],
    linked,
    documents: [...linked, ...recent.filter((d) => !linked.some((l) => l.id === d.id))],
    review: await reviewState(db, actor, disclosureReview, entry ? String(entry.id) : ''),
  };
}
