import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { controllableAccounts, endSessions, resetPassword, resetTwoFactor } from '../../services/users/account-control.ts';
import { invitationsFrom } from '../../services/users/invitations.ts';
import { addMember, requireMember, setUserRole, siteMembers } from '../../services/users/user-service.ts';
import { presentInvitation } from '../../views/admin/invitations.ts';
import { presentMember, usersPage } from '../../views/admin/users.ts';
import { isValidation, sendHtml } from '../replies.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const RoleBody = z.object({ role: z.enum(['contributor', 'editor', 'approver', 'site_admin']) });
const OUTCOME_NOTICES = { created: 'nguoi-dung', invited: 'loi-moi', role_changed: 'nguoi-dung' } as const;

async function renderUsers(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], values = { email: '', display_name: '', role: '' }) {
  const { actor } = authOf(request);
  const db = request.server.db;
  const members = await siteMembers(db, actor.siteId);
  const controllable = await controllableAccounts(db, actor, members);
  const page = usersPage(adminContext(request), {
    members: members.map((m) => presentMember(m, actor.userId, controllable)),
    invitations: (await invitationsFrom(db, actor.siteId)).map(presentInvitation),
    errors,
    values,
  });
  return sendHtml(reply, page, errors.length ? 400 : 200);
}

/**
 * The site's staff: list, add (an existing account is only invited), change
 * role, and the account actions (temporary password, end sessions, turn off
 * two-factor sign-in) that the account rule allows. Only members of this site are reachable.
 */
export function adminUserRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/nguoi-dung', { config: { access: 'user.manage' } }, (request, reply) => renderUsers(request, reply));

  app.post('/quan-tri/nguoi-dung', { config: { access: 'user.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    try {
      const outcome = await addMember(app.db, authOf(request).actor.siteId, body, authOf(request).actor);
      return reply.redirect(`/quan-tri/nguoi-dung?ok=${OUTCOME_NOTICES[outcome]}`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderUsers(request, reply, error.fields, { email: body.email ?? '', display_name: body.display_name ?? '', role: body.role ?? '' });
    }
  });

  app.post('/quan-tri/nguoi-dung/:id/vai-tro', { config: { access: 'user.manage' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { role } = parse(RoleBody, request.body);
    const { actor } = authOf(request);
    if (id === actor.userId) throw new AppError('forbidden', 'Bạn không thể tự đổi vai trò của mình.');
    await requireMember(app.db, actor.siteId, id);
    await setUserRole(app.db, actor.siteId, id, role, actor);
    return reply.redirect('/quan-tri/nguoi-dung?ok=nguoi-dung', 303);
  });

  app.post('/quan-tri/nguoi-dung/:id/mat-khau', { config: { access: 'user.manage' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const password = String((request.body as Record<string, unknown>)?.[`password-${id}`] ?? '');
    try {
      await resetPassword(app.db, authOf(request).actor, id, password);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderUsers(
        request,
        reply,
        error.fields.map((f) => ({ ...f, field: `password-${id}` })),
      );
    }
    return reply.redirect('/quan-tri/nguoi-dung?ok=nguoi-dung', 303);
  });

  app.post('/quan-tri/nguoi-dung/:id/ket-thuc-phien', { config: { access: 'user.manage' } }, async (request, reply) => {
    await endSessions(app.db, authOf(request).actor, parse(IdParams, request.params).id);
    return reply.redirect('/quan-tri/nguoi-dung?ok=ket-thuc-phien', 303);
  });

  app.post('/quan-tri/nguoi-dung/:id/tat-xac-thuc-hai-buoc', { config: { access: 'user.manage' } }, async (request, reply) => {
    await resetTwoFactor(app.db, authOf(request).actor, parse(IdParams, request.params).id);
    return reply.redirect('/quan-tri/nguoi-dung?ok=tat-2fa-nguoi-dung', 303);
  });
}
