import type {} from '@fastify/cookie';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { type LoadedSession, loadSession } from '../../services/auth/auth-service.ts';
import { type Permission, can } from '../../services/permissions.ts';
import { siteOf } from '../site-context.ts';

/**
 * Every admin route declares what it needs in `config.access`:
 * - a Permission, checked against the user's role on the request's site;
 * - 'signed_in': any signed-in user of the site;
 * - 'totp_pending': the second step of a two-factor sign-in;
 * - 'public': the sign-in page itself.
 * A route under /quan-tri without a declaration stops the app at start-up.
 */
export type Access = Permission | 'signed_in' | 'totp_pending' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: LoadedSession | null;
  }
}

export const ADMIN_PREFIX = '/quan-tri';
export const SESSION_COOKIE = 'xp_session';
export const LOGIN_CSRF_COOKIE = 'xp_login_csrf';

/** Pages a signed-in user may still reach while an account step (2FA, new password) is pending. */
const ACCOUNT_SETUP_PATHS = ['/quan-tri/tai-khoan', '/quan-tri/dang-xuat'];
/** Pages someone invited to this site, not yet a member, may reach: their invitations and their own account. */
const INVITEE_PATHS = ['/quan-tri/loi-moi', ...ACCOUNT_SETUP_PATHS];

/** Cookie options: HttpOnly, SameSite, and Secure whenever the request came over HTTPS. */
export function cookieOptions(request: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The CSRF token a request carries: header for scripts, form field, or query for multipart forms. */
function submittedCsrf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && typeof body._csrf === 'string') return body._csrf;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?._csrf === 'string' ? query._csrf : undefined;
}

/** Gives the sign-in form a double-submit token (there is no session yet to hold one). */
export function issueLoginCsrf(request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[LOGIN_CSRF_COOKIE];
  const token = existing && /^[\w-]{32}$/.test(existing) ? existing : randomBytes(24).toString('base64url');
  reply.setCookie(LOGIN_CSRF_COOKIE, token, { ...cookieOptions(request), sameSite: 'strict' });
  return token;
}

/** Checks the sign-in form's double-submit token. */
export function checkLoginCsrf(request: FastifyRequest): void {
  if (!sameToken(request.cookies[LOGIN_CSRF_COOKIE], submittedCsrf(request))) throw new AppError('csrf_failed');
}

function isUnsafe(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

async function guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const access = request.routeOptions.config.access;
  if (access === 'public') return;
  const site = siteOf(request);
  const token = request.cookies[SESSION_COOKIE];
  const loaded = token ? await loadSession(request.server.db, token, site, request.ip) : null;
  if (!loaded) {
    if (request.method === 'GET' && !request.url.startsWith('/quan-tri/api')) {
      return reply.redirect(`/quan-tri/dang-nhap?tiep=${encodeURIComponent(request.url)}`);
    }
    throw new AppError('not_signed_in');
  }
  request.auth = loaded;
  if (isUnsafe(request.method) && !sameToken(loaded.session.csrf_token, submittedCsrf(request))) throw new AppError('csrf_failed');

  const pendingTotp = loaded.session.totp_pending === 1;
  if (access === 'totp_pending') {
    if (!pendingTotp) return reply.redirect('/quan-tri');
    return;
  }
  if (pendingTotp) return reply.redirect('/quan-tri/xac-thuc');
  // A temporary password must be changed, and a site that requires 2FA gets it set up, before anything else.
  const setupNeeded = loaded.user.must_change_password === 1 || (site.require_totp === 1 && loaded.user.totp_enabled !== 1);
  const path = request.url.split('?')[0] ?? '';
  if (setupNeeded && !ACCOUNT_SETUP_PATHS.some((p) => path.startsWith(p))) return reply.redirect('/quan-tri/tai-khoan');
  const member = loaded.actor.role !== null || loaded.actor.isPlatformAdmin;
  if (!member && !INVITEE_PATHS.some((p) => path.startsWith(p))) {
    if (request.method === 'GET') return reply.redirect('/quan-tri/loi-moi');
    throw new AppError('forbidden');
  }
  if (access === 'signed_in') return;
  if (!access || !can(loaded.actor, access)) throw new AppError('forbidden');
}

/** Installs the admin guard; must run before any admin route is added. */
export function registerAdminGuard(app: FastifyInstance): void {
  app.decorateRequest('auth', null);
  // Newsroom pages hold unpublished work and CSRF tokens: never stored by browsers or proxies.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith(ADMIN_PREFIX) || request.url.startsWith('/xem-truoc/')) reply.header('Cache-Control', 'private, no-store');
  });
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(ADMIN_PREFIX)) return;
    if (!route.config?.access) throw new Error(`Tuyến ${route.method} ${route.url} chưa khai báo quyền truy cập (config.access)`);
    const existing = route.preHandler ? [route.preHandler].flat() : [];
    route.preHandler = [guard, ...existing];
  });
}

/** The signed-in user of an admin request (after the guard). */
export function authOf(request: FastifyRequest): LoadedSession {
  if (!request.auth) throw new AppError('not_signed_in');
  return request.auth;
}
