import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, UserRow } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { SessionRepository } from '../../repositories/session-repository.ts';
import { UserRepository } from '../../repositories/user-repository.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { PASSWORD_MIN_LENGTH, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { type SecondFactorProof, newRecoveryCodes, recoveryCodesLeft, verifySecondFactor } from '../auth/second-factor.ts';
import { generateTotpSecret } from '../auth/totp.ts';
import { parseInput } from '../validation.ts';
import { invitationsTo } from './invitations.ts';

/**
 * What a signed-in person does to their own account: change the password
 * (their other sessions end), and enrol in, leave or renew the recovery
 * codes of two-factor sign-in. Leaving and renewing need the current
 * password and a valid code, so a session left open is not enough.
 */

const NewPassword = z.object({
  new_password: z.string().min(PASSWORD_MIN_LENGTH, `mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự`).max(200, 'tối đa 200 ký tự'),
});

async function accountOf(db: Kysely<Database>, userId: number): Promise<UserRow> {
  const user = await new UserRepository(db).findById(userId);
  if (!user) throw new AppError('not_found', 'Không tìm thấy tài khoản.');
  return user;
}

/** A user changes their own password, proving the current one; every other session of theirs ends. */
export async function changeOwnPassword(
  db: Kysely<Database>,
  userId: number,
  input: { current: string; next: string; keepSessionId: string },
  who: AuditWho,
): Promise<void> {
  const user = await accountOf(db, userId);
  if (!(await verifyPassword(user.password_hash, input.current))) {
    throw validationError([{ field: 'current_password', message: 'mật khẩu hiện tại không đúng' }]);
  }
  const parsed = parseInput(NewPassword, { new_password: input.next });
  if (parsed.new_password === input.current) throw validationError([{ field: 'new_password', message: 'mật khẩu mới phải khác mật khẩu cũ' }]);
  const passwordHash = await hashPassword(parsed.new_password);
  await inTransaction(db, async (trx) => {
    const now = nowIso();
    await new UserRepository(trx).update(userId, { password_hash: passwordHash, must_change_password: 0, updated_at: now });
    await new SessionRepository(trx).revokeAllOfExcept(userId, input.keepSessionId, now);
    await recordAudit(trx, who, { action: 'auth.password_changed', targetType: 'user', targetId: userId, summary: 'Các phiên đăng nhập khác đã kết thúc' });
  });
}

/** Starts two-factor enrolment: stores a new secret, not yet enabled. Refused while 2FA is on: turning it off needs proof. */
export async function beginTotpEnrolment(db: Kysely<Database>, userId: number): Promise<string> {
  const user = await accountOf(db, userId);
  if (user.totp_enabled === 1) {
    throw new AppError('conflict', 'Xác thực hai bước đang bật. Muốn dùng điện thoại khác, hãy tắt trước bằng mật khẩu và mã xác thực.');
  }
  const secret = generateTotpSecret();
  await new UserRepository(db).update(userId, { totp_secret: secret, totp_enabled: 0, totp_last_step: null, updated_at: nowIso() });
  return secret;
}

/** Maps a wrong second factor to the form's field error, keeping the lock (rate_limited) as it is. */
async function proveSecondFactor(db: Kysely<Database>, user: UserRow, proof: SecondFactorProof): Promise<void> {
  try {
    await verifySecondFactor(db, user, proof);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'invalid_credentials') throw error;
    const field = proof.recoveryCode?.trim() ? 'recovery_code' : 'code';
    throw validationError([{ field, message: 'mã không đúng, đã được dùng hoặc đã hết hạn' }]);
  }
}

/**
 * Turns two-factor sign-in on once the user proves their app shows the right
 * code, and returns the recovery codes to show once.
 */
export async function confirmTotpEnrolment(db: Kysely<Database>, userId: number, code: string, who: AuditWho): Promise<string[]> {
  const user = await accountOf(db, userId);
  if (user.totp_enabled === 1 || !user.totp_secret) throw new AppError('conflict', 'Chưa bắt đầu bật xác thực hai bước, hoặc đã bật rồi.');
  await proveSecondFactor(db, user, { code });
  const { codes, hashes } = await newRecoveryCodes();
  await inTransaction(db, async (trx) => {
    const users = new UserRepository(trx);
    await users.update(userId, { totp_enabled: 1, updated_at: nowIso() });
    await users.replaceRecoveryCodes(userId, hashes, nowIso());
    await recordAudit(trx, who, { action: 'auth.totp_enabled', targetType: 'user', targetId: userId });
  });
  return codes;
}

/** Proof of ownership for changing two-factor sign-in: the current password, then a code or a recovery code. */
export interface OwnerProof extends SecondFactorProof {
  password: string;
}

async function proveOwner(db: Kysely<Database>, userId: number, proof: OwnerProof): Promise<UserRow> {
  const user = await accountOf(db, userId);
  if (user.totp_enabled !== 1) throw new AppError('conflict', 'Xác thực hai bước chưa bật.');
  if (!(await verifyPassword(user.password_hash, proof.password))) {
    throw validationError([{ field: 'password', message: 'mật khẩu hiện tại không đúng' }]);
  }
  await proveSecondFactor(db, user, proof);
  return user;
}

/** Turns two-factor sign-in off, with the current password and a valid code (or recovery code). */
export async function disableTotp(db: Kysely<Database>, userId: number, proof: OwnerProof, who: AuditWho): Promise<void> {
  await proveOwner(db, userId, proof);
  await inTransaction(db, async (trx) => {
    await new UserRepository(trx).clearSecondFactor(userId, nowIso());
    await recordAudit(trx, who, { action: 'auth.totp_disabled', targetType: 'user', targetId: userId });
  });
}

/** Replaces the recovery codes with new ones (the old ones stop working), with the same proof; returns them to show once. */
export async function renewRecoveryCodes(db: Kysely<Database>, userId: number, proof: OwnerProof, who: AuditWho): Promise<string[]> {
  await proveOwner(db, userId, proof);
  const { codes, hashes } = await newRecoveryCodes();
  await inTransaction(db, async (trx) => {
    await new UserRepository(trx).replaceRecoveryCodes(userId, hashes, nowIso());
    await recordAudit(trx, who, { action: 'auth.recovery_codes_renewed', targetType: 'user', targetId: userId });
  });
  return codes;
}

/** The signed-in person's account as stored now (the session's copy may be a moment old), its unused recovery codes and its pending invitations. */
export async function ownAccountState(db: Kysely<Database>, user: UserRow): Promise<{ user: UserRow; recoveryCodesLeft: number; invitations: number }> {
  const fresh = (await new UserRepository(db).findById(user.id)) ?? user;
  return {
    user: fresh,
    recoveryCodesLeft: fresh.totp_enabled ? await recoveryCodesLeft(db, fresh.id) : 0,
    invitations: (await invitationsTo(db, fresh.id)).length,
  };
}
