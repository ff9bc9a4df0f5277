import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import { mediaForKey } from '../../services/media-service.ts';
import { type MediaStorage, siteKey } from '../../services/storage/media-storage.ts';
import type { ProxyTrust } from '../proxy-trust.ts';
import { MediaParams, parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { sendCheckedFile } from '../stored-files.ts';

/**
 * GET /media/:key – a site's uploaded file. Keys are random and never reused,
 * so files cache forever. The portal checks the key against the site (and the
 * trash); behind nginx with the local folder, nginx then sends the bytes from
 * disk; from a bucket, the portal streams them.
 */
export function mediaRoutes(app: FastifyInstance, storage: MediaStorage, trust: ProxyTrust | false): void {
  app.get('/media/:key', async (request, reply) => {
    const { key } = parse(MediaParams, request.params);
    const site = siteOf(request);
    const found = await mediaForKey(app.db, site.id, key);
    if (!found) throw new AppError('media_not_found');
    const { media, variant } = found;
    const stored = siteKey(site.id, key);
    const type = variant ? 'image/webp' : media.mime_type;
    const headers: Record<string, string> = { 'Cache-Control': 'public, max-age=31536000, immutable' };
    // Attachments download under their original name; images display inline.
    if (media.kind === 'file') headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(media.original_name)}`;
    return sendCheckedFile(request, reply, { storage, trust }, stored, type, headers);
  });
}
