import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sharedPreview } from '../../services/articles/previews.ts';
import { articlePage } from '../../views/pages/article.ts';
import { presentArticle } from '../../views/presenters.ts';
import { parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

const TokenParams = z.object({ token: z.string().regex(/^[\w-]{10,64}$/) });

/** GET /xem-truoc/:token – a shared preview link: anyone with it sees the article as it will look, until it expires; never indexed nor cached. */
export function previewRoutes(app: FastifyInstance): void {
  app.get('/xem-truoc/:token', async (request, reply) => {
    const { token } = parse(TokenParams, request.params);
    const content = await sharedPreview(app.db, siteOf(request), token);
    const view = presentArticle(content.article, content.media, content.others, content.bodyMedia);
    return reply
      .header('X-Robots-Tag', 'noindex')
      .type('text/html; charset=utf-8')
      .send(articlePage(pageContext(request), view, { preview: true }));
  });
}
