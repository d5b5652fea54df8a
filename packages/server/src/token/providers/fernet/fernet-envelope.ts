/**
 * Hand-written on purpose: tokens must be byte-identical with Keystone's and fail exactly where Python's
 * `cryptography` fails (MultiFernet key order, padding and HMAC checks), and it is a few dozen lines over
 * node:crypto. The npm `fernet` package is unmaintained and does neither. Checked against the originals by
 * test/interop/fernet-interop.test.ts (Keystone's own token formatter and Python cryptography), the spec's vectors
 * in test/unit/fernet-envelope.test.ts and Keystone-recorded vectors in test/unit/fernet-vectors.test.ts.
 *
 * The Fernet spec (https://github.com/fernet/spec), as used by Keystone through
 * Python's `cryptography.fernet.MultiFernet`:
 *   0x80 ‖ issued-at (8 bytes, big endian seconds) ‖ IV (16) ‖ AES-128-CBC/PKCS7 ciphertext ‖ HMAC-SHA256 (32)
 * Keystone strips the base64 `=` padding from the token and restores it before decrypting.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { randomPooled } from '../../../crypto/random-pool.ts';
import { TokenInvalidError } from '../../../errors.ts';

const VERSION_BYTE = 0x80;
const TIMESTAMP_END = 9;
const IV_END = TIMESTAMP_END + 16;
const HMAC_LENGTH = 32;
const AES_BLOCK = 16;
/** Smallest possible token: header, IV, one cipher block, HMAC. */
const MIN_TOKEN_BYTES = IV_END + AES_BLOCK + HMAC_LENGTH;
/** Date can't represent more; Python would fail on such a timestamp too. */
const MAX_TIMESTAMP_SECONDS = 8_640_000_000_000;

export interface FernetKey {
  readonly signingKey: Buffer;
  readonly encryptionKey: Buffer;
}

export interface OpenedFernetToken {
  readonly plaintext: Buffer;
  /** The Fernet timestamp: Keystone's `issued_at`, whole seconds since the epoch. */
  readonly issuedAtSeconds: number;
}

/** Parses the on-disk key form: URL-safe base64 of 32 bytes (16 B signing key, then 16 B encryption key). */
export function parseFernetKey(encoded: string): FernetKey {
  const text = encoded.trim();
  if (!/^[A-Za-z0-9_-]{43}=?$/.test(text)) {
    throw new Error('A Fernet key must be 32 bytes of URL-safe base64');
  }
  const raw = Buffer.from(text, 'base64url');
  return { signingKey: raw.subarray(0, 16), encryptionKey: raw.subarray(16, 32) };
}

/** A new key in the exact text form `Fernet.generate_key()` writes (44 chars, `=` padded). */
export function generateFernetKeyText(): string {
  return `${randomBytes(32).toString('base64url')}=`;
}

export interface SealOptions {
  issuedAtSeconds: number;
  /** Only tests pin the IV, to reproduce a Keystone token byte for byte. */
  iv?: Buffer;
}

/** Encrypts with one key (MultiFernet always encrypts with its first, the primary). */
export function sealFernetToken(key: FernetKey, plaintext: Uint8Array, options: SealOptions): string {
  const iv = options.iv ?? randomPooled(16);
  const cipher = createCipheriv('aes-128-cbc', key.encryptionKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const header = Buffer.alloc(TIMESTAMP_END);
  header[0] = VERSION_BYTE;
  header.writeBigUInt64BE(BigInt(options.issuedAtSeconds), 1);
  const signed = Buffer.concat([header, iv, ciphertext]);
  const mac = createHmac('sha256', key.signingKey).update(signed).digest();
  return Buffer.concat([signed, mac]).toString('base64url');
}

/** MultiFernet.decrypt: every key is tried; any failure is a malformed TokenInvalidError. */
export function openFernetToken(keys: readonly FernetKey[], token: string): OpenedFernetToken {
  const bytes = fernetTokenBytes(token);
  const issuedAtSeconds = Number(bytes.readBigUInt64BE(1));
  if (issuedAtSeconds > MAX_TIMESTAMP_SECONDS) throw notRecognized();
  for (const key of keys) {
    const plaintext = decryptWithKey(key, bytes);
    if (plaintext) return { plaintext, issuedAtSeconds };
  }
  throw notRecognized();
}

/**
 * Checks the layout before any crypto runs. Keystone issues tokens without `=`
 * padding but still accepts a padded one (restore_padding only adds), so do we.
 */
export function fernetTokenBytes(token: string): Buffer {
  const unpadded = token.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(unpadded) || unpadded.length % 4 === 1) throw notRecognized();
  const bytes = Buffer.from(unpadded, 'base64url');
  const cipherLength = bytes.length - IV_END - HMAC_LENGTH;
  if (bytes.length < MIN_TOKEN_BYTES || bytes[0] !== VERSION_BYTE || cipherLength % AES_BLOCK !== 0) {
    throw notRecognized();
  }
  return bytes;
}

function decryptWithKey(key: FernetKey, bytes: Buffer): Buffer | undefined {
  const signed = bytes.subarray(0, bytes.length - HMAC_LENGTH);
  const expectedMac = createHmac('sha256', key.signingKey).update(signed).digest();
  if (!timingSafeEqual(expectedMac, bytes.subarray(bytes.length - HMAC_LENGTH))) return undefined;
  try {
    const decipher = createDecipheriv('aes-128-cbc', key.encryptionKey, bytes.subarray(TIMESTAMP_END, IV_END));
    return Buffer.concat([decipher.update(bytes.subarray(IV_END, bytes.length - HMAC_LENGTH)), decipher.final()]);
  } catch {
    // Bad PKCS7 padding under a valid HMAC: cryptography treats it as InvalidToken for this key.
    return undefined;
  }
}

function notRecognized(): TokenInvalidError {
  return TokenInvalidError.malformed('Could not recognize Fernet token');
}
