import type { MediaRow, SiteRow } from '../db/schema.ts';
import type { PersonRow } from '../db/schema/organisation.ts';
import type { OrganisationContent } from '../services/organisation/organisation-service.ts';
import { PAGE_KINDS, type PageKind, organisationPaths, pageKindOf } from '../services/organisation/page-kinds.ts';
import type { UnitType } from '../db/schema.ts';
import { richTextHtml } from '../text/sanitize.ts';
import { type ImageView, presentImage } from './presenters.ts';

/** A leader or focal official as the public pages show them. */
export interface PersonView {
  name: string;
  jobTitle: string;
  phone: string;
  /** The number for a tel: link, digits and + only. */
  phoneHref: string;
  email: string;
  photo: ImageView | null;
  bioHtml: string;
}

/** One Giới thiệu page, in Vietnamese or English. */
export interface OrganisationPageView {
  slug: string;
  title: string;
  url: string;
  bodyHtml: string;
  image: ImageView | null;
  people: PersonView[];
  /** The spokesperson, on the focal officials' page. */
  spokesperson: PersonView[];
}

/** A link to a Giới thiệu page. */
export interface PageLinkView {
  title: string;
  url: string;
}

const imageOf = (media: Map<number, MediaRow>, id: number | null) => {
  const row = id === null ? undefined : media.get(id);
  return row ? presentImage(row) : null;
};

/** A person in one language; English falls back to the Vietnamese position when none is given. */
export function presentPerson(person: PersonRow, media: Map<number, MediaRow>, lang: 'vi' | 'en' = 'vi'): PersonView {
  return {
    name: person.name,
    jobTitle: lang === 'en' ? person.job_title_en || person.job_title : person.job_title,
    phone: person.phone,
    phoneHref: person.phone.replace(/[^\d+]/g, ''),
    email: person.email,
    photo: imageOf(media, person.photo_media_id),
    bioHtml: richTextHtml(lang === 'en' ? person.bio_en_html : person.bio_html),
  };
}

/** A Giới thiệu page of a kind, in Vietnamese. */
export function presentOrganisationPage(kind: PageKind, content: OrganisationContent): OrganisationPageView {
  const page = content.pages.get(kind.slug);
  const people = kind.extra === 'leaders' ? content.leaders : kind.extra === 'focal' ? content.focal : [];
  return {
    slug: kind.slug,
    title: kind.title,
    url: organisationPaths.page(kind.slug),
    bodyHtml: richTextHtml(page?.body_html ?? ''),
    image: kind.extra === 'image' ? imageOf(content.media, page?.media_id ?? null) : null,
    people: people.map((p) => presentPerson(p, content.media)),
    spokesperson: kind.extra === 'focal' ? content.spokesperson.map((p) => presentPerson(p, content.media)) : [],
  };
}

/** The English sections of the About us page: every page kind with an English body. */
export function presentEnglishSections(content: OrganisationContent): OrganisationPageView[] {
  return PAGE_KINDS.flatMap((kind) => {
    const page = content.pages.get(kind.slug);
    if (!page?.body_en_html) return [];
    return [
      {
        slug: kind.slug,
        title: page.title_en || kind.titleEn,
        url: organisationPaths.page(kind.slug),
        bodyHtml: richTextHtml(page.body_en_html),
        image: kind.extra === 'image' ? imageOf(content.media, page.media_id) : null,
        people: [],
        spokesperson: [],
      },
    ];
  });
}

/** Links to the given page kinds. */
export function presentPageLinks(slugs: string[]): PageLinkView[] {
  return slugs.flatMap((slug) => {
    const kind = pageKindOf(slug);
    return kind ? [{ title: kind.title, url: organisationPaths.page(kind.slug) }] : [];
  });
}

const UNIT_EN: Record<UnitType, string> = { xa: 'Commune', phuong: 'Ward', dac_khu: 'Special Zone', tinh: 'Province' };

/** The site as the English pages name it: "People's Committee of Phường 1 (Ward)". */
export function englishAuthority(site: Pick<SiteRow, 'name' | 'unit_type' | 'province'>): { authority: string; province: string } {
  return { authority: `People's Committee of ${site.name} (${UNIT_EN[site.unit_type]})`, province: `${site.province} Province` };
}
