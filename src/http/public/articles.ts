import type { FastifyInstance } from 'fastify';
import { otherPostsFromDatabase, readArticle } from '../../services/article-reader.ts';
import { pageTags } from '../../services/pages/page-changes.ts';
import { articlePage, articlePrintPage } from '../../views/pages/article.ts';
import { presentArticle } from '../../views/presenters.ts';
import { bypasses } from '../cache/plugin.ts';
import { SlugParams, parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

/** GET /bai-viet/:slug – an article; GET /bai-viet/:slug/in – its print view. */
export function articleRoutes(app: FastifyInstance): void {
  app.get('/bai-viet/:slug', { config: { cache: true } }, async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const site = siteOf(request);
    const content = await readArticle(app.db, site, slug, new Date(), bypasses(request) ? otherPostsFromDatabase : app.latestPosts.others);
    app.views.add(site.id, content.article.id);
    request.cacheTags = [pageTags.article(site.id, content.article.id), pageTags.others(site.id)];
    request.cacheArticleId = content.article.id;
    const view = presentArticle(content.article, content.media, content.others, content.bodyMedia);
    return reply.type('text/html; charset=utf-8').send(articlePage(pageContext(request), view));
  });

  app.get('/bai-viet/:slug/in', { config: { cache: true } }, async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const site = siteOf(request);
    const content = await readArticle(app.db, site, slug, new Date(), null);
    request.cacheTags = [pageTags.article(site.id, content.article.id)];
    const view = presentArticle(content.article, content.media, [], content.bodyMedia);
    return reply.type('text/html; charset=utf-8').send(articlePrintPage(pageContext(request), view));
  });
}
