import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ItemReviewRow } from '../../db/schema/item-reviews.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { ItemReviewRepository } from '../../repositories/item-review-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { OrganisationRepository } from '../../repositories/organisation-repository.ts';
import { PEOPLE_KEY, PEOPLE_TITLE, organisationPageReview, organisationPeopleReview, pageLabel } from '../../services/organisation/organisation-review.ts';
import {
  deletePerson,
  pageHasContent,
  readOrganisationDraft,
  reviewOrganisationPage,
  reviewOrganisationPeople,
  saveOrganisationPage,
  savePerson,
} from '../../services/organisation/organisation-service.ts';
import { PAGE_KINDS, type PageKind, pageKindOf } from '../../services/organisation/page-kinds.ts';
import type { Actor } from '../../services/permissions.ts';
import { type ReviewAction, type ReviewKind, canEditItem, reviewStatusName, reviewStatusOf } from '../../services/workflow/item-review.ts';
import {
  type ImageOption,
  type PageFormValues,
  type PersonFormValues,
  organisationAdminPage,
  organisationPageForm,
  personForm,
} from '../../views/admin/organisation.ts';
import { reviewPanelView } from '../../views/admin/review-panel.ts';
import { ratingSummary } from '../../services/organisation/ratings.ts';
import { ratingSummaryPage } from '../../views/admin/ratings.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { sendItemRevisions } from './item-revisions.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const KindParams = z.object({ kind: z.string().min(1).max(100) });
const ReturnBody = z.object({ comment: z.string().max(10_000).optional() });
const send = (reply: FastifyReply, page: string, errors: FieldError[] = []) =>
  reply
    .code(errors.length ? 400 : 200)
    .type('text/html; charset=utf-8')
    .send(page);
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, string>;
const isValidation = (error: unknown): error is AppError => error instanceof AppError && error.code === 'validation_failed';

/** The review actions and the permission each route declares (the service checks again). */
const REVIEW_ROUTES: Array<{ path: string; action: ReviewAction; access: 'organisation.submit' | 'organisation.publish'; ok: string }> = [
  { path: 'gui-duyet', action: 'submit', access: 'organisation.submit', ok: 'gui-duyet' },
  { path: 'tra-lai', action: 'return', access: 'organisation.publish', ok: 'tra-lai' },
  { path: 'cong-bo', action: 'publish', access: 'organisation.publish', ok: 'xuat-ban' },
  { path: 'go', action: 'unpublish', access: 'organisation.publish', ok: 'go-bai' },
];

const PERSON_FIELDS = ['role', 'name', 'job_title', 'job_title_en', 'phone', 'email', 'photo_media_id', 'bio_html', 'bio_en_html', 'sort_order'] as const;
const ROLE_LABELS = { leader: 'Lãnh đạo', focal: 'Cán bộ đầu mối' } as const;
const PEOPLE_BASE = '/quan-tri/gioi-thieu/nhan-su';
const pageBase = (slug: string) => `/quan-tri/gioi-thieu/trang/${slug}`;

async function imageOptions(request: FastifyRequest): Promise<ImageOption[]> {
  const images = await new MediaRepository(request.server.db, authOf(request).actor.siteId).list({ kind: 'image', limit: 200 });
  return images.map((m) => ({ id: m.id, label: m.title || m.alt || m.original_name }));
}

function kindOf(request: FastifyRequest) {
  const kind = pageKindOf(parse(KindParams, request.params).kind);
  if (!kind) throw new AppError('not_found');
  return kind;
}

/** Form values posted back, so a rejected form keeps what was typed. */
function personValues(b: Record<string, string>): PersonFormValues {
  return Object.fromEntries(PERSON_FIELDS.map((f) => [f, String(b[f] ?? '')])) as PersonFormValues;
}

const canEditNow = (actor: Actor, kind: ReviewKind, item: ItemReviewRow | undefined, hasContent: boolean) => {
  const status = reviewStatusOf(item, hasContent);
  return canEditItem(actor, kind, status ? { status } : null);
};

