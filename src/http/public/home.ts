import type { FastifyInstance } from 'fastify';
import { readHome } from '../../services/article-reader.ts';
import { readRelatedLinks } from '../../services/organisation/related-links.ts';
import { pageTags } from '../../services/pages/page-changes.ts';
import { homePage } from '../../views/pages/home.ts';
import { presentCard } from '../../views/presenters.ts';
import { paths } from '../../paths.ts';
import { pageContext, siteOf } from '../site-context.ts';

/** GET / – the site's home page. */
export function homeRoutes(app: FastifyInstance): void {
  app.get('/', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const [content, relatedLinks] = await Promise.all([readHome(app.db, site), readRelatedLinks(app.db, site.id)]);
    request.cacheTags = [pageTags.home(site.id)];
    const card = (a: (typeof content.news)[number]) => presentCard(a, content.media);
    const slugOfKind = (kind: string, fallback: string) => content.categories.find((c) => c.kind === kind)?.slug ?? fallback;
    return reply.type('text/html; charset=utf-8').send(
      homePage(pageContext(request), {
        featured: content.featured.map(card),
        news: content.news.map(card),
        notices: content.notices.map(card),
        documents: content.documents.map(card),
        links: {
          news: paths.category(slugOfKind('news', 'tin-tuc')),
          notices: paths.category(slugOfKind('notice', 'thong-bao')),
          documents: paths.category(slugOfKind('document', 'tai-lieu')),
        },
        relatedLinks,
      }),
    );
  });
}
