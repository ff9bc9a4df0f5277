import type { OrganisationPageRow, PersonRow } from '../../db/schema/organisation.ts';
import { hasTextBeyondHeadings } from '../../text/sanitize.ts';
import { PEOPLE_KEY, type PageSnapshot, organisationPageReview, organisationPeopleReview, peopleThePublicSees } from '../organisation/organisation-review.ts';
import { pageHasContent } from '../organisation/organisation-service.ts';
import type { PageKind } from '../organisation/page-kinds.ts';
import type { CheckRun } from './check.ts';

type PublicPage = Pick<OrganisationPageRow, 'kind' | 'body_html' | 'body_en_html' | 'media_id'>;
type PublicPerson = Pick<PersonRow, 'id' | 'role' | 'name' | 'phone' | 'email'>;

/** What the public of one site sees of its Giới thiệu: pages by kind, people, and which images still exist. */
export interface PublicOrganisation {
  pages: Map<string, PublicPage>;
  leaders: PublicPerson[];
  focal: PublicPerson[];
  spokesperson: PublicPerson[];
  images: Set<number>;
}

/**
 * Every site's public Giới thiệu, read in five queries for the whole run:
 * the published revision where the item has a review state, the rows as they
 * stand where it never had one (content older than the workflow is public).
 */
async function loadPublicOrganisation(run: CheckRun): Promise<Map<number, PublicOrganisation>> {
  const [pageItems, peopleItems, livePages, livePeople] = await Promise.all([
    run.reads.publishedItems(run.siteIds, organisationPageReview.type),
    run.reads.publishedItems(run.siteIds, organisationPeopleReview.type, [PEOPLE_KEY]),
    run.reads.organisationPages(run.siteIds),
    run.reads.people(run.siteIds),
  ]);
  const result = new Map<number, PublicOrganisation>();
  for (const siteId of run.siteIds) {
    const reviewed = new Map(pageItems.filter((i) => i.site_id === siteId).map((i) => [i.item_key, i.snapshot]));
    const pages = new Map<string, PublicPage>();
    for (const page of livePages.filter((p) => p.site_id === siteId)) {
      if (!reviewed.has(page.kind)) pages.set(page.kind, page);
    }
    for (const [key, snapshot] of reviewed) if (snapshot) pages.set(key, JSON.parse(snapshot) as PageSnapshot);
    const people: PublicPerson[] = peopleThePublicSees(
      peopleItems.find((i) => i.site_id === siteId),
      livePeople.filter((p) => p.site_id === siteId),
    );
    result.set(siteId, {
      pages,
      leaders: people.filter((p) => p.role === 'leader'),
      focal: people.filter((p) => p.role === 'focal'),
      spokesperson: people.filter((p) => p.role === 'spokesperson'),
      images: new Set(),
    });
  }
  const imageIds = [...result.values()].flatMap((o) => [...o.pages.values()].map((p) => p.media_id)).filter((id): id is number => id !== null);
  const live = await run.reads.liveMediaIds([...new Set(imageIds)]);
  for (const organisation of result.values()) organisation.images = live;
  return result;
}

/** The public Giới thiệu of every site of the run, loaded once however many checks ask. */
export function publicOrganisation(run: CheckRun): Promise<Map<number, PublicOrganisation>> {
  return run.once('organisation', () => loadPublicOrganisation(run));
}

/** Whether a page kind is written in what the public sees: the Giới thiệu pages' own rule. */
export function pageIsFilled(kind: PageKind, organisation: PublicOrganisation): boolean {
  return pageHasContent(kind, { ...organisation, media: organisation.images });
}

/** Whether a page kind has English text in what the public sees. */
export function pageHasEnglish(kind: PageKind, organisation: PublicOrganisation): boolean {
  const page = organisation.pages.get(kind.slug);
  return page !== undefined && hasTextBeyondHeadings(page.body_en_html);
}
