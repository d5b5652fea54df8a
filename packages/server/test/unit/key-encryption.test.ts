import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyEncryption, KeyEncryptionKeyError } from '../../src/crypto/key-encryption.ts';

/** The sealing of database-kept Fernet keys (key_repository = sql://) under XLOUD_KEY_ENCRYPTION_KEY. */
describe('KeyEncryption', () => {
  const kek = KeyEncryption.fromEnvironment(randomBytes(32).toString('base64'));
  const keyText = `${randomBytes(32).toString('base64url')}=`;

  it('opens what it sealed, and never writes the key itself', () => {
    const sealed = kek.seal(keyText, 'token');
    expect(sealed).not.toContain(keyText.slice(0, 40));
    expect(kek.open(sealed, 'token')).toBe(keyText);
    // A fresh IV each time: equal keys do not give equal rows.
    expect(kek.seal(keyText, 'token')).not.toBe(sealed);
  });

  it('refuses a token key passed off as a credential key, a changed byte, and another key-encryption key', () => {
    const sealed = kek.seal(keyText, 'token');
    expect(() => kek.open(sealed, 'credential')).toThrow(KeyEncryptionKeyError);
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => kek.open(`v1:${bytes.toString('base64')}`, 'token')).toThrow(KeyEncryptionKeyError);
    const other = KeyEncryption.fromEnvironment(randomBytes(32).toString('base64'));
    expect(() => other.open(sealed, 'token')).toThrow(/does not open with XLOUD_KEY_ENCRYPTION_KEY/);
  });

  it('takes 32 bytes of standard or URL-safe base64, and nothing else', () => {
    const raw = randomBytes(32);
    expect(() => KeyEncryption.fromEnvironment(raw.toString('base64url'))).not.toThrow();
    expect(() => KeyEncryption.fromEnvironment(undefined)).toThrow(/XLOUD_KEY_ENCRYPTION_KEY is not set/);
    expect(() => KeyEncryption.fromEnvironment(randomBytes(31).toString('base64'))).toThrow(/must be 32 bytes/);
  });
});
