import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import { mediaForKey } from '../../services/media-service.ts';
import { MediaParams, parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { sendStored } from '../stored-files.ts';
import { type MediaStorage, siteKey } from '../../services/storage/media-storage.ts';

/** GET /media/:key – a site's uploaded file. Keys are random and never reused, so files cache forever. */
export function mediaRoutes(app: FastifyInstance, storage: MediaStorage): void {
  app.get('/media/:key', async (request, reply) => {
    const { key } = parse(MediaParams, request.params);
    const site = siteOf(request);
    const found = await mediaForKey(app.db, site.id, key);
    if (!found) throw new AppError('media_not_found');
    const { media, variant } = found;
    const headers: Record<string, string> = { 'Cache-Control': 'public, max-age=31536000, immutable' };
    // Attachments download under their original name; images display inline.
    if (media.kind === 'file') headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(media.original_name)}`;
    return sendStored(reply, storage, siteKey(site.id, key), variant ? 'image/webp' : media.mime_type, headers);
  });
}
