/**
 * The self-service enrolment secret: RFC 4648 base32 as Keystone's totp plugin reads credential blobs (Python's
 * base64.b32decode). Checked against RFC 4648's test vectors and by round trip through the decoder sign-in uses.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase32Secret, encodeBase32Secret, totpKeyOf } from '../../src/crypto/totp.ts';

describe('encodeBase32Secret', () => {
  it("matches RFC 4648's vectors (without the padding)", () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) expect(encodeBase32Secret(Buffer.from(plain))).toBe(encoded);
  });

  it('turns 20 random bytes into 32 characters that sign-in decodes back into the same key', () => {
    for (let i = 0; i < 50; i++) {
      const bytes = randomBytes(20);
      const secret = encodeBase32Secret(bytes);
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(decodeBase32Secret(secret)).toEqual(bytes);
      expect(totpKeyOf(secret)).toEqual(bytes);
    }
  });
});
