import type { FastifyInstance } from 'fastify';
import type { CategoryKind } from '../../db/schema.ts';
import { documentPath, formatDay } from '../../services/documents/document-types.ts';
import { HOME_LIST_SIZE, readHomePage } from '../../services/site-shape/home-page.ts';
import type { ShownNotice } from '../../repositories/province-notice-repository.ts';
import { formatDate } from '../../text/format.ts';
import { homePage } from '../../views/pages/home.ts';
import { qaPaths } from '../../views/pages/questions.ts';
import { presentCard } from '../../views/presenters.ts';
import { newestCards, presentProvinceNoticeCard } from '../../views/province-notice-presenters.ts';
import { paths } from '../../paths.ts';
import { isProvincePortal } from '../../services/province/province-portal.ts';
import { pageContext, siteOf } from '../site-context.ts';
import { provinceHome } from './province.ts';

/** GET / – the site's home page: the blocks its site admin chose. */
export function homeRoutes(app: FastifyInstance): void {
  app.get('/', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    if (isProvincePortal(site)) return provinceHome(request, reply);
    const content = await readHomePage(app.db, site, request.siteContext!.categories);
    request.cacheTags = content.tags;
    const card = (a: (typeof content.news)[number]) => presentCard(a, content.media);
    const listOf = (kind: CategoryKind) => {
      const category = content.categories.find((c) => c.kind === kind);
      return category ? paths.category(category.slug) : null;
    };
    // The province's notices and documents join the site's own in their blocks, newest first.
    const fromProvince = (kind: CategoryKind) => (n: ShownNotice) =>
      presentProvinceNoticeCard(
        n,
        content.categories.find((c) => c.kind === kind),
      );
    return reply.type('text/html; charset=utf-8').send(
      homePage(pageContext(request), {
        blocks: content.blocks,
        featured: content.featured.map(card),
        news: content.news.map(card),
        notices: newestCards([...content.notices.map(card), ...content.province.notices.map(fromProvince('notice'))], HOME_LIST_SIZE),
        documents: newestCards([...content.documents.map(card), ...content.province.documents.map(fromProvince('document'))], HOME_LIST_SIZE),
        disclosures: content.disclosures.map(card),
        legal: content.legal.map((d) => ({
          lead: d.number_symbol,
          title: d.summary,
          url: documentPath(d),
          date: formatDay(d.issued_on),
          isoDate: d.issued_on,
        })),
        questions: content.questions.map((q) => ({
          title: q.title,
          url: qaPaths.detail(q.id),
          date: formatDate(q.answered_at ?? q.received_at),
          isoDate: q.answered_at ?? q.received_at,
        })),
        links: { news: listOf('news'), notices: listOf('notice'), documents: listOf('document'), disclosures: listOf('disclosure') },
        relatedLinks: content.links,
      }),
    );
  });
}
