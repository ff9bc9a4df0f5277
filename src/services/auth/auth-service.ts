import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, SessionRow, SiteRow, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { SessionRepository } from '../../repositories/session-repository.ts';
import { UserRepository } from '../../repositories/user-repository.ts';
import { recordAudit } from '../audit-service.ts';
import type { Actor } from '../permissions.ts';
import { hasPendingInvitation } from '../users/invitations.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { type SecondFactorProof, recoveryCodesLeft, verifySecondFactor } from './second-factor.ts';

/** Sessions end after this long without activity. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** Failed sign-ins allowed per account, and per IP address, in the window below. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** The cookie token is random; the database keeps only its hash. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SignInRequest {
  email: string;
  password: string;
  ip: string;
  userAgent: string;
  site: SiteRow;
}

export interface SignInResult {
  token: string;
  session: SessionRow;
  user: UserRow;
}

async function failuresSince(sessions: SessionRepository, key: string): Promise<number> {
  return sessions.attemptsSince(key, new Date(Date.now() - FAILURE_WINDOW_MS).toISOString());
}

/**
 * Checks e-mail and password and opens a session. Failures are counted per
 * account and per IP: past the limit, sign-in is refused for a while with
 * `rate_limited`, even with the right password. Accounts without a role on
 * the site (and not platform admins) cannot sign in there, unless the site
 * has invited them.
 */
export async function signIn(db: Kysely<Database>, request: SignInRequest): Promise<SignInResult> {
  const email = request.email.trim().toLowerCase();
  const sessions = new SessionRepository(db);
  const users = new UserRepository(db);
  const accountKey = `email:${email}`;
  const ipKey = `ip:${request.ip}`;
  const audit = (action: string, summary: string, userId: number | null = null) =>
    recordAudit(db, { userId, email: email || '(trống)', siteId: request.site.id, ip: request.ip }, { action, summary, targetType: 'user', targetId: userId });

  if ((await failuresSince(sessions, accountKey)) >= MAX_FAILURES_PER_ACCOUNT || (await failuresSince(sessions, ipKey)) >= MAX_FAILURES_PER_IP) {
    await audit('auth.login_blocked', 'Quá nhiều lần đăng nhập sai');
    throw new AppError('rate_limited', 'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
  }

  const user = await users.findByEmail(email);
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), request.password);
  const role = user ? await users.roleOn(user.id, request.site.id) : undefined;
  // Someone invited to this site signs in here to answer the invitation, and can do nothing else until they accept.
  const invited = user && passwordOk && !role ? await hasPendingInvitation(db, user.id, request.site.id) : false;
  const allowed = user && passwordOk && !user.disabled && (role || user.is_platform_admin || invited);
  if (!user || !allowed) {
    const now = nowIso();
    await sessions.recordAttempt(accountKey, now);
    await sessions.recordAttempt(ipKey, now);
    await audit('auth.login_failed', user && passwordOk ? 'Tài khoản không có quyền trên cổng này' : 'Sai thư điện tử hoặc mật khẩu', user?.id ?? null);
    throw new AppError('invalid_credentials');
  }

  await sessions.clearAttempts(accountKey);
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const session = {
    id: sessionIdOf(token),
    user_id: user.id,
    csrf_token: randomBytes(24).toString('base64url'),
    totp_pending: user.totp_enabled ? 1 : 0,
    ip: request.ip,
    user_agent: request.userAgent.slice(0, 300),
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
    revoked_at: null,
  };
  await sessions.insert(session);
  await audit('auth.login', user.totp_enabled ? 'Mật khẩu đúng, chờ mã xác thực hai bước' : 'Đăng nhập thành công', user.id);
  return { token, session, user };
}

/**
 * Completes a two-step sign-in with the authenticator code or a recovery
 * code. A wrong one counts against the account (never cleared by a right
 * password); past the limit the session ends and the second step is locked.
 */
export async function completeSecondStep(db: Kysely<Database>, session: SessionRow, proof: SecondFactorProof, site: SiteRow, ip: string): Promise<void> {
  const user = await new UserRepository(db).findById(session.user_id);
  if (!user) throw new AppError('invalid_credentials');
  const who = { userId: user.id, email: user.email, siteId: site.id, ip };
  const audit = (action: string, summary: string) => recordAudit(db, who, { action, summary, targetType: 'user', targetId: user.id });
  try {
    const kind = await verifySecondFactor(db, user, proof);
    await new SessionRepository(db).completeTotp(session.id);
    if (kind === 'recovery') await audit('auth.recovery_code_used', `Còn ${await recoveryCodesLeft(db, user.id)} mã khôi phục chưa dùng`);
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_credentials') await audit('auth.login_failed', 'Sai mã xác thực hai bước');
    if (error instanceof AppError && error.code === 'rate_limited') {
      await new SessionRepository(db).revoke(session.id, nowIso());
      await audit('auth.login_blocked', 'Quá nhiều lần nhập sai mã xác thực hai bước');
    }
    throw error;
  }
}

/** A signed-in session with its user and role on the request's site. */
export interface LoadedSession {
  session: SessionRow;
  user: UserRow;
  actor: Actor;
}

/**
 * Finds the live session for a cookie token and slides its expiry. Returns
 * null for a missing, expired or revoked session, or a disabled account.
 */
export async function loadSession(db: Kysely<Database>, token: string, site: SiteRow, ip: string): Promise<LoadedSession | null> {
  const sessions = new SessionRepository(db);
  const now = new Date();
  const session = await sessions.findLive(sessionIdOf(token), now.toISOString());
  if (!session) return null;
  const users = new UserRepository(db);
  const user = await users.findById(session.user_id);
  if (!user || user.disabled) return null;
  const role = (await users.roleOn(user.id, site.id)) ?? null;
  // Touching every request would write on every page view; once a minute is enough.
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    await sessions.touch(session.id, now.toISOString(), new Date(now.getTime() + SESSION_IDLE_MS).toISOString());
  }
  return {
    session,
    user,
    actor: { userId: user.id, email: user.email, displayName: user.display_name, role, isPlatformAdmin: user.is_platform_admin === 1, siteId: site.id, ip },
  };
}

/** Ends a session (sign-out) and records it. */
export async function signOut(db: Kysely<Database>, loaded: LoadedSession): Promise<void> {
  await inTransaction(db, async (trx) => {
    await new SessionRepository(trx).revoke(loaded.session.id, nowIso());
    await recordAudit(trx, loaded.actor, { action: 'auth.logout', targetType: 'user', targetId: loaded.user.id });
  });
}
