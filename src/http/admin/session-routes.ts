import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { completeSecondStep, SESSION_IDLE_MS, signIn, signOut } from '../../services/auth/auth-service.ts';
import { invitationsTo } from '../../services/users/invitations.ts';
import { signInPage, totpStepPage } from '../../views/admin/sign-in.ts';
import { siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { SESSION_COOKIE, authOf, checkLoginCsrf, cookieOptions, issueLoginCsrf } from './guard.ts';

const SignInBody = z.object({ email: z.string().max(200).default(''), password: z.string().max(200).default(''), tiep: z.string().max(500).default('') });
const SecondStepBody = z.object({ code: z.string().max(20).default(''), recovery_code: z.string().max(40).default('') });

/** Only our own admin pages are followed after sign-in, never an outside address. */
function safeNext(next: string | undefined): string {
  return next && /^\/quan-tri(\/|$|\?)/.test(next) && !next.startsWith('//') ? next : '/quan-tri';
}

/** Where a person lands after signing in: their invitations while any wait for an answer, unless they were going somewhere else. */
async function landing(db: Kysely<Database>, userId: number, next: string): Promise<string> {
  return next === '/quan-tri' && (await invitationsTo(db, userId)).length > 0 ? '/quan-tri/loi-moi' : next;
}

/** Sign-in (with its rate limit), the two-factor step, and sign-out. */
export function sessionRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/dang-nhap', { config: { access: 'public' } }, async (request, reply) => {
    const next = safeNext((request.query as Record<string, string>).tiep);
    const csrf = issueLoginCsrf(request, reply);
    return reply.type('text/html; charset=utf-8').send(signInPage(adminContext(request), { email: '', next, csrf, errors: [] }));
  });

  app.post('/quan-tri/dang-nhap', { config: { access: 'public' } }, async (request, reply) => {
    checkLoginCsrf(request);
    const body = SignInBody.parse(request.body ?? {});
    const next = safeNext(body.tiep);
    try {
      const result = await signIn(app.db, {
        email: body.email,
        password: body.password,
        ip: request.ip,
        userAgent: String(request.headers['user-agent'] ?? ''),
        site: siteOf(request),
      });
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(request, SESSION_IDLE_MS / 1000));
      return reply.redirect(result.session.totp_pending ? '/quan-tri/xac-thuc' : await landing(app.db, result.user.id, next), 303);
    } catch (error) {
      if (!(error instanceof AppError) || !['invalid_credentials', 'rate_limited'].includes(error.code)) throw error;
      const csrf = issueLoginCsrf(request, reply);
      const page = signInPage(adminContext(request), { email: body.email, next, csrf, errors: [], message: error.message });
      return reply.code(error.status).type('text/html; charset=utf-8').send(page);
    }
  });

  app.get('/quan-tri/xac-thuc', { config: { access: 'totp_pending' } }, async (request, reply) => {
    return reply.type('text/html; charset=utf-8').send(totpStepPage(adminContext(request), []));
  });

  app.post('/quan-tri/xac-thuc', { config: { access: 'totp_pending' } }, async (request, reply) => {
    const body = SecondStepBody.parse(request.body ?? {});
    const recovery = body.recovery_code.trim() !== '';
    try {
      const { session, user } = authOf(request);
      await completeSecondStep(app.db, session, recovery ? { recoveryCode: body.recovery_code } : { code: body.code }, siteOf(request), request.ip);
      return reply.redirect(await landing(app.db, user.id, '/quan-tri'), 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid_credentials') throw error;
      const page = totpStepPage(adminContext(request), [{ field: recovery ? 'recovery_code' : 'code', message: error.message }]);
      return reply.code(401).type('text/html; charset=utf-8').send(page);
    }
  });

  app.post('/quan-tri/dang-xuat', { config: { access: 'signed_in' } }, async (request, reply) => {
    await signOut(app.db, authOf(request));
    reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
    return reply.redirect('/quan-tri/dang-nhap', 303);
  });
}
