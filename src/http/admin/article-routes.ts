import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { articleDesk, listArticles, listTrash } from '../../services/articles/article-desk.ts';
import { parseArticleForm, saveArticle } from '../../services/articles/article-editor.ts';
import { articleReview } from '../../services/articles/article-review.ts';
import { previewForStaff, sharePreview } from '../../services/articles/previews.ts';
import { newsroomDashboard } from '../../services/dashboard.ts';
import { formatDateTime } from '../../text/format.ts';
import { type ArticleFormValues, articleFormPage } from '../../views/admin/article-form.ts';
import { type ArticleListView, articleListPage, dashboardPage, trashPage } from '../../views/admin/article-list.ts';
import { formValuesFromBody, presentAdminItem, presentArticleEditor, presentDashboard } from '../../views/admin/presenters.ts';
import { articlePage } from '../../views/pages/article.ts';
import { formerUnitLabel, presentArticle } from '../../views/presenters.ts';
import { parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { formOf, isFormError, sendHtml } from '../replies.ts';
import { registerReviewRoutes } from './review-routes.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const ListQuery = z.object({
  'trang-thai': z.enum(['draft', 'submitted', 'returned', 'scheduled', 'published', 'unpublished', 'archived']).optional(),
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
  'don-vi': z.string().max(200).optional(),
});
const SIGNED_IN = { config: { access: 'admin.access' as const } };

/** Renders the editor for a new or saved article, with the given values and errors. */
async function renderEditor(
  request: FastifyRequest,
  reply: FastifyReply,
  id: number | null,
  values: ArticleFormValues | null,
  errors: FieldError[] = [],
  status?: number,
) {
  const { actor } = authOf(request);
  const desk = await articleDesk(request.server.db, actor, id);
  const view = presentArticleEditor(desk, { id, values, errors, writer: actor.displayName, origin: pageContext(request).origin });
  return sendHtml(reply, articleFormPage(adminContext(request), view), status ?? errors);
}

/** Saves the posted form (a new article when id is null) and goes to it, or shows the form again with its errors. */
async function save(request: FastifyRequest, reply: FastifyReply, id: number | null) {
  try {
    const saved = await saveArticle(request.server.db, authOf(request).actor, id, parseArticleForm(request.body));
    return reply.redirect(`/quan-tri/bai-viet/${saved.id}?ok=luu`, 303);
  } catch (error) {
    if (!isFormError(error)) throw error;
    return renderEditor(request, reply, id, formValuesFromBody(formOf(request.body)), error.fields, error.status);
  }
}

/** The newsroom's article pages: dashboard, list, editor, workflow actions, previews, trash. */
export function adminArticleRoutes(app: FastifyInstance): void {
  registerReviewRoutes(app, {
    kind: articleReview,
    base: '/quan-tri/bai-viet/:id',
    dispatch: 'thao-tac',
    key: (request) => String(parse(IdParams, request.params).id),
    done: (key, notice, action) => (action === 'trash' ? `/quan-tri/thung-rac?ok=${notice}` : `/quan-tri/bai-viet/${key}?ok=${notice}`),
    // The workflow buttons post the content form: it is saved first, in the same transaction.
    saveFirst: { holdsContent: (form) => 'title' in form, save: (trx, actor, key, form) => saveArticle(trx, actor, Number(key), parseArticleForm(form)) },
    // A refused action stays in the editor, with the reason where the person is looking and what they typed kept.
    refused: (request, reply, key, errors, status) => {
      const form = formOf(request.body);
      return renderEditor(request, reply, Number(key), 'title' in form ? formValuesFromBody(form) : null, errors, status);
    },
  });

  app.get('/quan-tri', SIGNED_IN, async (request, reply) => {
    const dashboard = await newsroomDashboard(app.db, authOf(request).actor);
    return sendHtml(reply, dashboardPage(adminContext(request), presentDashboard(dashboard)));
  });

  app.get('/quan-tri/bai-viet', SIGNED_IN, async (request, reply) => {
    const query = parse(ListQuery, request.query);
    const { items, pagination, units, unit } = await listArticles(app.db, authOf(request).actor, query['trang-thai'], query.trang, query['don-vi']);
    const view: ArticleListView = {
      items: items.map(presentAdminItem),
      status: query['trang-thai'] ?? '',
      pagination,
      units: units.map((u) => ({ slug: u.slug, label: formerUnitLabel(u.name) })),
      unit: unit?.slug ?? '',
    };
    return sendHtml(reply, articleListPage(adminContext(request), view));
  });

  app.get('/quan-tri/bai-viet/moi', { config: { access: 'article.create' } }, (request, reply) => renderEditor(request, reply, null, null));
  app.post('/quan-tri/bai-viet', { config: { access: 'article.create' } }, (request, reply) => save(request, reply, null));
  app.get('/quan-tri/bai-viet/:id', SIGNED_IN, (request, reply) => renderEditor(request, reply, parse(IdParams, request.params).id, null));
  app.post('/quan-tri/bai-viet/:id', SIGNED_IN, (request, reply) => save(request, reply, parse(IdParams, request.params).id));

  app.post('/quan-tri/bai-viet/:id/tu-dong-luu', SIGNED_IN, async (request) => {
    const { id } = parse(IdParams, request.params);
    const saved = await saveArticle(app.db, authOf(request).actor, id, parseArticleForm(request.body), { autosave: true });
    return { saved_at: formatDateTime(new Date()), version: saved.version };
  });

  app.get('/quan-tri/bai-viet/:id/xem-truoc', SIGNED_IN, async (request, reply) => {
    const content = await previewForStaff(app.db, authOf(request).actor, siteOf(request), parse(IdParams, request.params).id);
    return sendHtml(
      reply,
      articlePage(pageContext(request), presentArticle(content.article, content.media, content.others, content.bodyMedia), { preview: true }),
    );
  });

  app.post('/quan-tri/bai-viet/:id/chia-se-xem-truoc', SIGNED_IN, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    await sharePreview(app.db, authOf(request).actor, id);
    return reply.redirect(`/quan-tri/bai-viet/${id}`, 303);
  });

  app.get('/quan-tri/thung-rac', { config: { access: 'article.delete' } }, async (request, reply) => {
    const rows = await listTrash(app.db, authOf(request).actor);
    return sendHtml(reply, trashPage(adminContext(request), rows.map(presentAdminItem)));
  });
}
