import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { MediaParams, parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';

/** GET /media/:key – a site's uploaded file. Keys are random and never reused, so files cache forever. */
export function mediaRoutes(app: FastifyInstance, mediaDir: string): void {
  app.get('/media/:key', async (request, reply) => {
    const { key } = parse(MediaParams, request.params);
    const site = siteOf(request);
    const media = await new MediaRepository(app.db, site.id).findByKey(key);
    if (!media) throw new AppError('media_not_found');
    const file = path.join(mediaDir, String(site.id), media.storage_key);
    if (!fs.existsSync(file)) throw new AppError('media_not_found');
    return reply
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .type(media.mime_type)
      .send(fs.createReadStream(file));
  });
}
