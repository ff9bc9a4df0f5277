import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { articleHistory, restoreRevision } from '../../services/articles/article-editor.ts';
import { presentRevisions } from '../../views/admin/presenters.ts';
import { revisionsPage } from '../../views/admin/revisions.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { sendHtml } from '../replies.ts';
import { CompareQuery } from './review-routes.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const RestoreParams = IdParams.extend({ number: z.coerce.number().int().positive() });

/** An article's revision history: list, readable diff of any two, restore. */
export function adminRevisionRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/bai-viet/:id/phien-ban', { config: { access: 'admin.access' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const history = await articleHistory(app.db, authOf(request).actor, id, parse(CompareQuery, request.query));
    const page = revisionsPage(adminContext(request), {
      articleId: id,
      title: history.article.title,
      ...presentRevisions(history),
      canRestore: history.canRestore,
    });
    return sendHtml(reply, page);
  });

  app.post('/quan-tri/bai-viet/:id/phien-ban/:number/khoi-phuc', { config: { access: 'admin.access' } }, async (request, reply) => {
    const { id, number } = parse(RestoreParams, request.params);
    await restoreRevision(app.db, authOf(request).actor, id, number);
    return reply.redirect(`/quan-tri/bai-viet/${id}?ok=khoi-phuc`, 303);
  });
}
