import { hash, verify } from '@node-rs/argon2';

/** At least this long; length beats composition rules for people who type on phones. */
export const PASSWORD_MIN_LENGTH = 10;

/** Hashes a password with argon2id (the library's default algorithm and OWASP parameters). */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'));
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
