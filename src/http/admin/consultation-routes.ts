import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { listCommentsForStaff, openCommentAttachment, setCommentPublished } from '../../services/consultations/consultation-comments.ts';
import { consultationDesk, listConsultations } from '../../services/consultations/consultation-desk.ts';
import { loadConsultation, parseConsultationForm, saveConsultation } from '../../services/consultations/consultation-editor.ts';
import { consultationPaths, phaseOf } from '../../services/consultations/consultation-phase.ts';
import { consultationReview } from '../../services/consultations/consultation-review.ts';
import { parseSummaryForm, saveSummary, setSummaryPublished } from '../../services/consultations/consultation-summary.ts';
import { formatDay } from '../../services/documents/document-types.ts';
import { libraryItems } from '../../services/media-service.ts';
import { can } from '../../services/permissions.ts';
import { consultationCommentsPage, consultationAdminListPage, consultationFormPage, consultationSummaryPage } from '../../views/admin/consultations.ts';
import {
  consultationFormValues,
  consultationValuesFromBody,
  documentChoice,
  fileChoice,
  presentAdminConsultation,
  presentStaffComment,
} from '../../views/consultation-presenters.ts';
import { formOf, isRefusal, isValidation, refusalFields, sendHtml } from '../replies.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { registerReviewRoutes } from './review-routes.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';
import { sendPrivateDownload } from '../stored-files.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const CommentParams = IdParams.extend({ comment: z.coerce.number().int().positive().max(2_147_483_647) });
const PageQuery = z.object({ trang: z.coerce.number().int().min(1).max(100_000).default(1) });
const PublishBody = z.object({ publish: z.enum(['0', '1']) });
const EDIT = { config: { access: 'document.edit' as const } };
const PUBLISH = { config: { access: 'document.publish' as const } };
const base = (id: number | string) => `/quan-tri/lay-y-kien/${id}`;

/** Renders the form of a new or saved consultation with the given values (null: as saved) and errors. */
async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  id: number | null,
  values: ReturnType<typeof consultationValuesFromBody> | null,
  errors: FieldError[] = [],
  status?: number,
) {
  const desk = await consultationDesk(request.server.db, authOf(request).actor, id);
  const c = desk.consultation;
  const page = consultationFormPage(adminContext(request), {
    id,
    values: values ?? consultationFormValues(c),
    errors,
    documents: desk.documents.map(documentChoice),
    files: desk.files.map(fileChoice),
    review: desk.review,
    publicUrl: c?.status === 'published' ? consultationPaths.detail(c) : null,
    comments: desk.comments,
  });
  return sendHtml(reply, page, status ?? errors);
}

/** Renders the summary page with the given values (null: as saved) and errors. */
async function renderSummary(
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  values: { summary_html: string; summary_media_id: string } | null,
  errors: FieldError[] = [],
  status?: number,
) {
  const { actor } = authOf(request);
  const c = await loadConsultation(request.server.db, actor, id);
  const files = await libraryItems(request.server.db, actor.siteId, { kind: 'file', limit: 300 });
  const page = consultationSummaryPage(adminContext(request), {
    id,
    title: c.title,
    closed: phaseOf({ ...c, summary_published_at: null }) === 'closed',
    closesOn: formatDay(c.closes_on),
    values: values ?? { summary_html: c.summary_html, summary_media_id: c.summary_media_id === null ? '' : String(c.summary_media_id) },
    files: files.map(fileChoice),
    errors,
    published: c.summary_published_at !== null,
    canEdit: can(actor, c.summary_published_at ? 'document.publish' : 'document.edit'),
    canPublish: can(actor, 'document.publish'),
  });
  return sendHtml(reply, page, status ?? errors);
}

