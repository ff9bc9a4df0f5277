import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { OrganisationPageRow, PersonRow } from '../../db/schema/organisation.ts';
import { AppError } from '../../errors.ts';
import { OrganisationRepository } from '../../repositories/organisation-repository.ts';
import { libraryItems } from '../media-service.ts';
import type { Actor } from '../permissions.ts';
import { type ReviewState, reviewState } from '../review/state.ts';
import { PEOPLE_KEY, organisationPageReview, organisationPeopleReview } from './organisation-review.ts';
import { type OrganisationContent, readOrganisationDraft } from './organisation-service.ts';
import { PAGE_KINDS, type PageKind } from './page-kinds.ts';

/** The Giới thiệu overview of the newsroom: the drafts, each page's review, and the people list's. */
export async function organisationOverview(
  db: Kysely<Database>,
  actor: Actor,
): Promise<{ content: OrganisationContent; pages: Map<string, ReviewState>; people: ReviewState }> {
  const content = await readOrganisationDraft(db, actor.siteId);
  const pages = new Map<string, ReviewState>();
  for (const kind of PAGE_KINDS) pages.set(kind.slug, await reviewState(db, actor, organisationPageReview, kind.slug));
  return { content, pages, people: await reviewState(db, actor, organisationPeopleReview, PEOPLE_KEY) };
}

/** One Giới thiệu page as the newsroom edits it: its draft, its review for this person, and the images to choose from. */
export async function organisationPageDesk(
  db: Kysely<Database>,
  actor: Actor,
  kind: PageKind,
): Promise<{ page: OrganisationPageRow | undefined; review: ReviewState; images: MediaRow[] }> {
  const [page, review, images] = await Promise.all([
    new OrganisationRepository(db, actor.siteId).findPage(kind.slug),
    reviewState(db, actor, organisationPageReview, kind.slug),
    libraryItems(db, actor.siteId, { kind: 'image', limit: 200 }),
  ]);
  return { page, review, images };
}

/** A leader or focal official as the newsroom edits them (null for a new one), whether the list may be changed now, and the images to choose from. */
export async function personDesk(
  db: Kysely<Database>,
  actor: Actor,
  id: number | null,
): Promise<{ person: PersonRow | null; canSave: boolean; images: MediaRow[] }> {
  const person = id === null ? null : await new OrganisationRepository(db, actor.siteId).findPerson(id);
  if (person === undefined) throw new AppError('not_found');
  const [review, images] = await Promise.all([
    reviewState(db, actor, organisationPeopleReview, PEOPLE_KEY),
    libraryItems(db, actor.siteId, { kind: 'image', limit: 200 }),
  ]);
  return { person, canSave: review.canEdit, images };
}
