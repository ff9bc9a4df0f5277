import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { OrganisationRepository } from '../../repositories/organisation-repository.ts';
import { deletePerson, pageHasContent, readOrganisation, saveOrganisationPage, savePerson } from '../../services/organisation/organisation-service.ts';
import { PAGE_KINDS, pageKindOf } from '../../services/organisation/page-kinds.ts';
import { type ImageOption, type PageFormValues, type PersonFormValues, organisationAdminPage, organisationPageForm, personForm } from '../../views/admin/organisation.ts';
import { ratingSummary } from '../../services/organisation/ratings.ts';
import { ratingSummaryPage } from '../../views/admin/ratings.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const KindParams = z.object({ kind: z.string().min(1).max(100) });
const send = (reply: FastifyReply, page: string, errors: FieldError[] = []) => reply.code(errors.length ? 400 : 200).type('text/html; charset=utf-8').send(page);
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, string>;
const isValidation = (error: unknown): error is AppError => error instanceof AppError && error.code === 'validation_failed';

const PERSON_FIELDS = ['role', 'name', 'job_title', 'job_title_en', 'phone', 'email', 'photo_media_id', 'bio_html', 'bio_en_html', 'sort_order'] as const;
const ROLE_LABELS = { leader: 'Lãnh đạo', focal: 'Cán bộ đầu mối' } as const;

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

/** The Giới thiệu admin: page bodies, images and English text; leaders and focal officials. */
export function adminOrganisationRoutes(app: FastifyInstance): void {
  const access = { access: 'organisation.edit' } as const;

  app.get('/quan-tri/gioi-thieu', { config: access }, async (request, reply) => {
    const siteId = authOf(request).actor.siteId;
    const content = await readOrganisation(app.db, siteId);
    const people = [...content.leaders, ...content.focal];
    return send(
      reply,
      organisationAdminPage(adminContext(request), {
        pages: PAGE_KINDS.map((k) => ({
          slug: k.slug,
          title: k.title,
          filled: pageHasContent(k, content),
          hasEnglish: Boolean(content.pages.get(k.slug)?.body_en_html),
          editUrl: `/quan-tri/gioi-thieu/trang/${k.slug}`,
          publicUrl: `/gioi-thieu/${k.slug}`,
        })),
        people: people.map((p) => ({ id: p.id, name: p.name, jobTitle: p.job_title, roleName: ROLE_LABELS[p.role], order: p.sort_order, editUrl: `/quan-tri/gioi-thieu/nguoi/${p.id}` })),
      }),
    );
  });

  app.get('/quan-tri/gioi-thieu/trang/:kind', { config: access }, async (request, reply) => {
    const kind = kindOf(request);
    const page = await new OrganisationRepository(app.db, authOf(request).actor.siteId).findPage(kind.slug);
    const values: PageFormValues = { body_html: page?.body_html ?? '', title_en: page?.title_en ?? '', body_en_html: page?.body_en_html ?? '', media_id: page?.media_id ? String(page.media_id) : '' };
    return send(reply, organisationPageForm(adminContext(request), { kind, values, images: await imageOptions(request), errors: [] }));
  });

  app.post('/quan-tri/gioi-thieu/trang/:kind', { config: access }, async (request, reply) => {
    const kind = kindOf(request);
    const { actor } = authOf(request);
    try {
      await saveOrganisationPage(app.db, actor.siteId, kind.slug, body(request), actor);
      return reply.redirect('/quan-tri/gioi-thieu?ok=luu', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      const b = body(request);
      const values: PageFormValues = { body_html: b.body_html ?? '', title_en: b.title_en ?? '', body_en_html: b.body_en_html ?? '', media_id: b.media_id ?? '' };
      return send(reply, organisationPageForm(adminContext(request), { kind, values, images: await imageOptions(request), errors: error.fields }), error.fields);
    }
  });

  app.get('/quan-tri/gioi-thieu/nguoi/moi', { config: access }, async (request, reply) => {
    const values = personValues({ role: 'leader', sort_order: '0' });
    return send(reply, personForm(adminContext(request), { id: null, values, images: await imageOptions(request), errors: [] }));
  });

  app.get('/quan-tri/gioi-thieu/nguoi/:id', { config: access }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const person = await new OrganisationRepository(app.db, authOf(request).actor.siteId).findPerson(id);
    if (!person) throw new AppError('not_found');
    const values = personValues({ ...person, photo_media_id: person.photo_media_id ? String(person.photo_media_id) : '', sort_order: String(person.sort_order) } as unknown as Record<string, string>);
    return send(reply, personForm(adminContext(request), { id, values, images: await imageOptions(request), errors: [] }));
  });

  const savePersonRoute = (isNew: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const id = isNew ? null : parse(IdParams, request.params).id;
    const { actor } = authOf(request);
    try {
      await savePerson(app.db, actor.siteId, id, body(request), actor);
      return reply.redirect('/quan-tri/gioi-thieu?ok=luu#nhan-su', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return send(reply, personForm(adminContext(request), { id, values: personValues(body(request)), images: await imageOptions(request), errors: error.fields }), error.fields);
    }
  };
  app.post('/quan-tri/gioi-thieu/nguoi/moi', { config: access }, savePersonRoute(true));
  app.post('/quan-tri/gioi-thieu/nguoi/:id', { config: access }, savePersonRoute(false));

  app.post('/quan-tri/gioi-thieu/nguoi/:id/xoa', { config: access }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { actor } = authOf(request);
    await deletePerson(app.db, actor.siteId, id, actor);
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
