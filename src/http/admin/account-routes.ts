import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { proofFromTyped } from '../../services/auth/second-factor.ts';
import {
  beginTotpEnrolment,
  changeOwnPassword,
  confirmTotpEnrolment,
  disableTotp,
  ownAccountState,
  renewRecoveryCodes,
} from '../../services/users/own-account.ts';
import { accountPage, presentAccount, recoveryCodesPage } from '../../views/admin/account.ts';
import { isValidation, sendHtml } from '../replies.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const PasswordBody = z.object({ current_password: z.string().max(200).default(''), new_password: z.string().max(200).default('') });
const CodeBody = z.object({ code: z.string().max(40).default('') });
const ChangeBody = z.object({ password: z.string().max(200).default(''), code: z.string().max(40).default(''), action: z.enum(['tat', 'ma-moi']) });

async function renderAccount(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = []) {
  const state = await ownAccountState(request.server.db, authOf(request).user);
  const view = await presentAccount(state, siteOf(request).require_totp === 1, errors);
  return sendHtml(reply, accountPage(adminContext(request), view), errors.length ? 400 : 200);
}

/** The signed-in user's own account: password (other sessions end), and two-factor sign-in with its recovery codes. */
export function adminAccountRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/tai-khoan', { config: { access: 'signed_in' } }, (request, reply) => renderAccount(request, reply));

  app.post('/quan-tri/tai-khoan/mat-khau', { config: { access: 'signed_in' } }, async (request, reply) => {
    const { actor, session } = authOf(request);
    const body = parse(PasswordBody, request.body ?? {});
    try {
      await changeOwnPassword(app.db, actor.userId, { current: body.current_password, next: body.new_password, keepSessionId: session.id }, actor);
      return reply.redirect('/quan-tri/tai-khoan?ok=mat-khau', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderAccount(request, reply, error.fields);
    }
  });

  app.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc/bat-dau', { config: { access: 'signed_in' } }, async (request, reply) => {
    await beginTotpEnrolment(app.db, authOf(request).actor.userId);
    return reply.redirect('/quan-tri/tai-khoan#hai-buoc', 303);
  });

  app.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc', { config: { access: 'signed_in' } }, async (request, reply) => {
    const { actor } = authOf(request);
    try {
      const codes = await confirmTotpEnrolment(app.db, actor.userId, parse(CodeBody, request.body ?? {}).code, actor);
      return sendHtml(reply, recoveryCodesPage(adminContext(request), codes));
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderAccount(request, reply, error.fields);
    }
  });

  app.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc/thay-doi', { config: { access: 'signed_in' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const body = parse(ChangeBody, request.body ?? {});
    const proof = { password: body.password, ...proofFromTyped(body.code) };
    try {
      if (body.action === 'tat') {
        await disableTotp(app.db, actor.userId, proof, actor);
        return reply.redirect('/quan-tri/tai-khoan?ok=tat-2fa', 303);
      }
      return sendHtml(reply, recoveryCodesPage(adminContext(request), await renewRecoveryCodes(app.db, actor.userId, proof, actor)));
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderAccount(
        request,
        reply,
        error.fields.map((f) => (f.field === 'recovery_code' ? { ...f, field: 'code' } : f)),
      );
    }
  });
}
