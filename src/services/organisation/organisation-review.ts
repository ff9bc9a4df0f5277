import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { OrganisationPageRow, PersonRow } from '../../db/schema/organisation.ts';
import { OrganisationRepository } from '../../repositories/organisation-repository.ts';
import { pagesChanged } from '../pages/page-changes.ts';
import { itemStore, moduleRules } from '../review/item-store.ts';
import type { ReviewKind } from '../review/kind.ts';
import type { ReviewSubject } from '../review/rules.ts';
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

/**
 * The people list the public sees of a site, from its review item's published
 * snapshot (none published: nobody) or, when the list was never reviewed, the
 * rows as they stand.
 */
export function peopleThePublicSees(item: { snapshot: string | null } | undefined, live: PersonRow[]): PersonSnapshot[] {
  if (!item) return live;
  return item.snapshot ? (JSON.parse(item.snapshot) as PersonSnapshot[]) : [];
}

const line = (parts: string[]) => parts.filter(Boolean).join(' — ');

/** Only what the public sees changes the cached about pages: publishing and unpublishing, not submitting or returning. */
async function aboutPagesChanged(db: Kysely<Database>, siteId: number, _key: string, item: ReviewSubject): Promise<void> {
  if (item.status === 'published' || item.status === 'unpublished') await pagesChanged(db, [aboutTag(siteId)]);
}

/** Giới thiệu: organisation.submit drafts and submits, organisation.publish reviews; edits of a published version wait for review. */
const ORGANISATION_RULES = moduleRules('organisation.submit', 'organisation.publish');

/** What lists and the audit log call a page: "Trang giới thiệu: Di tích". */
export const pageLabel = (title: string) => `Trang giới thiệu: ${title}`;

/**
 * Each Giới thiệu page (with its English text and image) in the review
 * engine, one item per page kind: edits make a draft, and the public page
 * keeps the last published version until an approver who did not edit it publishes the new one.
 */
export const organisationPageReview: ReviewKind = {
  type: 'organisation_page',
  noun: 'trang giới thiệu',
  targetType: 'organisation_page',
  ...ORGANISATION_RULES,
  audit: {
    submit: 'organisation.page_submitted',
    return: 'organisation.page_returned',
    publish: 'organisation.page_published',
    unpublish: 'organisation.page_unpublished',
  },
  adminPath: (key) => `/quan-tri/gioi-thieu/trang/${key}`,
  store: itemStore('organisation_page', {
    async snapshot(db, siteId, key) {
      const page = await new OrganisationRepository(db, siteId).findPage(key);
      return page ? pageSnapshot(page) : null;
    },
    async legacy(db, siteId, key) {
      const kind = pageKindOf(key);
      if (!kind) return null;
      const page = await new OrganisationRepository(db, siteId).findPage(key);
      // A page saved before the workflow was public as it stands.
      if (!page) return null;
      return { title: pageLabel(kind.title), status: 'published', createdBy: null, updatedBy: null, snapshot: pageSnapshot(page) };
    },
  }),
  diff: {
    fields: [
      { field: 'body', label: 'Nội dung' },
      { field: 'media', label: 'Ảnh' },
      { field: 'title_en', label: 'Tiêu đề tiếng Anh' },
      { field: 'body_en', label: 'Nội dung tiếng Anh' },
    ],
    asText(snapshot) {
      const page = snapshot as PageSnapshot;
      return { body: page.body_html, media: page.media_id === null ? '' : `Ảnh số ${page.media_id}`, title_en: page.title_en, body_en: page.body_en_html };
    },
  },
  changed: aboutPagesChanged,
};

/** The one item of the leaders and focal officials list per site. */
export const PEOPLE_KEY = 'nhan-su';
export const PEOPLE_TITLE = 'Lãnh đạo và cán bộ đầu mối';

/** The leaders and focal officials in the shared review workflow: the whole list is one item, reviewed as a whole. */
export const organisationPeopleReview: ReviewKind = {
  type: 'organisation_people',
  noun: 'danh sách lãnh đạo, cán bộ đầu mối',
  targetType: 'organisation_people',
  ...ORGANISATION_RULES,
  audit: {
    submit: 'organisation.people_submitted',
    return: 'organisation.people_returned',
    publish: 'organisation.people_published',
    unpublish: 'organisation.people_unpublished',
  },
  adminPath: () => '/quan-tri/gioi-thieu#nhan-su',
  store: itemStore('organisation_people', {
    snapshot: async (db, siteId) => (await new OrganisationRepository(db, siteId).listPeople()).map(personSnapshot),
    async legacy(db, siteId, key) {
      if (key !== PEOPLE_KEY) return null;
      const people = await new OrganisationRepository(db, siteId).listPeople();
      if (people.length === 0) return null;
      return { title: PEOPLE_TITLE, status: 'published', createdBy: null, updatedBy: null, snapshot: people.map(personSnapshot) };
    },
  }),
  diff: {
    fields: [
      { field: 'leader', label: 'Lãnh đạo' },
      { field: 'focal', label: 'Cán bộ đầu mối' },
      { field: 'spokesperson', label: 'Người phát ngôn' },
    ],
    asText(snapshot) {
      const people = snapshot as PersonSnapshot[];
      const of = (role: PersonSnapshot['role']) =>
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
      return { leader: of('leader'), focal: of('focal'), spokesperson: of('spokesperson') };
    },
  },
  changed: aboutPagesChanged,
};
