import type { FastifyInstance } from 'fastify';
import { readArticle, recordArticleView } from '../../services/article-reader.ts';
import { articlePage, articlePrintPage } from '../../views/pages/article.ts';
import { presentArticle } from '../../views/presenters.ts';
import { SlugParams, parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

/** GET /bai-viet/:slug – an article; GET /bai-viet/:slug/in – its print view. */
export function articleRoutes(app: FastifyInstance): void {
  app.get('/bai-viet/:slug', async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const site = siteOf(request);
    const content = await readArticle(app.db, site, slug);
    await recordArticleView(app.db, site, content.article.id);
    // The page shows the count including this view.
    content.article.view_count += 1;
    const view = presentArticle(content.article, content.media, content.others, content.bodyMedia);
    return reply.type('text/html; charset=utf-8').send(articlePage(pageContext(request), view));
  });

  app.get('/bai-viet/:slug/in', async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const content = await readArticle(app.db, siteOf(request), slug);
    const view = presentArticle(content.article, content.media, [], content.bodyMedia);
    return reply.type('text/html; charset=utf-8').send(articlePrintPage(pageContext(request), view));
  });
}
