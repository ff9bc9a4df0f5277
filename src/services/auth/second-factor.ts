import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { SessionRepository } from '../../repositories/session-repository.ts';
import { UserRepository } from '../../repositories/user-repository.ts';
import { hashRandomCode, verifyPassword } from './passwords.ts';
import { totpStepOf } from './totp.ts';

/** Wrong second factors allowed per account in the window below, whatever the password step did. */
export const MAX_SECOND_FACTOR_FAILURES = 5;
export const SECOND_FACTOR_WINDOW_MS = 15 * 60 * 1000;
/** How many recovery codes an account gets, each used once. */
export const RECOVERY_CODE_COUNT = 10;

/** What a person typed as their second factor: the app's 6-digit code, or one of their recovery codes. */
export interface SecondFactorProof {
  code?: string | undefined;
  recoveryCode?: string | undefined;
}

/** Reads one typed field: digits are the app's code, anything else a recovery code. */
export function proofFromTyped(typed: string): SecondFactorProof {
  return /^[\d\s]+$/.test(typed) ? { code: typed } : { recoveryCode: typed };
}

const failureKey = (userId: number) => `totp:${userId}`;
const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A recovery code as typed: case, spaces and dashes do not matter. */
function normalizeRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, '');
}

/** Ten random base32 characters (50 bits), shown as xxxxx-xxxxx. */
function newRecoveryCode(): string {
  const chars = [...randomBytes(10)].map((byte) => RECOVERY_ALPHABET[byte & 31]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Fails with rate_limited while the account has had too many wrong second factors lately. */
export async function checkSecondFactorLock(db: Kysely<Database>, userId: number): Promise<void> {
  const since = new Date(Date.now() - SECOND_FACTOR_WINDOW_MS).toISOString();
  if ((await new SessionRepository(db).attemptsSince(failureKey(userId), since)) >= MAX_SECOND_FACTOR_FAILURES) {
    throw new AppError('rate_limited', 'Bạn đã nhập sai mã xác thực quá nhiều lần. Vui lòng thử lại sau 15 phút.');
  }
}

async function useRecoveryCode(users: UserRepository, userId: number, typed: string): Promise<boolean> {
  const code = normalizeRecoveryCode(typed);
  if (!/^[a-z2-7]{10}$/.test(code)) return false;
  for (const row of await users.unusedRecoveryCodes(userId)) {
    if (await verifyPassword(row.code_hash, code)) return users.useRecoveryCode(row.id, nowIso());
  }
  return false;
}

/**
 * Checks a second factor against the account's secret: a code from the app
 * (each time step accepted once) or an unused recovery code (then used up).
 * Failures are counted per account, never cleared by a right password, and
 * lock the second step for a while. Returns which kind of proof it was.
 */
export async function verifySecondFactor(db: Kysely<Database>, user: UserRow, proof: SecondFactorProof): Promise<'totp' | 'recovery'> {
  await checkSecondFactorLock(db, user.id);
  const users = new UserRepository(db);
  let kind: 'totp' | 'recovery' | null = null;
  if (proof.recoveryCode?.trim()) {
    if (user.totp_enabled === 1 && (await useRecoveryCode(users, user.id, proof.recoveryCode))) kind = 'recovery';
  } else {
    const step = user.totp_secret ? totpStepOf(user.totp_secret, proof.code ?? '') : null;
    if (step !== null && (await users.claimTotpStep(user.id, step))) kind = 'totp';
  }
  const sessions = new SessionRepository(db);
  if (!kind) {
    await sessions.recordAttempt(failureKey(user.id), nowIso());
    await checkSecondFactorLock(db, user.id);
    throw new AppError('invalid_credentials', 'Mã xác thực không đúng, đã được dùng hoặc đã hết hạn.');
  }
  await sessions.clearAttempts(failureKey(user.id));
  return kind;
}

/** A new set of recovery codes: the codes, to show once, and their hashes, the only thing stored. */
export async function newRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes: string[] = [];
  for (const code of codes) hashes.push(await hashRandomCode(normalizeRecoveryCode(code)));
  return { codes, hashes };
}

/** How many recovery codes the account has left. */
export async function recoveryCodesLeft(db: Kysely<Database>, userId: number): Promise<number> {
  return (await new UserRepository(db).unusedRecoveryCodes(userId)).length;
}