async function renderOverview(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = []) {
  const { actor } = authOf(request);
  const db = request.server.db;
  const content = await readOrganisationDraft(db, actor.siteId);
  const reviews = new ItemReviewRepository(db, actor.siteId);
  const pageReviews = await reviews.findMany(
    organisationPageReview.type,
    PAGE_KINDS.map((k) => k.slug),
  );
  const peopleItem = await reviews.find(organisationPeopleReview.type, PEOPLE_KEY);
  const people = [...content.leaders, ...content.focal];
  const hasPeople = people.length > 0;
  const page = organisationAdminPage(adminContext(request), {
    pages: PAGE_KINDS.map((k) => {
      const status = reviewStatusOf(
        pageReviews.find((r) => r.item_key === k.slug),
        content.pages.has(k.slug),
      );
      return {
        slug: k.slug,
        title: k.title,
        filled: pageHasContent(k, content),
        hasEnglish: Boolean(content.pages.get(k.slug)?.body_en_html),
        statusName: status ? reviewStatusName(status) : 'Chưa có',
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
    peopleReview: reviewPanelView(
      actor,
      organisationPeopleReview,
      peopleItem,
      hasPeople,
      { label: 'Duyệt danh sách lãnh đạo, cán bộ đầu mối', actionBase: PEOPLE_BASE, publicUrl: '/gioi-thieu/lanh-dao' },
      errors,
    ),
    canEditPeople: canEditNow(actor, organisationPeopleReview, peopleItem, hasPeople),
  });
  return send(reply, page, errors);
}

async function renderPage(request: FastifyRequest, reply: FastifyReply, kind: PageKind, values: PageFormValues | null, errors: FieldError[] = []) {
  const { actor } = authOf(request);
  const db = request.server.db;
  const row = await new OrganisationRepository(db, actor.siteId).findPage(kind.slug);
  const item = await new ItemReviewRepository(db, actor.siteId).find(organisationPageReview.type, kind.slug);
  const v: PageFormValues = values ?? {
    body_html: row?.body_html ?? '',
    title_en: row?.title_en ?? '',
    body_en_html: row?.body_en_html ?? '',
    media_id: row?.media_id ? String(row.media_id) : '',
  };
  const page = organisationPageForm(adminContext(request), {
    kind,
    values: v,
    images: await imageOptions(request),
    errors,
    review: reviewPanelView(
      actor,
      organisationPageReview,
      item,
      Boolean(row),
      { label: `Duyệt trang ${kind.title}`, actionBase: pageBase(kind.slug), publicUrl: `/gioi-thieu/${kind.slug}` },
      errors,
    ),
    canSave: canEditNow(actor, organisationPageReview, item, Boolean(row)),
  });
  return send(reply, page, errors);
}

async function canEditPeople(request: FastifyRequest): Promise<boolean> {
  const { actor } = authOf(request);
  const db = request.server.db;
  const item = await new ItemReviewRepository(db, actor.siteId).find(organisationPeopleReview.type, PEOPLE_KEY);
  const hasPeople = (await new OrganisationRepository(db, actor.siteId).listPeople()).length > 0;
  return canEditNow(actor, organisationPeopleReview, item, hasPeople);
}

/**
 * The Giới thiệu admin: page bodies, images and English text; leaders and
 * focal officials. Editors save drafts and submit them (organisation.submit);
 * approvers and site admins return or publish them (organisation.publish),
 * never what they created or saved last. The public sees the last published version.
 */
export function adminOrganisationRoutes(app: FastifyInstance): void {
  const access = { access: 'organisation.submit' } as const;

  for (const route of REVIEW_ROUTES) {
    app.post(`/quan-tri/gioi-thieu/trang/:kind/${route.path}`, { config: { access: route.access } }, async (request, reply) => {
      const kind = kindOf(request);
      const { comment } = parse(ReturnBody, request.body ?? {});
      try {
        await reviewOrganisationPage(app.db, authOf(request).actor, kind.slug, route.action, comment);
        return reply.redirect(`${pageBase(kind.slug)}?ok=${route.ok}`, 303);
      } catch (error) {
        if (!isValidation(error)) throw error;
        return renderPage(request, reply, kind, null, error.fields);
      }
    });
    app.post(`${PEOPLE_BASE}/${route.path}`, { config: { access: route.access } }, async (request, reply) => {
      const { comment } = parse(ReturnBody, request.body ?? {});
      try {
        await reviewOrganisationPeople(app.db, authOf(request).actor, route.action, comment);
        return reply.redirect(`/quan-tri/gioi-thieu?ok=${route.ok}#nhan-su`, 303);
      } catch (error) {
        if (!isValidation(error)) throw error;
        return renderOverview(request, reply, error.fields);
      }
    });
  }

  app.get('/quan-tri/gioi-thieu', { config: access }, (request, reply) => renderOverview(request, reply));

  app.get('/quan-tri/gioi-thieu/trang/:kind/phien-ban', { config: access }, (request, reply) => {
    const kind = kindOf(request);
    return sendItemRevisions(request, reply, organisationPageReview, kind.slug, {
      title: pageLabel(kind.title),
      back: pageBase(kind.slug),
      backLabel: 'Quay lại trang',
      base: `${pageBase(kind.slug)}/phien-ban`,
    });
  });

  app.get(`${PEOPLE_BASE}/phien-ban`, { config: access }, (request, reply) =>
    sendItemRevisions(request, reply, organisationPeopleReview, PEOPLE_KEY, {
      title: PEOPLE_TITLE,
      back: '/quan-tri/gioi-thieu#nhan-su',
      backLabel: 'Quay lại Giới thiệu',
      base: `${PEOPLE_BASE}/phien-ban`,
    }),
  );

  app.get('/quan-tri/gioi-thieu/trang/:kind', { config: access }, (request, reply) => renderPage(request, reply, kindOf(request), null));

  app.post('/quan-tri/gioi-thieu/trang/:kind', { config: access }, async (request, reply) => {
    const kind = kindOf(request);
    try {
      await saveOrganisationPage(app.db, authOf(request).actor, kind.slug, body(request));
      return reply.redirect(`${pageBase(kind.slug)}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      const b = body(request);
      const values: PageFormValues = {
        body_html: b.body_html ?? '',
        title_en: b.title_en ?? '',
        body_en_html: b.body_en_html ?? '',
        media_id: b.media_id ?? '',
      };
      return renderPage(request, reply, kind, values, error.fields);
    }
  });

  app.get('/quan-tri/gioi-thieu/nguoi/moi', { config: access }, async (request, reply) => {
    const values = personValues({ role: 'leader', sort_order: '0' });
    return send(
      reply,
      personForm(adminContext(request), { id: null, values, images: await imageOptions(request), errors: [], canSave: await canEditPeople(request) }),
    );
  });

  app.get('/quan-tri/gioi-thieu/nguoi/:id', { config: access }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const person = await new OrganisationRepository(app.db, authOf(request).actor.siteId).findPerson(id);
    if (!person) throw new AppError('not_found');
    const values = personValues({
      ...person,
      photo_media_id: person.photo_media_id ? String(person.photo_media_id) : '',
      sort_order: String(person.sort_order),
    } as unknown as Record<string, string>);
    return send(
      reply,
      personForm(adminContext(request), { id, values, images: await imageOptions(request), errors: [], canSave: await canEditPeople(request) }),
    );
  });

  const savePersonRoute = (isNew: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const id = isNew ? null : parse(IdParams, request.params).id;
    try {
      await savePerson(app.db, authOf(request).actor, id, body(request));
      return reply.redirect('/quan-tri/gioi-thieu?ok=luu#nhan-su', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return send(
        reply,
        personForm(adminContext(request), {
          id,
          values: personValues(body(request)),
          images: await imageOptions(request),
          errors: error.fields,
          canSave: true,
        }),
        error.fields,
      );
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
    return send(reply, ratingSummaryPage(adminContext(request), summary, visitors));
  });
}
