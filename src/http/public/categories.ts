import type { FastifyInstance } from 'fastify';
import { readCategory } from '../../services/article-reader.ts';
import { pageTags } from '../../services/pages/page-changes.ts';
import { categoryPage } from '../../views/pages/category.ts';
import { presentCard } from '../../views/presenters.ts';
import { ListingQuery, SlugParams, parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

/** GET /chuyen-muc/:slug – a category listing with pagination (?trang=N). */
export function categoryRoutes(app: FastifyInstance): void {
  app.get('/chuyen-muc/:slug', { config: { cache: true } }, async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const { trang } = parse(ListingQuery, request.query);
    const site = siteOf(request);
    const content = await readCategory(app.db, site, slug, trang);
    request.cacheTags = [pageTags.category(site.id, content.category.id)];
    return reply.type('text/html; charset=utf-8').send(
      categoryPage(pageContext(request), {
        name: content.category.name,
        slug: content.category.slug,
        cards: content.articles.map((a) => presentCard(a, content.media)),
        pagination: content.pagination,
      }),
    );
  });
}
