import { pbkdf2, randomBytes } from 'node:crypto';
import { constantTimeEqual } from './constant-time.ts';
import { decodePasslibBase64, encodeAdaptedBase64 } from './passlib-base64.ts';

/**
 * `$pbkdf2-sha512$<rounds>$<salt>$<64-byte key>`, passlib's format. We write passlib's
 * ab64 spelling (`.` for `+`), which both passlib and Keystone read; Keystone's own
 * writer uses `+`, which we read too. Defaults as Keystone: 25000 rounds, 16-byte salt.
 */
export const PBKDF2_SHA512_PREFIX = '$pbkdf2-sha512$';
const DEFAULT_PBKDF2_ROUNDS = 25000;
const KEY_LENGTH = 64;
const MAX_ROUNDS = 2 ** 32 - 1;

export interface Pbkdf2Params {
  rounds?: number;
  saltSize?: number;
}

function derive(password: Buffer, salt: Buffer, rounds: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Async pbkdf2 runs on libuv's thread pool, off the event loop.
    pbkdf2(password, salt, rounds, KEY_LENGTH, 'sha512', (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPbkdf2Sha512(password: Buffer, params: Pbkdf2Params = {}): Promise<string> {
  const rounds = params.rounds ?? DEFAULT_PBKDF2_ROUNDS;
  const saltSize = params.saltSize ?? 16;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_ROUNDS) {
    throw new RangeError(`pbkdf2_sha512 rounds must be 1..${MAX_ROUNDS}, got ${rounds}`);
  }
  if (!Number.isInteger(saltSize) || saltSize < 1 || saltSize > 96)
    throw new RangeError(`salt size must be 1..96, got ${saltSize}`);
  const salt = randomBytes(saltSize);
  const key = await derive(password, salt, rounds);
  return `${PBKDF2_SHA512_PREFIX}${rounds}$${encodeAdaptedBase64(salt)}$${encodeAdaptedBase64(key)}`;
}

export async function verifyPbkdf2Sha512(password: Buffer, stored: string): Promise<boolean> {
  const parts = stored.slice(PBKDF2_SHA512_PREFIX.length).split('$');
  if (parts.length !== 3) return false;
  const [roundsText, saltText, keyText] = parts as [string, string, string];
  if (!/^[1-9]\d{0,9}$/.test(roundsText)) return false;
  const rounds = Number(roundsText);
  const salt = decodePasslibBase64(saltText);
  const expected = decodePasslibBase64(keyText);
  if (rounds > MAX_ROUNDS || !salt || !expected || expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, rounds);
  return constantTimeEqual(actual, expected);
}
