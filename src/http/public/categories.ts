import type { FastifyInstance } from 'fastify';
import { readCategory, readFormerUnit } from '../../services/article-reader.ts';
import { pageTags } from '../../services/pages/page-changes.ts';
import { categoryPage } from '../../views/pages/category.ts';
import { paths } from '../../paths.ts';
import { formerUnitLabel, presentCard } from '../../views/presenters.ts';
import { newestCards, presentProvinceNoticeCard } from '../../views/province-notice-presenters.ts';
import { ListingQuery, SlugParams, parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

/** GET /chuyen-muc/:slug – a category listing with pagination (?trang=N), a category's old slug redirecting (301); GET /don-vi-cu/:slug – a former commune's articles in a merged ward. */
export function categoryRoutes(app: FastifyInstance): void {
  app.get('/chuyen-muc/:slug', { config: { cache: true } }, async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const { trang } = parse(ListingQuery, request.query);
    const site = siteOf(request);
    const content = await readCategory(app.db, site, slug, trang);
    // A category's old address keeps working, for links and bookmarks made before its slug changed.
    if (content.moved) return reply.redirect(paths.category(content.category.slug, trang), 301);
    request.cacheTags = [pageTags.category(site.id, content.category.id)];
    return reply.type('text/html; charset=utf-8').send(
      categoryPage(pageContext(request), {
        name: content.category.name,
        slug: content.category.slug,
        cards: newestCards([
          ...content.articles.map((a) => presentCard(a, content.media)),
          ...content.provinceNotices.map((n) => presentProvinceNoticeCard(n, content.category)),
        ]),
        pagination: content.pagination,
      }),
    );
  });

  app.get('/don-vi-cu/:slug', { config: { cache: true } }, async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const { trang } = parse(ListingQuery, request.query);
    const site = siteOf(request);
    const content = await readFormerUnit(app.db, site, slug, trang);
    // Only a merge adds to a former unit (it marks the whole site stale); an edit marks the article's own tag.
    request.cacheTags = content.articles.map((a) => pageTags.article(site.id, a.id));
    return reply.type('text/html; charset=utf-8').send(
      categoryPage(pageContext(request), {
        name: formerUnitLabel(content.unit.name),
        slug: content.unit.slug,
        cards: content.articles.map((a) => presentCard(a, content.media)),
        pagination: content.pagination,
        urlFor: (page) => paths.formerUnit(content.unit.slug, page),
      }),
    );
  });
}
