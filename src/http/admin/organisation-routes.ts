import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MediaRow } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { organisationOverview, organisationPageDesk, personDesk } from '../../services/organisation/organisation-desk.ts';
import { PEOPLE_KEY, PEOPLE_TITLE, organisationPageReview, organisationPeopleReview, pageLabel } from '../../services/organisation/organisation-review.ts';
import { deletePerson, pageHasContent, saveOrganisationPage, savePerson } from '../../services/organisation/organisation-service.ts';
import { PAGE_KINDS, type PageKind, pageKindOf } from '../../services/organisation/page-kinds.ts';
import { ratingSummary } from '../../services/organisation/ratings.ts';
import { STATUS_NAMES } from '../../services/review/rules.ts';
import {
  type ImageOption,
  type PageFormValues,
  type PersonFormValues,
  organisationAdminPage,
  organisationPageForm,
  personForm,
} from '../../views/admin/organisation.ts';
import { ratingSummaryPage } from '../../views/admin/ratings.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { formOf, isValidation, sendHtml } from '../replies.ts';
import { registerReviewRoutes } from './review-routes.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const KindParams = z.object({ kind: z.string().min(1).max(100) });
const body = (request: FastifyRequest) => formOf(request.body) as Record<string, string>;

/** What a Giới thiệu page's form posted, to show it again after a refusal. */
function pageValuesFromBody(form: Record<string, unknown>): PageFormValues {
  const get = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
  return { body_html: get('body_html'), title_en: get('title_en'), body_en_html: get('body_en_html'), media_id: get('media_id') };
}

const PERSON_FIELDS = ['role', 'name', 'job_title', 'job_title_en', 'phone', 'email', 'photo_media_id', 'bio_html', 'bio_en_html', 'sort_order'] as const;
const ROLE_LABELS = { leader: 'Lãnh đạo', focal: 'Cán bộ đầu mối', spokesperson: 'Người phát ngôn' } as const;
const PEOPLE_BASE = '/quan-tri/gioi-thieu/nhan-su';
const pageBase = (slug: string) => `/quan-tri/gioi-thieu/trang/${slug}`;
const imageOptions = (images: MediaRow[]): ImageOption[] => images.map((m) => ({ id: m.id, label: m.title || m.alt || m.original_name }));

function kindOf(request: FastifyRequest) {
  const kind = pageKindOf(parse(KindParams, request.params).kind);
  if (!kind) throw new AppError('not_found');
  return kind;
}

/** Form values posted back, so a rejected form keeps what was typed. */
function personValues(b: Record<string, string>): PersonFormValues {
  return Object.fromEntries(PERSON_FIELDS.map((f) => [f, String(b[f] ?? '')])) as PersonFormValues;
}

async function renderOverview(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], status?: number) {
  const { content, pages, people: peopleReview } = await organisationOverview(request.server.db, authOf(request).actor);
  const people = [...content.leaders, ...content.focal];
  const page = organisationAdminPage(adminContext(request), {
    pages: PAGE_KINDS.map((k) => {
      const state = pages.get(k.slug)!.status;
      return {
        slug: k.slug,
        title: k.title,
        filled: pageHasContent(k, content),
        hasEnglish: Boolean(content.pages.get(k.slug)?.body_en_html),
        statusName: state ? STATUS_NAMES[state] : 'Chưa có',
        editUrl: pageBase(k.slug),
        publicUrl: `/gioi-thieu/${k.slug}`,
      };
    }),
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      jobTitle: p.job_title,
      roleName: ROLE_LABELS[p.role],
      order: p.sort_order,
      editUrl: `/quan-tri/gioi-thieu/nguoi/${p.id}`,
    })),
    peopleReview: {
      ...peopleReview,
      label: 'Duyệt danh sách lãnh đạo, cán bộ đầu mối',
      noun: organisationPeopleReview.noun,
      actionBase: PEOPLE_BASE,
      publicUrl: '/gioi-thieu/lanh-dao',
      errors,
    },
    canEditPeople: peopleReview.canEdit,
  });
  return sendHtml(reply, page, status ?? errors);
}

async function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  kind: PageKind,
  values: PageFormValues | null,
  errors: FieldError[] = [],
  status?: number,
) {
  const { page: row, review, images } = await organisationPageDesk(request.server.db, authOf(request).actor, kind);
  const v: PageFormValues = values ?? {
    body_html: row?.body_html ?? '',
    title_en: row?.title_en ?? '',
    body_en_html: row?.body_en_html ?? '',
    media_id: row?.media_id ? String(row.media_id) : '',
  };
  const page = organisationPageForm(adminContext(request), {
    kind,
    values: v,
    images: imageOptions(images),
    errors,
    review: {
      ...review,
      label: `Duyệt trang ${kind.title}`,
      noun: organisationPageReview.noun,
      actionBase: pageBase(kind.slug),
      publicUrl: `/gioi-thieu/${kind.slug}`,
      errors,
      formId: 'noi-dung-trang',
    },
    canSave: review.canEdit,
  });
  return sendHtml(reply, page, status ?? errors);
}

