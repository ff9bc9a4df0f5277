import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ItemReviewRow } from '../../db/schema/item-reviews.ts';
import type { OrganisationPageRow, PersonRow } from '../../db/schema/organisation.ts';
import { OrganisationRepository } from '../../repositories/organisation-repository.ts';
import { pagesChanged } from '../pages/page-changes.ts';
import type { Actor } from '../permissions.ts';
import { type ReviewKind, findReview, recordItemSave } from '../workflow/item-review.ts';
import { aboutTag, pageKindOf } from './page-kinds.ts';

/** A Giới thiệu page as a revision keeps it and the public page shows it. */
export type PageSnapshot = Pick<OrganisationPageRow, 'kind' | 'body_html' | 'title_en' | 'body_en_html' | 'media_id' | 'updated_at'>;
/** A leader or focal official as a revision keeps them: everything but the site. */
export type PersonSnapshot = Omit<PersonRow, 'site_id'>;

export const pageSnapshot = (p: OrganisationPageRow): PageSnapshot => ({
  kind: p.kind,
  body_html: p.body_html,
  title_en: p.title_en,
  body_en_html: p.body_en_html,
  media_id: p.media_id,
  updated_at: p.updated_at,
});
export const personSnapshot = ({ site_id: _site, ...person }: PersonRow): PersonSnapshot => person;

const line = (parts: string[]) => parts.filter(Boolean).join(' — ');

/** Only what the public sees changes the cached about pages: publishing and unpublishing, not submitting or returning. */
async function aboutPagesChanged(db: Kysely<Database>, siteId: number, _key: string, item: ItemReviewRow): Promise<void> {
  if (item.status === 'published' || item.status === 'unpublished') await pagesChanged(db, [aboutTag(siteId)]);
}

/** What lists and the audit log call a page: "Trang giới thiệu: Di tích". */
export const pageLabel = (title: string) => `Trang giới thiệu: ${title}`;

/**
 * Each Giới thiệu page (with its English text and image) in the shared review
 * workflow, one item per page kind: edits make a draft, and the public page
 * keeps the last published version until an approver who did not edit it publishes the new one.
 */
export const organisationPageReview: ReviewKind = {
  type: 'organisation_page',
  noun: 'trang giới thiệu',
  targetType: 'organisation_page',
  edit: 'organisation.submit',
  publish: 'organisation.publish',
  publishedEdits: 'draft',
  audit: {
    submit: 'organisation.page_submitted',
    return: 'organisation.page_returned',
    publish: 'organisation.page_published',
    unpublish: 'organisation.page_unpublished',
  },
  adminPath: (key) => `/quan-tri/gioi-thieu/trang/${key}`,
  diffFields: [
    { field: 'body', label: 'Nội dung' },
    { field: 'media', label: 'Ảnh' },
    { field: 'title_en', label: 'Tiêu đề tiếng Anh' },
    { field: 'body_en', label: 'Nội dung tiếng Anh' },
  ],
  asText(snapshot) {
    const page = snapshot as PageSnapshot;
    return { body: page.body_html, media: page.media_id === null ? '' : `Ảnh số ${page.media_id}`, title_en: page.title_en, body_en: page.body_en_html };
  },
  async legacy(db, siteId, key) {
    const kind = pageKindOf(key);
    if (!kind) return null;
    const page = await new OrganisationRepository(db, siteId).findPage(key);
    // A page saved before the workflow was public as it stands.
    if (!page) return null;
    return { title: pageLabel(kind.title), status: 'published', createdBy: null, updatedBy: null, snapshot: pageSnapshot(page) };
  },
  statusChanged: aboutPagesChanged,
};

/** The one item of the leaders and focal officials list per site. */
export const PEOPLE_KEY = 'nhan-su';
export const PEOPLE_TITLE = 'Lãnh đạo và cán bộ đầu mối';

/** The leaders and focal officials in the shared review workflow: the whole list is one item, reviewed as a whole. */
export const organisationPeopleReview: ReviewKind = {
  type: 'organisation_people',
  noun: 'danh sách lãnh đạo, cán bộ đầu mối',
  targetType: 'organisation_people',
  edit: 'organisation.submit',
  publish: 'organisation.publish',
  publishedEdits: 'draft',
  audit: {
    submit: 'organisation.people_submitted',
    return: 'organisation.people_returned',
    publish: 'organisation.people_published',
    unpublish: 'organisation.people_unpublished',
  },
  adminPath: () => '/quan-tri/gioi-thieu#nhan-su',
  diffFields: [
    { field: 'leader', label: 'Lãnh đạo' },
    { field: 'focal', label: 'Cán bộ đầu mối' },
  ],
  asText(snapshot) {
    const people = snapshot as PersonSnapshot[];
    const of = (role: 'leader' | 'focal') =>
      people
        .filter((p) => p.role === role)
        .map((p) =>
          line([
            `${p.sort_order}. ${p.name}`,
            p.job_title,
            p.job_title_en && `(EN) ${p.job_title_en}`,
            p.phone,
            p.email,
            p.photo_media_id === null ? '' : `Ảnh số ${p.photo_media_id}`,
            p.bio_html,
            p.bio_en_html && `(EN) ${p.bio_en_html}`,
          ]),
        )
        .join('\n');
    return { leader: of('leader'), focal: of('focal') };
  },
  async legacy(db, siteId, key) {
    if (key !== PEOPLE_KEY) return null;
    const people = await new OrganisationRepository(db, siteId).listPeople();
    if (people.length === 0) return null;
    return { title: PEOPLE_TITLE, status: 'published', createdBy: null, updatedBy: null, snapshot: people.map(personSnapshot) };
  },
  statusChanged: aboutPagesChanged,
};

/**
 * Before a command changes a page: makes sure a page edited for the first
 * time since the workflow keeps what the public saw as its published version.
 * Call it before changing anything, in the same transaction. Returns whether the page already had a review state.
 */
export async function beforePageChange(trx: Kysely<Database>, actor: Actor, slug: string): Promise<boolean> {
  return Boolean(await findReview(trx, actor.siteId, organisationPageReview, slug));
}

/** After a command changed a page: a new draft revision (refused while it waits for review, unless one may publish). */
export async function afterPageChange(trx: Kysely<Database>, actor: Actor, slug: string, title: string, existed: boolean): Promise<void> {
  const page = await new OrganisationRepository(trx, actor.siteId).findPage(slug);
  await recordItemSave(trx, actor, organisationPageReview, slug, pageLabel(title), page ? pageSnapshot(page) : null, { created: !existed });
}

/** The people counterpart of beforePageChange. */
export async function beforePeopleChange(trx: Kysely<Database>, actor: Actor): Promise<boolean> {
  return Boolean(await findReview(trx, actor.siteId, organisationPeopleReview, PEOPLE_KEY));
}

/** The people counterpart of afterPageChange: the whole list as it now stands is the new draft. */
export async function afterPeopleChange(trx: Kysely<Database>, actor: Actor, existed: boolean): Promise<void> {
  const people = await new OrganisationRepository(trx, actor.siteId).listPeople();
  await recordItemSave(trx, actor, organisationPeopleReview, PEOPLE_KEY, PEOPLE_TITLE, people.map(personSnapshot), { created: !existed });
}
