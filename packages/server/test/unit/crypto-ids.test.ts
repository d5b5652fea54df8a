import { describe, expect, it } from 'vitest';
import { isUuidHex, newId } from '../../src/crypto/ids.ts';
import { generatePassword, generateSecret } from '../../src/crypto/random-secret.ts';

describe('newId / isUuidHex', () => {
  it('produces 32 lowercase hex digits of a version-4 UUID', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id[12]).toBe('4');
    expect('89ab').toContain(id[16]);
    expect(isUuidHex(id)).toBe(true);
    expect(newId()).not.toBe(id);
  });

  it('rejects other shapes', () => {
    for (const bad of [
      'default',
      '',
      'A'.repeat(32),
      '0'.repeat(31),
      '123e4567-e89b-42d3-a456-426614174000',
      `${'0'.repeat(32)}\n`,
    ]) {
      expect(isUuidHex(bad)).toBe(false);
    }
  });
});

describe('generateSecret / generatePassword', () => {
  it('generates 64 random bytes as unpadded URL-safe base64, like Keystone', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(64);
    expect(generateSecret()).not.toBe(secret);
  });

  it('generates a 24-character URL-safe password', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(password);
  });
});