/** The form of a new (id null) or saved person, with the values given or as saved. */
async function renderPerson(request: FastifyRequest, reply: FastifyReply, id: number | null, values: PersonFormValues | null, errors: FieldError[] = []) {
  const { person, canSave, images } = await personDesk(request.server.db, authOf(request).actor, id);
  const saved = person
    ? personValues({
        ...person,
        photo_media_id: person.photo_media_id ? String(person.photo_media_id) : '',
        sort_order: String(person.sort_order),
      } as unknown as Record<string, string>)
    : personValues({ role: 'leader', sort_order: '0' });
  return sendHtml(
    reply,
    personForm(adminContext(request), { id, values: values ?? saved, images: imageOptions(images), errors, canSave: errors.length > 0 || canSave }),
    errors,
  );
}

/**
 * The Giới thiệu admin: page bodies, images and English text; leaders and
 * focal officials. Editors save drafts and submit them (organisation.submit);
 * approvers and site admins return or publish them (organisation.publish),
 * never what they created or saved last. The public sees the last published version.
 */
export function adminOrganisationRoutes(app: FastifyInstance): void {
  const access = { access: 'organisation.submit' } as const;

  registerReviewRoutes(app, {
    kind: organisationPageReview,
    base: '/quan-tri/gioi-thieu/trang/:kind',
    key: (request) => kindOf(request).slug,
    done: (key, notice) => `${pageBase(key)}?ok=${notice}`,
    // The workflow buttons post the page's form: it is saved first, in the same transaction, and kept on a refusal.
    saveFirst: { holdsContent: (form) => 'body_html' in form, save: (trx, actor, key, form) => saveOrganisationPage(trx, actor, key, form) },
    refused: (request, reply, key, errors, status) => {
      const form = formOf(request.body);
      return renderPage(request, reply, pageKindOf(key)!, 'body_html' in form ? pageValuesFromBody(form) : null, errors, status);
    },
    history: { title: (_request, key) => pageLabel(pageKindOf(key)!.title), back: pageBase, backLabel: 'Quay lại trang' },
  });
  registerReviewRoutes(app, {
    kind: organisationPeopleReview,
    base: PEOPLE_BASE,
    key: () => PEOPLE_KEY,
    done: (_key, notice) => `/quan-tri/gioi-thieu?ok=${notice}#nhan-su`,
    refused: (request, reply, _key, errors, status) => renderOverview(request, reply, errors, status),
    history: { title: () => PEOPLE_TITLE, back: () => '/quan-tri/gioi-thieu#nhan-su', backLabel: 'Quay lại Giới thiệu' },
  });

  app.get('/quan-tri/gioi-thieu', { config: access }, (request, reply) => renderOverview(request, reply));

  app.get('/quan-tri/gioi-thieu/trang/:kind', { config: access }, (request, reply) => renderPage(request, reply, kindOf(request), null));

  app.post('/quan-tri/gioi-thieu/trang/:kind', { config: access }, async (request, reply) => {
    const kind = kindOf(request);
    try {
      await saveOrganisationPage(app.db, authOf(request).actor, kind.slug, body(request));
      return reply.redirect(`${pageBase(kind.slug)}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderPage(request, reply, kind, pageValuesFromBody(body(request)), error.fields);
    }
  });

  app.get('/quan-tri/gioi-thieu/nguoi/moi', { config: access }, (request, reply) => renderPerson(request, reply, null, null));

  app.get('/quan-tri/gioi-thieu/nguoi/:id', { config: access }, (request, reply) => renderPerson(request, reply, parse(IdParams, request.params).id, null));

  const savePersonRoute = (isNew: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const id = isNew ? null : parse(IdParams, request.params).id;
    try {
      await savePerson(app.db, authOf(request).actor, id, body(request));
      return reply.redirect('/quan-tri/gioi-thieu?ok=luu#nhan-su', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderPerson(request, reply, id, personValues(body(request)), error.fields);
    }
  };
  app.post('/quan-tri/gioi-thieu/nguoi/moi', { config: access }, savePersonRoute(true));
  app.post('/quan-tri/gioi-thieu/nguoi/:id', { config: access }, savePersonRoute(false));

  app.post('/quan-tri/gioi-thieu/nguoi/:id/xoa', { config: access }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    await deletePerson(app.db, authOf(request).actor, id);
    return reply.redirect('/quan-tri/gioi-thieu?ok=luu#nhan-su', 303);
  });
}

/** The staff summary of satisfaction ratings. */
export function adminRatingRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/danh-gia', { config: { access: 'feedback.view' } }, async (request, reply) => {
    const siteId = authOf(request).actor.siteId;
    const [summary, visitors] = await Promise.all([ratingSummary(app.db, siteId), app.visitorCounter.figures(app.db, siteId)]);
    return sendHtml(reply, ratingSummaryPage(adminContext(request), summary, visitors));
  });
}
