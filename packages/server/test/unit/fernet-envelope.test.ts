import { createCipheriv, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateFernetKeyText,
  openFernetToken,
  parseFernetKey,
  sealFernetToken,
} from '../../src/token/providers/fernet/fernet-envelope.ts';
import { TokenInvalidError } from '../../src/errors.ts';

// The "generate" vector of the Fernet spec (github.com/fernet/spec), confirmed against Python's cryptography.
const SPEC_KEY = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';
const SPEC_TIME = 499162800;
const SPEC_IV = Buffer.from([...Array(16).keys()]);
const SPEC_TOKEN = 'gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA';

const key = () => parseFernetKey(generateFernetKeyText());

function mutate(token: string, byteIndex: number): string {
  const bytes = Buffer.from(token, 'base64url');
  bytes[byteIndex] ^= 0x01;
  return bytes.toString('base64url');
}

describe('Fernet envelope', () => {
  it('reproduces the Fernet spec vector, minus the padding Keystone strips', () => {
    const token = sealFernetToken(parseFernetKey(SPEC_KEY), Buffer.from('hello'), {
      issuedAtSeconds: SPEC_TIME,
      iv: SPEC_IV,
    });
    expect(token).toBe(SPEC_TOKEN);
    expect(token).not.toContain('=');
  });

  it('opens the spec vector, padded or not, and returns its timestamp', () => {
    for (const token of [SPEC_TOKEN, `${SPEC_TOKEN}==`]) {
      const opened = openFernetToken([parseFernetKey(SPEC_KEY)], token);
      expect(opened.plaintext.toString()).toBe('hello');
      expect(opened.issuedAtSeconds).toBe(SPEC_TIME);
    }
  });

  it('lays out 0x80 ‖ timestamp ‖ IV ‖ ciphertext ‖ HMAC', () => {
    const token = sealFernetToken(key(), Buffer.alloc(20), { issuedAtSeconds: 1_700_000_000 });
    const bytes = Buffer.from(token, 'base64url');
    expect(bytes[0]).toBe(0x80);
    expect(bytes.readBigUInt64BE(1)).toBe(1_700_000_000n);
    expect(bytes.length).toBe(1 + 8 + 16 + 32 + 32);
  });

  it('decrypts with any key of the ring (MultiFernet) and rejects foreign keys', () => {
    const [primary, secondary, foreign] = [key(), key(), key()];
    const token = sealFernetToken(secondary, Buffer.from('payload'), { issuedAtSeconds: 1 });
    expect(openFernetToken([primary, secondary], token).plaintext.toString()).toBe('payload');
    expect(() => openFernetToken([primary, foreign], token)).toThrow(TokenInvalidError);
    expect(() => openFernetToken([], token)).toThrow(TokenInvalidError);
  });

  it.each([
    ['version byte', 0],
    ['timestamp', 4],
    ['IV', 12],
    ['ciphertext', 30],
    ['HMAC', -1],
  ])('rejects a token whose %s was altered', (_part, index) => {
    const k = key();
    const token = sealFernetToken(k, Buffer.from('some payload'), { issuedAtSeconds: 1_700_000_000 });
    const bytes = Buffer.from(token, 'base64url');
    expect(() => openFernetToken([k], mutate(token, index < 0 ? bytes.length + index : index))).toThrow(
      TokenInvalidError,
    );
  });

  it('rejects a valid HMAC over a ciphertext with broken PKCS7 padding', () => {
    const k = key();
    const iv = Buffer.alloc(16, 7);
    const cipher = createCipheriv('aes-128-cbc', k.encryptionKey, iv).setAutoPadding(false);
    const ciphertext = Buffer.concat([cipher.update(Buffer.alloc(16, 0x42)), cipher.final()]);
    const signed = Buffer.concat([Buffer.from([0x80]), Buffer.alloc(8), iv, ciphertext]);
    const token = Buffer.concat([signed, createHmac('sha256', k.signingKey).update(signed).digest()]).toString(
      'base64url',
    );
    expect(() => openFernetToken([k], token)).toThrow(TokenInvalidError);
  });

  it.each([
    ['empty', ''],
    ['not base64', 'gAAAAAB!not*base64'],
    ['impossible length', 'gAAAA'],
    ['too short', Buffer.from([0x80, ...Array(60).fill(0)]).toString('base64url')],
    ['ciphertext not whole blocks', Buffer.from([0x80, ...Array(80).fill(0)]).toString('base64url')],
    ['standard base64 alphabet', `${SPEC_TOKEN.slice(0, 20)}+/${SPEC_TOKEN.slice(22)}`],
  ])('rejects %s input', (_name, token) => {
    expect(() => openFernetToken([parseFernetKey(SPEC_KEY)], token)).toThrow(TokenInvalidError);
  });

  it('generates keys in the on-disk form of Fernet.generate_key() and refuses malformed keys', () => {
    const text = generateFernetKeyText();
    expect(text).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    const parsed = parseFernetKey(`${text}\n`);
    expect(parsed.signingKey.length).toBe(16);
    expect(parsed.encryptionKey.length).toBe(16);
    expect(() => parseFernetKey('c2hvcnQ=')).toThrow();
    expect(() => parseFernetKey('')).toThrow();
  });
});
