import type { FastifyInstance } from 'fastify';
import { provinceNoticeTag } from '../../services/province-notices/notice-changes.ts';
import { readProvinceNotice, readProvinceNoticeFile } from '../../services/province-notices/notice-reader.ts';
import { noticeFileStorageKey } from '../../services/province-notices/notice-files.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';
import type { ProxyTrust } from '../proxy-trust.ts';
import { sendCheckedFile } from '../stored-files.ts';
import { provinceNoticePage } from '../../views/pages/province-notice.ts';
import { presentProvinceNotice } from '../../views/province-notice-presenters.ts';
import { MediaParams, SlugParams, parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

/** GET /thong-bao-tinh/:slug – a province's notice or document, on each commune site that shows it; /tep/:key its files. */
export function provinceNoticeRoutes(app: FastifyInstance, storage: MediaStorage, trust: ProxyTrust | false): void {
  app.get('/thong-bao-tinh/:slug', { config: { cache: true } }, async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const site = siteOf(request);
    const { notice, category, files } = await readProvinceNotice(app.db, site, slug);
    request.cacheTags = [provinceNoticeTag(site.id, notice.id)];
    return reply.type('text/html; charset=utf-8').send(provinceNoticePage(pageContext(request), presentProvinceNotice(notice, category, files)));
  });

  // Never cached: a withdrawn notice's files stop being served at once (behind nginx too, which sends only what a node names).
  app.get('/thong-bao-tinh/:slug/tep/:key', async (request, reply) => {
    const { slug, key } = parse(SlugParams.extend(MediaParams.shape), request.params);
    const file = await readProvinceNoticeFile(app.db, siteOf(request), slug, key);
    return sendCheckedFile(request, reply, { storage, trust }, noticeFileStorageKey(file.file_key), file.mime_type, {
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.original_name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
  });
}
