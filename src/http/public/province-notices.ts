import type { FastifyInstance } from 'fastify';
import { provinceNoticeTag } from '../../services/province-notices/notice-changes.ts';
import { readProvinceNotice } from '../../services/province-notices/notice-reader.ts';
import { provinceNoticePage } from '../../views/pages/province-notice.ts';
import { presentProvinceNotice } from '../../views/province-notice-presenters.ts';
import { SlugParams, parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

/** GET /thong-bao-tinh/:slug – a province's notice or document, on each commune site that shows it. */
export function provinceNoticeRoutes(app: FastifyInstance): void {
  app.get('/thong-bao-tinh/:slug', { config: { cache: true } }, async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const site = siteOf(request);
    const { notice, category } = await readProvinceNotice(app.db, site, slug);
    request.cacheTags = [provinceNoticeTag(site.id, notice.id)];
    return reply.type('text/html; charset=utf-8').send(provinceNoticePage(pageContext(request), presentProvinceNotice(notice, category)));
  });
}
