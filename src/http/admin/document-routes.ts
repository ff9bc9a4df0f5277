import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { ItemReviewRepository } from '../../repositories/item-review-repository.ts';
import {
  canEditDocument,
  loadDocument,
  parseDocumentForm,
  publishDocument,
  returnDocument,
  saveDocument,
  submitDocument,
  unpublishDocument,
} from '../../services/documents/document-editor.ts';
import { documentLabel, documentReview } from '../../services/documents/document-review.ts';
import { documentPath } from '../../services/documents/document-types.ts';
import { paginate } from '../../services/pagination.ts';
import { availableItemActions, isOwnItem } from '../../services/workflow/item-review.ts';
import { authorityName } from '../../services/site-service.ts';
import {
  type DocumentFormValues,
  blankDocumentValues,
  documentAdminListPage,
  documentFormPage,
  documentFormValues,
  documentValuesFromBody,
  presentAdminDocument,
  presentFileChoice,
} from '../../views/admin/documents.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { sendItemRevisions } from './item-revisions.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const ListQuery = z.object({
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
  'trang-thai': z.enum(['', 'draft', 'submitted', 'returned', 'published', 'unpublished']).default(''),
});
const ReturnBody = z.object({ comment: z.string().max(10_000).optional() });
const PAGE_SIZE = 20;

const send = (reply: FastifyReply, page: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(page);

const isValidation = (error: unknown): error is AppError => error instanceof AppError && error.code === 'validation_failed';

/** Renders the form for a new or saved document, with the given values (null: as saved) and errors. */
async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  id: number | null,
  values: DocumentFormValues | null,
  errors: FieldError[] = [],
  status = errors.length ? 400 : 200,
) {
  const { actor } = authOf(request);
  const db = request.server.db;
  const document = id === null ? null : await loadDocument(db, actor, id);
  // Documents saved before the review workflow have no review row yet: they count as their writer's.
  const review = document
    ? ((await new ItemReviewRepository(db, actor.siteId).find(documentReview.type, String(document.id))) ?? {
        created_by: document.created_by,
        updated_by: document.updated_by,
        return_comment: '',
      })
    : null;
  const attached = id === null ? [] : await new DocumentRepository(db, actor.siteId).files(id);
  const library = await new MediaRepository(db, actor.siteId).list({ kind: 'file', limit: 300 });
  // Attached files stay offered even when they are older than the newest 300 in the library.
  const files = [...attached.filter((a) => !library.some((l) => l.id === a.id)), ...library];
  const page = documentFormPage(adminContext(request), {
    id,
    values: values ?? (document ? documentFormValues(document, attached) : blankDocumentValues(authorityName(siteOf(request)))),
    errors,
    files: files.map(presentFileChoice),
    status: document?.status ?? null,
    returnComment: review?.return_comment ?? '',
    actions: document ? availableItemActions(actor, documentReview, document) : [],
    ownWork: review ? isOwnItem(actor, review) : false,
    canEdit: canEditDocument(actor, document),
    publicUrl: document?.status === 'published' ? documentPath(document) : null,
  });
  return send(reply, page, status);
}

/** Runs a workflow action and goes back to the document, or shows the form with the action's field errors. */
async function act(request: FastifyRequest, reply: FastifyReply, run: (id: number) => Promise<unknown>, ok: string) {
  const { id } = parse(IdParams, request.params);
  try {
    await run(id);
    return reply.redirect(`/quan-tri/van-ban/${id}?ok=${ok}`, 303);
  } catch (error) {
    if (!isValidation(error)) throw error;
    return renderForm(request, reply, id, null, error.fields);
  }
}

/** The newsroom's Văn bản pages: list and review queue, create, edit with attached files, the review workflow, revisions. */
export function adminDocumentRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/van-ban', { config: { access: 'document.edit' } }, async (request, reply) => {
    const { trang, 'trang-thai': status } = parse(ListQuery, request.query);
    const repo = new DocumentRepository(app.db, authOf(request).actor.siteId);
    const pagination = paginate(await repo.count(status || undefined), trang, PAGE_SIZE);
    const rows = await repo.list(PAGE_SIZE, pagination.offset, status || undefined);
    const waiting = await repo.count('submitted');
    return send(reply, documentAdminListPage(adminContext(request), { items: rows.map(presentAdminDocument), pagination, status, waiting }));
  });

  app.get('/quan-tri/van-ban/moi', { config: { access: 'document.edit' } }, (request, reply) => renderForm(request, reply, null, null));

  app.post('/quan-tri/van-ban', { config: { access: 'document.edit' } }, async (request, reply) => {
    try {
      const { id } = await saveDocument(app.db, authOf(request).actor, null, parseDocumentForm(request.body));
      return reply.redirect(`/quan-tri/van-ban/${id}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderForm(request, reply, null, documentValuesFromBody(request.body as Record<string, unknown>), error.fields);
    }
  });

  app.get('/quan-tri/van-ban/:id', { config: { access: 'document.edit' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    return renderForm(request, reply, id, null);
  });

  app.post('/quan-tri/van-ban/:id', { config: { access: 'document.edit' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      await saveDocument(app.db, authOf(request).actor, id, parseDocumentForm(request.body));
      return reply.redirect(`/quan-tri/van-ban/${id}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderForm(request, reply, id, documentValuesFromBody(request.body as Record<string, unknown>), error.fields);
    }
  });

  app.get('/quan-tri/van-ban/:id/phien-ban', { config: { access: 'document.edit' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const document = await loadDocument(app.db, authOf(request).actor, id);
    const base = `/quan-tri/van-ban/${id}`;
    return sendItemRevisions(request, reply, documentReview, String(id), {
      title: documentLabel(document),
      back: base,
      backLabel: 'Quay lại văn bản',
      base: `${base}/phien-ban`,
    });
  });

  app.post('/quan-tri/van-ban/:id/gui-duyet', { config: { access: 'document.edit' } }, (request, reply) =>
    act(request, reply, (id) => submitDocument(app.db, authOf(request).actor, id), 'gui-duyet'),
  );

  app.post('/quan-tri/van-ban/:id/tra-lai', { config: { access: 'document.publish' } }, (request, reply) => {
    const { comment } = parse(ReturnBody, request.body ?? {});
    return act(request, reply, (id) => returnDocument(app.db, authOf(request).actor, id, comment), 'tra-lai');
  });

  app.post('/quan-tri/van-ban/:id/cong-bo', { config: { access: 'document.publish' } }, (request, reply) =>
    act(request, reply, (id) => publishDocument(app.db, authOf(request).actor, id), 'xuat-ban'),
  );

  app.post('/quan-tri/van-ban/:id/go', { config: { access: 'document.publish' } }, (request, reply) =>
    act(request, reply, (id) => unpublishDocument(app.db, authOf(request).actor, id), 'go-bai'),
  );
}
