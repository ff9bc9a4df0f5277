import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { canEditDocument, loadDocument, parseDocumentForm, publishDocument, saveDocument, unpublishDocument } from '../../services/documents/document-editor.ts';
import { documentPath } from '../../services/documents/document-types.ts';
import { paginate } from '../../services/pagination.ts';
import { can } from '../../services/permissions.ts';
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

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const ListQuery = z.object({ trang: z.coerce.number().int().min(1).max(100_000).default(1) });
const PAGE_SIZE = 20;

const send = (reply: FastifyReply, page: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(page);

const isValidation = (error: unknown): error is AppError => error instanceof AppError && error.code === 'validation_failed';

/** Renders the form for a new or saved document, with the given values (null: as saved) and errors. */
async function renderForm(request: FastifyRequest, reply: FastifyReply, id: number | null, values: DocumentFormValues | null, errors: FieldError[] = [], status = errors.length ? 400 : 200) {
  const { actor } = authOf(request);
  const db = request.server.db;
  const document = id === null ? null : await loadDocument(db, actor, id);
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
    canEdit: canEditDocument(actor, document),
    canPublish: can(actor, 'document.publish'),
    publicUrl: document?.status === 'published' ? documentPath(document) : null,
  });
  return send(reply, page, status);
}

/** The newsroom's Văn bản pages: list, create, edit with attached files, publish and unpublish. */
export function adminDocumentRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/van-ban', { config: { access: 'document.edit' } }, async (request, reply) => {
    const { trang } = parse(ListQuery, request.query);
    const repo = new DocumentRepository(app.db, authOf(request).actor.siteId);
    const pagination = paginate(await repo.count(), trang, PAGE_SIZE);
    const rows = await repo.list(PAGE_SIZE, pagination.offset);
    return send(reply, documentAdminListPage(adminContext(request), { items: rows.map(presentAdminDocument), pagination }));
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

  app.post('/quan-tri/van-ban/:id/cong-bo', { config: { access: 'document.publish' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      await publishDocument(app.db, authOf(request).actor, id);
      return reply.redirect(`/quan-tri/van-ban/${id}?ok=xuat-ban`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderForm(request, reply, id, null, error.fields);
    }
  });

  app.post('/quan-tri/van-ban/:id/go', { config: { access: 'document.publish' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    await unpublishDocument(app.db, authOf(request).actor, id);
    return reply.redirect(`/quan-tri/van-ban/${id}?ok=go-bai`, 303);
  });
}
