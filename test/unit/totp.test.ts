import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateTotpSecret, totpCode, totpStepOf, totpUri } from '../../src/services/auth/totp.ts';

// RFC 6238, appendix B: the SHA-1 secret is the ASCII "12345678901234567890", here in base32 as we store secrets.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('time-based codes (otpauth)', () => {
  it('gives the RFC 6238 test vectors, so secrets enrolled before keep working', () => {
    // The RFC lists 8 digits; authenticator apps show the last 6.
    assert.equal(totpCode(RFC_SECRET, 59_000), '287082');
    assert.equal(totpCode(RFC_SECRET, 1_111_111_109_000), '081804');
    assert.equal(totpCode(RFC_SECRET, 1_234_567_890_000), '005924');
  });

  it('tells the time step of a code, one step of drift either way, and nothing else', () => {
    const at = 1_111_111_109_000;
    const step = Math.floor(at / 30_000);
    assert.equal(totpStepOf(RFC_SECRET, '081804', at), step);
    assert.equal(totpStepOf(RFC_SECRET, totpCode(RFC_SECRET, at - 30_000), at), step - 1);
    assert.equal(totpStepOf(RFC_SECRET, totpCode(RFC_SECRET, at + 30_000), at), step + 1);
    assert.equal(totpStepOf(RFC_SECRET, totpCode(RFC_SECRET, at - 60_000), at), null);
    assert.equal(totpStepOf(RFC_SECRET, '081 804', at), step, 'spaces as people type them');
    for (const typed of ['', '08180', '0818045', 'abcdef']) assert.equal(totpStepOf(RFC_SECRET, typed, at), null);
  });

  it('makes 160-bit base32 secrets and the otpauth:// URI apps read from the QR code', () => {
    const secret = generateTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri(secret, 'bientap@phuong1.demo', 'xaphuong'));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.searchParams.get('secret'), secret);
    assert.equal(uri.searchParams.get('issuer'), 'xaphuong');
    assert.deepEqual([uri.searchParams.get('digits'), uri.searchParams.get('period'), uri.searchParams.get('algorithm')], ['6', '30', 'SHA1']);
  });
});
