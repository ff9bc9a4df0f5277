import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { OrganisationPageRow, PersonRole, PersonRow } from '../../db/schema/organisation.ts';
import { AppError, validationError } from '../../errors.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { OrganisationRepository } from '../../repositories/organisation-repository.ts';
import { hasTextBeyondHeadings, richTextHtml } from '../../text/sanitize.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import { type Actor, can } from '../permissions.ts';
import { publishedSnapshot, recordSystemDraft } from '../review/item-store.ts';
import { saveWithRevision } from '../review/saves.ts';
import { parseInput } from '../validation.ts';
import {
  PEOPLE_KEY,
  PEOPLE_TITLE,
  type PageSnapshot,
  type PersonSnapshot,
  organisationPageReview,
  organisationPeopleReview,
  pageLabel,
  pageSnapshot,
} from './organisation-review.ts';
import { PAGE_OUTLINES } from './page-outlines.ts';
import { PAGE_KINDS, type PageKind, pageKindOf } from './page-kinds.ts';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`).transform(toNfc);
const richText = z.string().max(200_000, 'nội dung quá dài').transform(richTextHtml);
const mediaId = z
  .string()
  .trim()
  .default('')
  .transform((v, ctx) => {
    if (v === '') return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      ctx.addIssue({ code: 'custom', message: 'ảnh không hợp lệ' });
      return z.NEVER;
    }
    return n;
  });

/** The admin form of one Giới thiệu page. */
export const PageFormSchema = z.object({
  body_html: richText.default(''),
  title_en: text(200).default(''),
  body_en_html: richText.default(''),
  media_id: mediaId,
});
export type PageFormInput = z.input<typeof PageFormSchema>;

/** The admin form of a leader or focal official. */
export const PersonFormSchema = z.object({
  role: z.enum(['leader', 'focal', 'spokesperson'], { message: 'phải là lãnh đạo, cán bộ đầu mối hoặc người phát ngôn' }),
  name: text(120).pipe(z.string().min(1, 'không được để trống')),
  job_title: text(200).default(''),
  job_title_en: text(200).default(''),
  phone: text(60)
    .pipe(z.string().regex(/^[\d\s+().-]*$/, 'chỉ gồm chữ số, dấu cách và + ( ) . -'))
    .default(''),
  email: z.union([z.literal(''), z.string().trim().email('thư điện tử không hợp lệ')]).default(''),
  photo_media_id: mediaId,
  bio_html: richText.default(''),
  bio_en_html: richText.default(''),
  sort_order: z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(0, 'nhỏ nhất là 0').max(999, 'lớn nhất là 999').default(0),
});
export type PersonFormInput = z.input<typeof PersonFormSchema>;

async function checkImage(repo: OrganisationRepository, field: string, id: number | null): Promise<void> {
  if (id !== null && !(await repo.imageExists(id))) throw validationError([{ field, message: 'không có ảnh này trong thư viện ảnh và tệp' }]);
}

function kindOrThrow(slug: string): PageKind {
  const kind = pageKindOf(slug);
  if (!kind) throw new AppError('not_found');
  return kind;
}

const who = (actor: Actor) => ({ userId: actor.userId, email: actor.email, siteId: actor.siteId, ip: actor.ip });

function requireEditor(actor: Actor): void {
  if (!can(actor, 'organisation.submit')) throw new AppError('forbidden');
}

/**
 * Saves one Giới thiệu page (sanitised bodies, a library image), audited, as
 * a new draft of the page: the public keeps the last published version until
 * an approver publishes this one. Nothing is written when the input is refused.
 */
export async function saveOrganisationPage(db: Kysely<Database>, actor: Actor, slug: string, input: PageFormInput): Promise<void> {
  requireEditor(actor);
  const kind = kindOrThrow(slug);
  const data = parseInput(PageFormSchema, input);
  await inTransaction(db, async (trx) => {
    const repo = new OrganisationRepository(trx, actor.siteId);
    const mediaIdValue = kind.extra === 'image' ? data.media_id : null;
    await checkImage(repo, 'media_id', mediaIdValue);
    // A workflow button posts the form as it stands: an unchanged page is no edit, and leaves its last editor as they were.
    const stored = await repo.findPage(kind.slug);
    const unchanged =
      stored !== undefined &&
      stored.body_html === data.body_html &&
      stored.title_en === data.title_en &&
      stored.body_en_html === data.body_en_html &&
      stored.media_id === mediaIdValue;
    if (unchanged) return;
    await saveWithRevision(trx, actor, organisationPageReview, [kind.slug], async () => {
      await repo.savePage(kind.slug, {
        body_html: data.body_html,
        title_en: data.title_en,
        body_en_html: data.body_en_html,
        media_id: mediaIdValue,
        updated_at: nowIso(),
      });
      return { result: null, saved: [{ key: kind.slug, title: pageLabel(kind.title) }] };
    });
    await recordAudit(trx, who(actor), { action: 'organisation.page_updated', targetType: 'organisation_page', summary: kind.title });
  });
}

/** A change of any person is a new revision of the whole list. */
const PEOPLE_SAVED = [{ key: PEOPLE_KEY, title: PEOPLE_TITLE }];

const ROLE_NAMES: Record<PersonRole, string> = { leader: 'lãnh đạo', focal: 'cán bộ đầu mối', spokesperson: 'người phát ngôn' };

/** Adds a person (id null) or changes one of this site's, audited, as a new draft of the people list. Returns the id. */
export async function savePerson(db: Kysely<Database>, actor: Actor, id: number | null, input: PersonFormInput | Record<string, string>): Promise<number> {
  requireEditor(actor);
  const data = parseInput(PersonFormSchema, input);
  return inTransaction(db, async (trx) => {
    const repo = new OrganisationRepository(trx, actor.siteId);
    await checkImage(repo, 'photo_media_id', data.photo_media_id);
    if (id !== null && !(await repo.findPerson(id))) throw new AppError('not_found');
    const { result: personId } = await saveWithRevision(trx, actor, organisationPeopleReview, [PEOPLE_KEY], async () => {
      const now = nowIso();
      if (id !== null) await repo.updatePerson(id, { ...data, updated_at: now });
      const saved = id ?? (await repo.insertPerson({ ...data, created_at: now, updated_at: now }));
      return { result: saved, saved: PEOPLE_SAVED };
    });
    await recordAudit(trx, who(actor), {
      action: id === null ? 'organisation.person_created' : 'organisation.person_updated',
      targetType: 'organisation_person',
      targetId: personId,
      summary: `${data.name} (${ROLE_NAMES[data.role]})`,
    });
    return personId;
  });
}

/** Removes one of this site's people, audited, as a new draft of the people list. */
export async function deletePerson(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  requireEditor(actor);
  await inTransaction(db, async (trx) => {
    const repo = new OrganisationRepository(trx, actor.siteId);
    const person = await repo.findPerson(id);
    if (!person) throw new AppError('not_found');
    await saveWithRevision(trx, actor, organisationPeopleReview, [PEOPLE_KEY], async () => {
      await repo.deletePerson(id);
      return { result: null, saved: PEOPLE_SAVED };
    });
    await recordAudit(trx, who(actor), {
      action: 'organisation.person_deleted',
      targetType: 'organisation_person',
      targetId: id,
      summary: `${person.name} (${ROLE_NAMES[person.role]})`,
    });
  });
}

/** Everything the Giới thiệu and English pages show: pages by kind, people, and the images they use. */
export interface OrganisationContent {
  pages: Map<string, OrganisationPageRow>;
  leaders: PersonRow[];
  focal: PersonRow[];
  /** The spokesperson (người phát ngôn); normally one. */
  spokesperson: PersonRow[];
  media: Map<number, MediaRow>;
}

async function withMedia(db: Kysely<Database>, siteId: number, pages: OrganisationPageRow[], people: PersonRow[]): Promise<OrganisationContent> {
  const ids = [...pages.map((p) => p.media_id), ...people.map((p) => p.photo_media_id)].filter((id): id is number => id !== null);
  const media = await new MediaRepository(db, siteId).findByIds([...new Set(ids)]);
  return {
    pages: new Map(pages.map((p) => [p.kind, p])),
    leaders: people.filter((p) => p.role === 'leader'),
    focal: people.filter((p) => p.role === 'focal'),
    spokesperson: people.filter((p) => p.role === 'spokesperson'),
    media: new Map(media.filter((m) => m.deleted_at === null).map((m) => [m.id, m])),
  };
}

const byDisplayOrder = (a: PersonRow, b: PersonRow) => (a.role === b.role ? a.sort_order - b.sort_order || a.id - b.id : a.role < b.role ? -1 : 1);

/**
 * A site's Giới thiệu content as the public sees it: for each page and for the
 * people list, the last published version. Content never edited since the
 * review workflow began is public as it stands.
 */
export async function readOrganisation(db: Kysely<Database>, siteId: number): Promise<OrganisationContent> {
  const repo = new OrganisationRepository(db, siteId);
  const [live, livePeople] = await Promise.all([repo.listPages(), repo.listPeople()]);
  const found = await Promise.all(
    PAGE_KINDS.map(async (kind): Promise<OrganisationPageRow | undefined> => {
      const published = (await publishedSnapshot(db, siteId, organisationPageReview.type, kind.slug)) as PageSnapshot | null | undefined;
      if (published === undefined) return live.find((p) => p.kind === kind.slug);
      return published === null ? undefined : { id: 0, site_id: siteId, ...published };
    }),
  );
  const pages = found.filter((p): p is OrganisationPageRow => p !== undefined);
  const publishedPeople = (await publishedSnapshot(db, siteId, organisationPeopleReview.type, PEOPLE_KEY)) as PersonSnapshot[] | null | undefined;
  const people = publishedPeople === undefined ? livePeople : (publishedPeople ?? []).map((p) => ({ ...p, site_id: siteId })).sort(byDisplayOrder);
  return withMedia(db, siteId, pages, people);
}

/** A site's Giới thiệu content as it now stands in the newsroom (the drafts), in a few queries. */
export async function readOrganisationDraft(db: Kysely<Database>, siteId: number): Promise<OrganisationContent> {
  const repo = new OrganisationRepository(db, siteId);
  const [pages, people] = await Promise.all([repo.listPages(), repo.listPeople()]);
  return withMedia(db, siteId, pages, people);
}

/** What deciding whether a page has content needs: its pages by kind, its people, and the images that still exist. */
export interface ContentOutline {
  pages: ReadonlyMap<string, Pick<OrganisationPageRow, 'body_html' | 'media_id'>>;
  leaders: readonly unknown[];
  focal: readonly unknown[];
  spokesperson: readonly unknown[];
  media: { has(id: number): boolean };
}

/** Whether a page has anything to show: text under its headings (an outline alone is not written yet), its image, or its people. */
export function pageHasContent(kind: PageKind, content: ContentOutline): boolean {
  const page = content.pages.get(kind.slug);
  if (page && hasTextBeyondHeadings(page.body_html)) return true;
  if (kind.extra === 'image') return page?.media_id != null && content.media.has(page.media_id);
  if (kind.extra === 'leaders') return content.leaders.length > 0;
  if (kind.extra === 'focal') return content.focal.length > 0 || content.spokesperson.length > 0;
  return false;
}

/** The page kinds that have content, in menu order. */
export function pagesWithContent(content: OrganisationContent): PageKind[] {
  return PAGE_KINDS.filter((kind) => pageHasContent(kind, content));
}

/**
 * Writes every Giới thiệu page of a new site as a draft holding its outline
 * (the expected headings), inside the site's creation: nothing is public, and
 * the checklist counts each page missing until it is written and published.
 */
export async function createOutlinePages(trx: Kysely<Database>, siteId: number): Promise<void> {
  const repo = new OrganisationRepository(trx, siteId);
  for (const { kind, html } of PAGE_OUTLINES) {
    await repo.savePage(kind.slug, { body_html: html, title_en: '', body_en_html: '', media_id: null, updated_at: nowIso() });
    const page = await repo.findPage(kind.slug);
    if (page) await recordSystemDraft(trx, siteId, organisationPageReview.type, kind.slug, pageLabel(kind.title), pageSnapshot(page));
  }
}

/**
 * The site's published spokesperson (người phát ngôn), as the public sees
 * them, or null when none is published; for the conformance checklist,
 * which also wants their phone and e-mail filled.
 */
export async function publishedSpokesperson(db: Kysely<Database>, siteId: number): Promise<PersonRow | null> {
  return (await readOrganisation(db, siteId)).spokesperson[0] ?? null;
}
