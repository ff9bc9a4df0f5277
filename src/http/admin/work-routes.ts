import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type WorkCounts, workCounts } from '../../services/dashboard.ts';
import { myWork } from '../../services/my-work.ts';
import { presentMyWork } from '../../views/admin/work-presenters.ts';
import { myWorkPage } from '../../views/admin/work-queues.ts';
import { sendHtml } from '../replies.ts';
import { ADMIN_PREFIX, authOf } from './guard.ts';
import { adminContext } from './context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** What waits for the signed-in person, for the menu's badges; null where not counted. */
    workCounts: WorkCounts | null;
  }
}

/** Counts what waits for a signed-in member, for a newsroom page's menu. */
async function countWork(request: FastifyRequest): Promise<void> {
  const auth = request.auth;
  if (!auth || auth.session.totp_pending === 1 || (auth.actor.role === null && !auth.actor.isPlatformAdmin)) return;
  request.workCounts = await workCounts(request.server.db, auth.actor);
}

/**
 * Gives every newsroom page (GET) the counts its menu shows, after the
 * guard has found who is signed in; must be registered after the guard and
 * before the routes.
 */
export function registerWorkCounts(app: FastifyInstance): void {
  app.decorateRequest('workCounts', null);
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (!route.url.startsWith(ADMIN_PREFIX) || !methods.includes('GET')) return;
    route.preHandler = [...(route.preHandler ? [route.preHandler].flat() : []), countWork];
  });
}

/** "Bài của tôi": a contributor's own articles and items, by where they stand. */
export function adminWorkRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/bai-cua-toi', { config: { access: 'article.create' } }, async (request, reply) => {
    const work = await myWork(app.db, authOf(request).actor);
    return sendHtml(reply, myWorkPage(adminContext(request), presentMyWork(work)));
  });
}
