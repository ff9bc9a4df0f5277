import { hash, verify } from '@node-rs/argon2';

/** At least this long; length beats composition rules for people who type on phones. */
export const PASSWORD_MIN_LENGTH = 10;

/** Hashes a password with argon2id (the library's default algorithm and OWASP parameters). */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'));
}

/**
 * Hashes a random one-use code (a recovery code) with argon2id. Such a code
 * carries 50 random bits, unlike a chosen password, so a lighter cost (8 MiB,
 * 2 passes) still rules out guessing from a stolen table, and ten of them
 * hash in about a tenth of a second.
 */
export function hashRandomCode(code: string): Promise<string> {
  return hash(code, { memoryCost: 8192, timeCost: 2, parallelism: 1 });
}

/** Checks a password against its argon2id hash; false on any mismatch or malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which e-mails exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('khong-phai-mat-khau-that');
  return dummyHash;
}
