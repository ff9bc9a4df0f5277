import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ArticleStatus } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { ArticleAdminRepository } from '../../repositories/article-admin-repository.ts';
import { CategoryRepository } from '../../repositories/category-repository.ts';
import { FormerUnitRepository } from '../../repositories/former-unit-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { readPreview } from '../../services/article-reader.ts';
import { paginate } from '../../services/pagination.ts';
import { can } from '../../services/permissions.ts';
import { loadArticle, parseArticleForm, saveArticle } from '../../services/workflow/article-editor.ts';
import { reviewQueue } from '../../services/workflow/item-review.ts';
import { REVIEW_KINDS } from '../../services/workflow/review-kinds.ts';
import { STATUS_NAMES, type WorkflowAction, availableActions, canEdit } from '../../services/workflow/rules.ts';
import { sharePreview, transitionArticle } from '../../services/workflow/transitions.ts';
import { formatDateTime } from '../../text/format.ts';
import { type ArticleFormValues, articleFormPage } from '../../views/admin/article-form.ts';
import { type ArticleListView, articleListPage, dashboardPage, trashPage } from '../../views/admin/article-list.ts';
import { formValuesFromBody, formValuesOf, presentAdminItem } from '../../views/admin/presenters.ts';
import { articlePage } from '../../views/pages/article.ts';
import { formerUnitLabel, paths, presentArticle } from '../../views/presenters.ts';
import { parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const ListQuery = z.object({
  'trang-thai': z.enum(['draft', 'submitted', 'returned', 'scheduled', 'published', 'unpublished', 'archived']).optional(),
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
  'don-vi': z.string().max(200).optional(),
});
const ActionBody = z.object({
  action: z.enum(['submit', 'return', 'publish', 'force_publish', 'unpublish', 'archive', 'trash', 'restore']),
  comment: z.string().max(2000).optional(),
  reason: z.string().max(2000).optional(),
});
const PAGE_SIZE = 20;

const SUCCESS: Partial<Record<WorkflowAction | ArticleStatus, string>> = {
  submit: 'gui-duyet',
  return: 'tra-lai',
  unpublish: 'go-bai',
  archive: 'luu-tru',
  trash: 'thung-rac',
  restore: 'khoi-phuc',
  published: 'xuat-ban',
  scheduled: 'hen-gio',
};

const html = (reply: FastifyReply, page: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(page);

/** Renders the editor for a new or saved article, with the given values and errors. */
async function renderEditor(
  request: FastifyRequest,
  reply: FastifyReply,
  id: number | null,
  values: ArticleFormValues | null,
  errors: FieldError[] = [],
  status = errors.length ? 400 : 200,
) {
  const { actor } = authOf(request);
  const db = request.server.db;
  const article = id === null ? null : await loadArticle(db, actor, id);
  const [categories, images] = await Promise.all([
    new CategoryRepository(db, actor.siteId).list(),
    new MediaRepository(db, actor.siteId).list({ kind: 'image', limit: 200 }),
  ]);
  const livePreview = article?.preview_token && article.preview_expires_at && article.preview_expires_at > new Date().toISOString();
  const ctx = pageContext(request);
  const page = articleFormPage(adminContext(request), {
    id,
    values:
      values ??
      (article
        ? formValuesOf(article)
        : {
            title: '',
            slug: '',
            summary: '',
            body_html: '',
            writer: actor.displayName,
            photographer: '',
            category_id: String(categories[0]?.id ?? ''),
            featured_media_id: '',
            publish_at: '',
          }),
    errors,
    categories: categories.map((c) => ({ id: c.id, name: c.name })),
    images: images.map((m) => ({ id: m.id, alt: m.alt })),
    status: article?.status ?? null,
    statusName: article ? STATUS_NAMES[article.status] : 'Bài mới',
    canEdit: article ? canEdit(actor, article) : true,
    actions: article ? availableActions(actor, article) : [],
    author: article?.author_name ?? 'Hệ thống',
    returnComment: article?.return_comment ?? null,
    forceReason: article?.force_reason ?? null,
    publicUrl: article?.status === 'published' ? paths.article(article.slug) : null,
    previewLink: livePreview ? `${ctx.origin}/xem-truoc/${article.preview_token}` : null,
    uploadUrl: '/quan-tri/media',
  });
  return html(reply, page, status);
}

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

function isValidation(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'validation_failed';
}

/** The newsroom's article pages: dashboard, list, editor, workflow actions, revisions, previews, trash. */
export function adminArticleRoutes(app: FastifyInstance): void {
  app.get('/quan-tri', { config: { access: 'admin.access' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const repo = new ArticleAdminRepository(app.db, actor.siteId);
    const [queue, drafts, returned, forced, others] = await Promise.all([
      repo.list({ status: 'submitted' }, 50),
      repo.list({ status: 'draft', authorId: actor.userId }, 50),
      repo.list({ status: 'returned', authorId: actor.userId }, 50),
      repo.list({ forcedOnly: true }, 50),
      reviewQueue(app.db, actor, REVIEW_KINDS),
    ]);
    const reviewsSomething = REVIEW_KINDS.some((k) => can(actor, k.publish));
    const otherQueue = reviewsSomething
      ? others.map(({ kind, item, own }) => ({
          module: capitalise(kind.noun),
          title: item.title,
          url: kind.adminPath(item.item_key),
          submitted: item.submitted_at ? formatDateTime(item.submitted_at) : '',
          own,
        }))
      : undefined;
    return html(
      reply,
      dashboardPage(adminContext(request), {
        queue: queue.map(presentAdminItem),
        mine: [...returned, ...drafts].map(presentAdminItem),
        forced: forced.map(presentAdminItem),
        otherQueue,
      }),
    );
  });

  app.get('/quan-tri/bai-viet', { config: { access: 'admin.access' } }, async (request, reply) => {
    const query = parse(ListQuery, request.query);
    const { actor } = authOf(request);
    const repo = new ArticleAdminRepository(app.db, actor.siteId);
    // A merged ward's articles can be narrowed to one former unit's.
    const units = await new FormerUnitRepository(app.db, actor.siteId).list();
    const unit = units.find((u) => u.slug === query['don-vi']);
    const filter = { status: query['trang-thai'], formerUnitId: unit?.id };
    const pagination = paginate(await repo.count(filter), query.trang, PAGE_SIZE);
    const rows = await repo.list(filter, PAGE_SIZE, pagination.offset);
    const view: ArticleListView = {
      items: rows.map(presentAdminItem),
      status: query['trang-thai'] ?? '',
      pagination,
      units: units.map((u) => ({ slug: u.slug, label: formerUnitLabel(u.name) })),
      unit: unit?.slug ?? '',
    };
    return html(reply, articleListPage(adminContext(request), view));
  });

  app.get('/quan-tri/bai-viet/moi', { config: { access: 'article.create' } }, (request, reply) => renderEditor(request, reply, null, null));

  app.post('/quan-tri/bai-viet', { config: { access: 'article.create' } }, async (request, reply) => {
    try {
      const { id } = await saveArticle(app.db, authOf(request).actor, null, parseArticleForm(request.body));
      return reply.redirect(`/quan-tri/bai-viet/${id}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderEditor(request, reply, null, formValuesFromBody(request.body as Record<string, unknown>), error.fields);
    }
  });

  app.get('/quan-tri/bai-viet/:id', { config: { access: 'admin.access' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    return renderEditor(request, reply, id, null);
  });

  app.post('/quan-tri/bai-viet/:id', { config: { access: 'admin.access' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      await saveArticle(app.db, authOf(request).actor, id, parseArticleForm(request.body));
      return reply.redirect(`/quan-tri/bai-viet/${id}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderEditor(request, reply, id, formValuesFromBody(request.body as Record<string, unknown>), error.fields);
    }
  });

  app.post('/quan-tri/bai-viet/:id/tu-dong-luu', { config: { access: 'admin.access' } }, async (request) => {
    const { id } = parse(IdParams, request.params);
    await saveArticle(app.db, authOf(request).actor, id, parseArticleForm(request.body), { autosave: true });
    return { saved_at: formatDateTime(new Date()) };
  });

  app.post('/quan-tri/bai-viet/:id/thao-tac', { config: { access: 'admin.access' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const body = parse(ActionBody, request.body);
    try {
      const status = await transitionArticle(app.db, authOf(request).actor, id, body.action, { comment: body.comment, reason: body.reason });
      const ok = body.action === 'publish' || body.action === 'force_publish' ? SUCCESS[status] : SUCCESS[body.action];
      return reply.redirect(body.action === 'trash' ? `/quan-tri/thung-rac?ok=${ok}` : `/quan-tri/bai-viet/${id}?ok=${ok}`, 303);
    } catch (error) {
      if (isValidation(error)) return renderEditor(request, reply, id, null, error.fields);
      // A refused action stays in the editor, with the reason where the person is looking.
      if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'invalid_transition')) {
        return renderEditor(request, reply, id, null, [{ field: 'action', message: error.message }], error.status);
      }
      throw error;
    }
  });

  app.get('/quan-tri/bai-viet/:id/xem-truoc', { config: { access: 'admin.access' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const article = await loadArticle(app.db, authOf(request).actor, id);
    const content = await readPreview(app.db, siteOf(request), article);
    return html(reply, articlePage(pageContext(request), presentArticle(content.article, content.media, content.others, content.bodyMedia), { preview: true }));
  });

  app.post('/quan-tri/bai-viet/:id/chia-se-xem-truoc', { config: { access: 'admin.access' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    await sharePreview(app.db, authOf(request).actor, id);
    return reply.redirect(`/quan-tri/bai-viet/${id}`, 303);
  });

  app.get('/quan-tri/thung-rac', { config: { access: 'article.delete' } }, async (request, reply) => {
    const rows = await new ArticleAdminRepository(app.db, authOf(request).actor.siteId).list({ trashed: true }, 200);
    return html(reply, trashPage(adminContext(request), rows.map(presentAdminItem)));
  });

  /** A shared preview link: anyone with it sees the article as it will look, until it expires. */
  app.get('/xem-truoc/:token', async (request, reply) => {
    const { token } = parse(z.object({ token: z.string().regex(/^[\w-]{10,64}$/) }), request.params);
    const site = siteOf(request);
    const article = await new ArticleAdminRepository(app.db, site.id).findByPreviewToken(token, new Date().toISOString());
    if (!article) throw new AppError('not_found', 'Liên kết xem trước không tồn tại hoặc đã hết hạn.');
    const content = await readPreview(app.db, site, article);
    return html(
      reply.header('X-Robots-Tag', 'noindex'),
      articlePage(pageContext(request), presentArticle(content.article, content.media, content.others, content.bodyMedia), { preview: true }),
    );
  });
}
