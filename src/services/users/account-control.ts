import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { SessionRepository } from '../../repositories/session-repository.ts';
import { type MembershipOf, UserRepository } from '../../repositories/user-repository.ts';
import { recordAuditOnSites } from '../audit-service.ts';
import { PASSWORD_MIN_LENGTH, hashPassword } from '../auth/passwords.ts';
import { type Actor, mayControlAccount } from '../permissions.ts';
import { parseInput } from '../validation.ts';

/**
 * What a site admin (or a platform admin) may do to someone else's account:
 * set a temporary password, end every session, turn two-factor sign-in off
 * for a lost phone. Each goes through `requireAccountControl`, the one place
 * that applies `mayControlAccount`, and is audited on every site of the account.
 */

const TemporaryPassword = z.object({
  password: z.string().min(PASSWORD_MIN_LENGTH, `mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự`).max(200, 'tối đa 200 ký tự'),
});

/** The sites a user administers (their site_admin memberships). */
async function adminSiteIdsOf(users: UserRepository, userId: number): Promise<number[]> {
  return (await users.membershipsOf(userId)).filter((m) => m.role === 'site_admin').map((m) => m.site_id);
}

/**
 * Loads an account of the actor's site and checks that the actor may change
 * it: not_found when it is not on this site, forbidden when it is their own
 * or when the account rule says no.
 */
export async function requireAccountControl(db: Kysely<Database>, actor: Actor, userId: number): Promise<{ user: UserRow; memberships: MembershipOf[] }> {
  const users = new UserRepository(db);
  const user = await users.findById(userId);
  const memberships = user ? await users.membershipsOf(userId) : [];
  if (!user || !memberships.some((m) => m.site_id === actor.siteId)) throw new AppError('not_found', 'Không tìm thấy người dùng trên cổng này.');
  if (userId === actor.userId) {
    throw new AppError('forbidden', 'Đây là tài khoản của bạn: hãy đổi mật khẩu và xác thực hai bước ở trang “Tài khoản của tôi”.');
  }
  const holder = { userId, isPlatformAdmin: user.is_platform_admin === 1, siteIds: memberships.map((m) => m.site_id) };
  if (!mayControlAccount({ ...actor, adminSiteIds: await adminSiteIdsOf(users, actor.userId) }, holder)) {
    throw new AppError(
      'forbidden',
      'Tài khoản này là quản trị hệ thống hoặc còn làm việc ở cổng mà bạn không quản trị: chỉ quản trị hệ thống được đặt lại mật khẩu, kết thúc phiên hay tắt xác thực hai bước của tài khoản này.',
    );
  }
  return { user, memberships };
}

/** Which of several accounts the actor may change, so the page offers the actions only where they would work. */
export async function controllableAccounts(
  db: Kysely<Database>,
  actor: Actor,
  accounts: Array<Pick<UserRow, 'id' | 'is_platform_admin'>>,
): Promise<Set<number>> {
  const users = new UserRepository(db);
  const siteIds = await users.siteIdsOf(accounts.map((a) => a.id));
  const who = { ...actor, adminSiteIds: await adminSiteIdsOf(users, actor.userId) };
  return new Set(
    accounts
      .filter((a) => mayControlAccount(who, { userId: a.id, isPlatformAdmin: a.is_platform_admin === 1, siteIds: siteIds.get(a.id) ?? [] }))
      .map((a) => a.id),
  );
}

/** The audit summary of an account change: the account and every site it works on. */
function summaryOf(user: UserRow, memberships: MembershipOf[]): string {
  return `${user.email} (tài khoản thuộc: ${memberships.map((m) => m.site_name).join(', ')})`;
}

/** Checks the rule, then makes one change to the account in a transaction, audited on every site of the account. */
async function changeAccount(
  db: Kysely<Database>,
  actor: Actor,
  userId: number,
  action: string,
  change: (trx: Kysely<Database>, now: string) => Promise<void>,
): Promise<void> {
  const { user, memberships } = await requireAccountControl(db, actor, userId);
  await inTransaction(db, async (trx) => {
    await change(trx, nowIso());
    const entry = { action, targetType: 'user', targetId: userId, summary: summaryOf(user, memberships) };
    await recordAuditOnSites(
      trx,
      actor,
      entry,
      memberships.map((m) => m.site_id),
    );
  });
}

/** Sets a temporary password chosen by an admin; the user must change it at next sign-in, and their sessions end. */
export async function resetPassword(db: Kysely<Database>, actor: Actor, userId: number, temporary: string): Promise<void> {
  // The rule first, so that a refused account costs no hashing and says "forbidden", not "too short".
  await requireAccountControl(db, actor, userId);
  const passwordHash = await hashPassword(parseInput(TemporaryPassword, { password: temporary }).password);
  await changeAccount(db, actor, userId, 'user.password_reset', async (trx, now) => {
    await new UserRepository(trx).update(userId, { password_hash: passwordHash, must_change_password: 1, updated_at: now });
    await new SessionRepository(trx).revokeAllOf(userId, now);
  });
}

/** Ends every session of an account (a lost or shared computer). */
export async function endSessions(db: Kysely<Database>, actor: Actor, userId: number): Promise<void> {
  await changeAccount(db, actor, userId, 'user.sessions_ended', (trx, now) => new SessionRepository(trx).revokeAllOf(userId, now));
}

/** Turns two-factor sign-in off for someone who lost their phone; their sessions end, and they enrol again. */
export async function resetTwoFactor(db: Kysely<Database>, actor: Actor, userId: number): Promise<void> {
  await changeAccount(db, actor, userId, 'user.totp_reset', async (trx, now) => {
    await new UserRepository(trx).clearSecondFactor(userId, now);
    await new SessionRepository(trx).revokeAllOf(userId, now);
  });
}
