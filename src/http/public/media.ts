import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { variantsOf } from '../../services/media-service.ts';
import { MediaParams, parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';

/** WebP variants are named after their original: <base>-<width>.webp. */
const VARIANT_KEY = /^([a-f0-9]{24})-\d+\.webp$/;

/** GET /media/:key – a site's uploaded file. Keys are random and never reused, so files cache forever. */
export function mediaRoutes(app: FastifyInstance, mediaDir: string): void {
  app.get('/media/:key', async (request, reply) => {
    const { key } = parse(MediaParams, request.params);
    const site = siteOf(request);
    const repo = new MediaRepository(app.db, site.id);
    const variant = VARIANT_KEY.exec(key);
    const media = variant ? await repo.findByVariantBase(variant[1]!) : await repo.findByKey(key);
    if (!media || media.deleted_at || (variant && !variantsOf(media).some((v) => v.key === key))) throw new AppError('media_not_found');
    const file = path.join(mediaDir, String(site.id), key);
    if (!fs.existsSync(file)) throw new AppError('media_not_found');
    const headers: Record<string, string> = { 'Cache-Control': 'public, max-age=31536000, immutable' };
    // Attachments download under their original name; images display inline.
    if (media.kind === 'file') headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(media.original_name)}`;
    return reply
      .headers(headers)
      .type(variant ? 'image/webp' : media.mime_type)
      .send(fs.createReadStream(file));
  });
}
