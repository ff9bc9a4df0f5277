import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { OrganisationPageRow, PersonRole, PersonRow } from '../../db/schema/organisation.ts';
import { AppError, validationError } from '../../errors.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { OrganisationRepository } from '../../repositories/organisation-repository.ts';
import { sanitizeBodyHtml } from '../../text/sanitize.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { pagesChanged } from '../pages/page-changes.ts';
import { parseInput } from '../validation.ts';
import { PAGE_KINDS, type PageKind, aboutTag, pageKindOf } from './page-kinds.ts';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`).transform(toNfc);
const richText = z.string().max(200_000, 'nội dung quá dài').transform(sanitizeBodyHtml);
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
  role: z.enum(['leader', 'focal'], { message: 'phải là lãnh đạo hoặc cán bộ đầu mối' }),
  name: text(120).pipe(z.string().min(1, 'không được để trống')),
  job_title: text(200).default(''),
  job_title_en: text(200).default(''),
  phone: text(60).pipe(z.string().regex(/^[\d\s+().-]*$/, 'chỉ gồm chữ số, dấu cách và + ( ) . -')).default(''),
  email: z.union([z.literal(''), z.string().trim().email('email không hợp lệ')]).default(''),
  photo_media_id: mediaId,
  bio_html: richText.default(''),
  bio_en_html: richText.default(''),
  sort_order: z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(0, 'nhỏ nhất là 0').max(999, 'lớn nhất là 999').default(0),
});
export type PersonFormInput = z.input<typeof PersonFormSchema>;

async function checkImage(repo: OrganisationRepository, field: string, id: number | null): Promise<void> {
  if (id !== null && !(await repo.imageExists(id))) throw validationError([{ field, message: 'không có ảnh này trong thư viện media' }]);
}

function kindOrThrow(slug: string): PageKind {
  const kind = pageKindOf(slug);
  if (!kind) throw new AppError('not_found');
  return kind;
}

/** Saves one Giới thiệu page (sanitised bodies, a library image), audited, and marks the about pages stale. */
export async function saveOrganisationPage(db: Kysely<Database>, siteId: number, slug: string, input: PageFormInput, who: AuditWho): Promise<void> {
  const kind = kindOrThrow(slug);
  const data = parseInput(PageFormSchema, input);
  await inTransaction(db, async (trx) => {
    const repo = new OrganisationRepository(trx, siteId);
    const mediaIdValue = kind.extra === 'image' ? data.media_id : null;
    await checkImage(repo, 'media_id', mediaIdValue);
    await repo.savePage(kind.slug, { body_html: data.body_html, title_en: data.title_en, body_en_html: data.body_en_html, media_id: mediaIdValue, updated_at: nowIso() });
    await pagesChanged(trx, [aboutTag(siteId)]);
    await recordAudit(trx, who, { action: 'organisation.page_updated', targetType: 'organisation_page', summary: kind.title });
  });
}

const ROLE_NAMES: Record<PersonRole, string> = { leader: 'lãnh đạo', focal: 'cán bộ đầu mối' };

/** Adds a person (id null) or changes one of this site's; audited. Returns the id. */
export async function savePerson(db: Kysely<Database>, siteId: number, id: number | null, input: PersonFormInput | Record<string, string>, who: AuditWho): Promise<number> {
  const data = parseInput(PersonFormSchema, input);
  return inTransaction(db, async (trx) => {
    const repo = new OrganisationRepository(trx, siteId);
    await checkImage(repo, 'photo_media_id', data.photo_media_id);
    const now = nowIso();
    let personId: number;
    if (id === null) {
      personId = await repo.insertPerson({ ...data, created_at: now, updated_at: now });
    } else {
      if (!(await repo.findPerson(id))) throw new AppError('not_found');
      await repo.updatePerson(id, { ...data, updated_at: now });
      personId = id;
    }
    await pagesChanged(trx, [aboutTag(siteId)]);
    await recordAudit(trx, who, {
      action: id === null ? 'organisation.person_created' : 'organisation.person_updated',
      targetType: 'organisation_person',
      targetId: personId,
      summary: `${data.name} (${ROLE_NAMES[data.role]})`,
    });
    return personId;
  });
}

/** Removes one of this site's people; audited. */
export async function deletePerson(db: Kysely<Database>, siteId: number, id: number, who: AuditWho): Promise<void> {
  await inTransaction(db, async (trx) => {
    const repo = new OrganisationRepository(trx, siteId);
    const person = await repo.findPerson(id);
    if (!person) throw new AppError('not_found');
    await repo.deletePerson(id);
    await pagesChanged(trx, [aboutTag(siteId)]);
    await recordAudit(trx, who, { action: 'organisation.person_deleted', targetType: 'organisation_person', targetId: id, summary: `${person.name} (${ROLE_NAMES[person.role]})` });
  });
}

/** Everything the Giới thiệu and English pages show: pages by kind, people, and the images they use. */
export interface OrganisationContent {
  pages: Map<string, OrganisationPageRow>;
  leaders: PersonRow[];
  focal: PersonRow[];
  media: Map<number, MediaRow>;
}

/** Reads a site's Giới thiệu content in a few queries. */
export async function readOrganisation(db: Kysely<Database>, siteId: number): Promise<OrganisationContent> {
  const repo = new OrganisationRepository(db, siteId);
  const [pages, people] = await Promise.all([repo.listPages(), repo.listPeople()]);
  const ids = [...pages.map((p) => p.media_id), ...people.map((p) => p.photo_media_id)].filter((id): id is number => id !== null);
  const media = await new MediaRepository(db, siteId).findByIds([...new Set(ids)]);
  return {
    pages: new Map(pages.map((p) => [p.kind, p])),
    leaders: people.filter((p) => p.role === 'leader'),
    focal: people.filter((p) => p.role === 'focal'),
    media: new Map(media.filter((m) => m.deleted_at === null).map((m) => [m.id, m])),
  };
}

/** Whether a page has anything to show, in Vietnamese: a body, its image, or its people. */
export function pageHasContent(kind: PageKind, content: OrganisationContent): boolean {
  const page = content.pages.get(kind.slug);
  if (page?.body_html) return true;
  if (kind.extra === 'image') return page?.media_id != null && content.media.has(page.media_id);
  if (kind.extra === 'leaders') return content.leaders.length > 0;
  if (kind.extra === 'focal') return content.focal.length > 0;
  return false;
}

/** The page kinds that have content, in menu order. */
export function pagesWithContent(content: OrganisationContent): PageKind[] {
  return PAGE_KINDS.filter((kind) => pageHasContent(kind, content));
}
