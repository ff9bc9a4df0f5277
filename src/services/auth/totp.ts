import { Secret, TOTP } from 'otpauth';

/**
 * RFC 6238 time-based codes (30 s, 6 digits, SHA-1, as every authenticator
 * app expects), computed by the `otpauth` library. Secrets are base32, so
 * those enrolled before keep working.
 */

const PERIOD_SECONDS = 30;

function totpOf(secret: string, account = '', issuer = ''): TOTP {
  return new TOTP({ issuer, label: account, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** A new random secret (160 bits), base32-encoded. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The 6-digit code for a secret at a moment (tests and the enrolment check use it). */
export function totpCode(secret: string, at = Date.now()): string {
  return totpOf(secret).generate({ timestamp: at });
}

/**
 * The time step a typed code belongs to, allowing one step of clock drift
 * either way, or null when it matches none. Callers compare the step with
 * the last one accepted, so that no code is accepted twice.
 */
export function totpStepOf(secret: string, code: string, at = Date.now()): number | null {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return null;
  const totp = totpOf(secret);
  const delta = totp.validate({ token: typed, timestamp: at, window: 1 });
  return delta === null ? null : totp.counter({ timestamp: at }) + delta;
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function totpUri(secret: string, account: string, issuer: string): string {
  return totpOf(secret, account, issuer).toString();
}
