import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { acceptInvitation, approveInvitation, declineInvitation, invitationsTo, withdrawInvitation } from '../../services/users/invitations.ts';
import { invitationsPage, presentInvitation } from '../../views/admin/invitations.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

/**
 * Invitations of existing accounts: the invited person answers them (any
 * signed-in account, on any site), the inviting site's admin withdraws one,
 * and a platform admin may approve in the owner's place.
 */
export function adminInvitationRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/loi-moi', { config: { access: 'signed_in' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const items = await invitationsTo(app.db, actor.userId);
    const page = invitationsPage(adminContext(request), items.map(presentInvitation), actor.role !== null || actor.isPlatformAdmin);
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.post('/quan-tri/loi-moi/:id/chap-nhan', { config: { access: 'signed_in' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const invitation = await acceptInvitation(app.db, parse(IdParams, request.params).id, actor);
    return reply.redirect(invitation.site_id === actor.siteId ? '/quan-tri?ok=nhan-loi-moi' : '/quan-tri/loi-moi?ok=nhan-loi-moi', 303);
  });

  app.post('/quan-tri/loi-moi/:id/tu-choi', { config: { access: 'signed_in' } }, async (request, reply) => {
    await declineInvitation(app.db, parse(IdParams, request.params).id, authOf(request).actor);
    return reply.redirect('/quan-tri/loi-moi?ok=tu-choi-loi-moi', 303);
  });

  app.post('/quan-tri/nguoi-dung/loi-moi/:id/thu-hoi', { config: { access: 'user.manage' } }, async (request, reply) => {
    await withdrawInvitation(app.db, parse(IdParams, request.params).id, authOf(request).actor);
    return reply.redirect('/quan-tri/nguoi-dung?ok=thu-hoi-loi-moi', 303);
  });

  app.post('/quan-tri/he-thong/loi-moi/:id/duyet', { config: { access: 'platform.manage' } }, async (request, reply) => {
    await approveInvitation(app.db, parse(IdParams, request.params).id, authOf(request).actor);
    return reply.redirect('/quan-tri/he-thong?ok=duyet-loi-moi', 303);
  });
}