/** The newsroom's Lấy ý kiến dự thảo pages: list, form and review, residents' comments, the summary. */
export function adminConsultationRoutes(app: FastifyInstance, storage: MediaStorage | undefined): void {
  registerReviewRoutes(app, {
    kind: consultationReview,
    base: '/quan-tri/lay-y-kien/:id',
    key: (request) => String(parse(IdParams, request.params).id),
    done: (key, notice) => `${base(key)}?ok=${notice}`,
    refused: (request, reply, key, errors, status) => renderForm(request, reply, Number(key), null, errors, status),
    history: {
      title: async (request, key) => (await loadConsultation(app.db, authOf(request).actor, Number(key))).title,
      back: (key) => base(key),
      backLabel: 'Quay lại dự thảo',
    },
  });

  app.get('/quan-tri/lay-y-kien', EDIT, async (request, reply) => {
    const list = await listConsultations(app.db, authOf(request).actor, parse(PageQuery, request.query).trang);
    return sendHtml(reply, consultationAdminListPage(adminContext(request), { items: list.items.map(presentAdminConsultation), pagination: list.pagination }));
  });

  app.get('/quan-tri/lay-y-kien/moi', EDIT, (request, reply) => renderForm(request, reply, null, null));

  const save = async (request: FastifyRequest, reply: FastifyReply, id: number | null) => {
    try {
      const saved = await saveConsultation(app.db, authOf(request).actor, id, parseConsultationForm(request.body));
      return reply.redirect(`${base(saved.id)}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderForm(request, reply, id, consultationValuesFromBody(formOf(request.body)), error.fields);
    }
  };
  app.post('/quan-tri/lay-y-kien', EDIT, (request, reply) => save(request, reply, null));
  app.get('/quan-tri/lay-y-kien/:id', EDIT, (request, reply) => renderForm(request, reply, parse(IdParams, request.params).id, null));
  app.post('/quan-tri/lay-y-kien/:id', EDIT, (request, reply) => save(request, reply, parse(IdParams, request.params).id));

  app.get('/quan-tri/lay-y-kien/:id/gop-y', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { actor } = authOf(request);
    const list = await listCommentsForStaff(app.db, actor, id, parse(PageQuery, request.query).trang);
    const c = list.consultation;
    return sendHtml(
      reply,
      consultationCommentsPage(adminContext(request), {
        id,
        title: c.title,
        comments: list.comments.map((m) => presentStaffComment(id, m)),
        pagination: list.pagination,
        published: list.published,
        canPublish: can(actor, 'document.publish'),
        publicUrl: c.status === 'published' ? consultationPaths.detail(c) : null,
      }),
    );
  });

  app.post('/quan-tri/lay-y-kien/:id/gop-y/:comment/cong-khai', PUBLISH, async (request, reply) => {
    const { id, comment } = parse(CommentParams, request.params);
    await setCommentPublished(app.db, authOf(request).actor, id, comment, parse(PublishBody, formOf(request.body)).publish === '1');
    return reply.redirect(`${base(id)}/gop-y?ok=luu`, 303);
  });

  // A resident's file, only to staff of this site: always a download, never rendered in the page's origin.
  app.get('/quan-tri/lay-y-kien/:id/gop-y/:comment/tep', EDIT, async (request, reply) => {
    const { id, comment } = parse(CommentParams, request.params);
    if (!storage) throw new AppError('media_not_found');
    const file = await openCommentAttachment(app.db, authOf(request).actor, storage, id, comment);
    return sendPrivateDownload(reply, storage, file);
  });

  app.get('/quan-tri/lay-y-kien/:id/bao-cao', EDIT, (request, reply) => renderSummary(request, reply, parse(IdParams, request.params).id, null));

  app.post('/quan-tri/lay-y-kien/:id/bao-cao', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      await saveSummary(app.db, authOf(request).actor, id, parseSummaryForm(request.body));
      return reply.redirect(`${base(id)}/bao-cao?ok=luu`, 303);
    } catch (error) {
      if (!isRefusal(error) && !(error instanceof AppError && error.code === 'consultation_not_closed')) throw error;
      const form = formOf(request.body);
      const values = { summary_html: String(form.summary_html ?? ''), summary_media_id: String(form.summary_media_id ?? '') };
      return renderSummary(request, reply, id, values, refusalFields(error as AppError), (error as AppError).status);
    }
  });

  app.post('/quan-tri/lay-y-kien/:id/bao-cao/cong-bo', PUBLISH, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      await setSummaryPublished(app.db, authOf(request).actor, id, parse(PublishBody, formOf(request.body)).publish === '1');
      return reply.redirect(`${base(id)}/bao-cao?ok=xuat-ban`, 303);
    } catch (error) {
      if (!isRefusal(error) && !(error instanceof AppError && error.code === 'consultation_not_closed')) throw error;
      return renderSummary(request, reply, id, null, refusalFields(error as AppError), (error as AppError).status);
    }
  });
}
