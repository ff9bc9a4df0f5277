import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { documentDesk, listDocuments } from '../../services/documents/document-desk.ts';
import { loadDocument, parseDocumentForm, saveDocument } from '../../services/documents/document-editor.ts';
import { documentLabel, documentReview } from '../../services/documents/document-review.ts';
import { documentPath } from '../../services/documents/document-types.ts';
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
import { formOf, isFormError, isValidation, sendHtml } from '../replies.ts';
import { registerReviewRoutes } from './review-routes.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const ListQuery = z.object({
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
  'trang-thai': z.enum(['', 'draft', 'submitted', 'returned', 'published', 'unpublished']).default(''),
});
const EDIT = { config: { access: 'document.edit' as const } };

/** Renders the form for a new or saved document, with the given values (null: as saved) and errors. */
async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  id: number | null,
  values: DocumentFormValues | null,
  errors: FieldError[] = [],
  status?: number,
) {
  const desk = await documentDesk(request.server.db, authOf(request).actor, id);
  const { document } = desk;
  // The version typed on stays with the form after a refusal; after a conflict, it is the one now saved.
  const posted = formOf(request.body).version;
  const keep = values !== null && typeof posted === 'string' && !errors.some((e) => e.field === 'version');
  const page = documentFormPage(adminContext(request), {
    version: keep ? posted : desk.review.version,
    id,
    values: values ?? (document ? documentFormValues(document, desk.attached) : blankDocumentValues(authorityName(siteOf(request)))),
    errors,
    files: desk.files.map(presentFileChoice),
    review: desk.review,
    publicUrl: document?.status === 'published' ? documentPath(document) : null,
  });
  return sendHtml(reply, page, status ?? errors);
}

/** The newsroom's Văn bản pages: list and review queue, create, edit with attached files, the review workflow, revisions. */
export function adminDocumentRoutes(app: FastifyInstance): void {
  registerReviewRoutes(app, {
    kind: documentReview,
    base: '/quan-tri/van-ban/:id',
    key: (request) => String(parse(IdParams, request.params).id),
    done: (key, notice) => `/quan-tri/van-ban/${key}?ok=${notice}`,
    // The workflow buttons post the content form: it is saved first, in the same transaction, and kept on a refusal.
    saveFirst: {
      holdsContent: (form) => 'number_symbol' in form,
      save: (trx, actor, key, form) => saveDocument(trx, actor, Number(key), parseDocumentForm(form)),
    },
    refused: (request, reply, key, errors, status) => {
      const form = formOf(request.body);
      return renderForm(request, reply, Number(key), 'number_symbol' in form ? documentValuesFromBody(form) : null, errors, status);
    },
    history: {
      title: async (request, key) => documentLabel(await loadDocument(app.db, authOf(request).actor, Number(key))),
      back: (key) => `/quan-tri/van-ban/${key}`,
      backLabel: 'Quay lại văn bản',
    },
  });

  app.get('/quan-tri/van-ban', EDIT, async (request, reply) => {
    const { trang, 'trang-thai': status } = parse(ListQuery, request.query);
    const list = await listDocuments(app.db, authOf(request).actor, status || undefined, trang);
    return sendHtml(
      reply,
      documentAdminListPage(adminContext(request), { items: list.items.map(presentAdminDocument), pagination: list.pagination, status, waiting: list.waiting }),
    );
  });

  app.get('/quan-tri/van-ban/moi', EDIT, (request, reply) => renderForm(request, reply, null, null));

  app.post('/quan-tri/van-ban', EDIT, async (request, reply) => {
    try {
      const { id } = await saveDocument(app.db, authOf(request).actor, null, parseDocumentForm(request.body));
      return reply.redirect(`/quan-tri/van-ban/${id}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderForm(request, reply, null, documentValuesFromBody(formOf(request.body)), error.fields);
    }
  });

  app.get('/quan-tri/van-ban/:id', EDIT, (request, reply) => renderForm(request, reply, parse(IdParams, request.params).id, null));

  app.post('/quan-tri/van-ban/:id', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      await saveDocument(app.db, authOf(request).actor, id, parseDocumentForm(request.body));
      return reply.redirect(`/quan-tri/van-ban/${id}?ok=luu`, 303);
    } catch (error) {
      if (!isFormError(error)) throw error;
      return renderForm(request, reply, id, documentValuesFromBody(formOf(request.body)), error.fields, error.status);
    }
  });
}
