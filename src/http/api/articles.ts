import type { FastifyInstance } from 'fastify';
import { listArticles, readArticle } from '../../services/article-reader.ts';
import { apiArticleDetail, apiArticleSummary, apiPageMeta } from '../../views/api-presenters.ts';
import { ApiListQuery, SlugParams, parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';

/** The public read API of a site's published articles. */
export function apiArticleRoutes(app: FastifyInstance): void {
  app.get('/api/v1/articles', async (request) => {
    const query = parse(ApiListQuery, request.query);
    const list = await listArticles(app.db, siteOf(request), { page: query.page, perPage: query.per_page, categorySlug: query.category });
    const origin = `${request.protocol}://${request.host}`;
    return { data: list.articles.map((a) => apiArticleSummary(a, origin)), meta: apiPageMeta(list.pagination) };
  });

  app.get('/api/v1/articles/:slug', async (request) => {
    const { slug } = parse(SlugParams, request.params);
    const content = await readArticle(app.db, siteOf(request), slug, new Date(), null);
    return { data: apiArticleDetail(content.article, content.media, `${request.protocol}://${request.host}`) };
  });
}
