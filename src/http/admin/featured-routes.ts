import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { defaultFeatureDay, featuredOverview, markFeatured, unmarkFeatured } from '../../services/site-shape/featured.ts';
import { featuredPage, presentFeatured } from '../../views/admin/site-shape/featured.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { adminContext, formText } from './context.ts';
import { isValidation, sendHtml } from '../replies.ts';
import { authOf } from './guard.ts';

const FEATURED = '/quan-tri/tin-noi-bat';
const IdParams = z.object({ id: z.coerce.number().int().positive() });
async function render(request: FastifyRequest, reply: FastifyReply, values?: { article_id: string; until: string }, errors: FieldError[] = []) {
  const now = new Date();
  const data = await featuredOverview(request.server.db, siteOf(request), now);
  const page = featuredPage(adminContext(request), presentFeatured(data, values ?? { article_id: '', until: defaultFeatureDay(now) }, errors));
  return sendHtml(reply, page, errors);
}

/** "Tin nổi bật": approvers and site admins mark and unmark the articles the home page leads with (article.publish). */
export function adminFeaturedRoutes(app: FastifyInstance): void {
  app.get(FEATURED, { config: { access: 'article.publish' } }, (request, reply) => render(request, reply));

  app.post(FEATURED, { config: { access: 'article.publish' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const values = { article_id: formText(request, 'article_id'), until: formText(request, 'until') };
    try {
      await markFeatured(app.db, actor.siteId, values, actor);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return render(request, reply, values, error.fields);
    }
    return reply.redirect(`${FEATURED}?ok=noi-bat`, 303);
  });

  app.post(`${FEATURED}/:id/bo`, { config: { access: 'article.publish' } }, async (request, reply) => {
    await unmarkFeatured(app.db, authOf(request).actor.siteId, parse(IdParams, request.params).id, authOf(request).actor);
    return reply.redirect(`${FEATURED}?ok=bo-noi-bat`, 303);
  });
}
