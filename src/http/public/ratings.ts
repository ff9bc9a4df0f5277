import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { submitRating } from '../../services/organisation/ratings.ts';
import { ratingErrorPage, ratingThanksPage } from '../../views/pages/rating.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { publicPageContext } from './downtime.ts';

/** A path on this site to go back to; anything else goes home. */
const safePath = (value: unknown) => (typeof value === 'string' && /^\/(?!\/)[^\s\\]{0,299}$/.test(value) ? value : '/');
const ThanksQuery = z.object({ trang: z.string().max(300).optional() });

/** POST /danh-gia (the anonymous rating form on every page) and its thank-you page. */
export function ratingPublicRoutes(app: FastifyInstance): void {
  app.post('/danh-gia', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    try {
      await submitRating(app.db, siteOf(request).id, body, request.ip);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const page = ratingErrorPage(publicPageContext(request), safePath(body.path), error.fields);
      return reply.code(400).type('text/html; charset=utf-8').send(page);
    }
    return reply.redirect(`/danh-gia/cam-on?trang=${encodeURIComponent(safePath(body.path))}`, 303);
  });

  app.get('/danh-gia/cam-on', async (request, reply) => {
    const { trang } = parse(ThanksQuery, request.query);
    return reply.type('text/html; charset=utf-8').send(ratingThanksPage(publicPageContext(request), safePath(trang)));
  });
}
