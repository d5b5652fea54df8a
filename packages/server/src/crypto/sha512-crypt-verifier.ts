import { createHash, type Hash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { constantTimeEqual } from './constant-time.ts';

/**
 * Verifies legacy `$6$` (SHA-crypt, SHA-512 variant) hashes. Keystone stored these
 * before bcrypt became its default, and kept verifying them until recently, so
 * databases from old deployments can still contain them. We never write them.
 *
 * Node has no native SHA-crypt, so the rounds are computed here with one SHA-512 per
 * round; to keep the event loop responsive we yield every ROUNDS_PER_SLICE rounds
 * (about a millisecond of work each).
 */
export const SHA512_CRYPT_PREFIX = '$6$';

const ROUNDS_PER_SLICE = 1000;
const IMPLICIT_ROUNDS = 5000;
const HASH_PATTERN = /^\$6\$(?:rounds=([1-9]\d{3,8})\$)?([^$\n]{0,16})\$([./0-9A-Za-z]{86})$/;
const CRYPT64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Byte order in which SHA-crypt writes the 64-byte digest, three bytes at a time. */
const ENCODING_ORDER: ReadonlyArray<readonly [number, number, number]> = [
  [0, 21, 42],
  [22, 43, 1],
  [44, 2, 23],
  [3, 24, 45],
  [25, 46, 4],
  [47, 5, 26],
  [6, 27, 48],
  [28, 49, 7],
  [50, 8, 29],
  [9, 30, 51],
  [31, 52, 10],
  [53, 11, 32],
  [12, 33, 54],
  [34, 55, 13],
  [56, 14, 35],
  [15, 36, 57],
  [37, 58, 16],
  [59, 17, 38],
  [18, 39, 60],
  [40, 61, 19],
  [62, 20, 41],
];

function sha512(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha512');
  for (const part of parts) h.update(part);
  return h.digest();
}

/** `length` bytes made of `block` repeated (and cut). */
function repeatTo(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let offset = 0; offset < length; offset += block.length) block.copy(out, offset);
  return out;
}

function encodeDigest(digest: Buffer): string {
  let text = '';
  const emit = (value: number, chars: number) => {
    for (let i = 0; i < chars; i++, value >>= 6) text += CRYPT64[value & 0x3f];
  };
  for (const [a, b, c] of ENCODING_ORDER) emit((digest[a]! << 16) | (digest[b]! << 8) | digest[c]!, 4);
  emit(digest[63]!, 2);
  return text;
}

async function sha512Crypt(password: Buffer, salt: Buffer, rounds: number): Promise<string> {
  const b = sha512(password, salt, password);

  const a: Hash = createHash('sha512').update(password).update(salt);
  let remaining = password.length;
  for (; remaining > 64; remaining -= 64) a.update(b);
  a.update(b.subarray(0, remaining));
  for (let bits = password.length; bits > 0; bits >>= 1) a.update(bits & 1 ? b : password);
  const aDigest = a.digest();

  const passwordDigest = sha512(...Array<Buffer>(password.length).fill(password));
  const p = repeatTo(passwordDigest, password.length);
  const saltDigest = sha512(...Array<Buffer>(16 + aDigest[0]!).fill(salt));
  const s = saltDigest.subarray(0, salt.length);

  let c = aDigest;
  for (let i = 0; i < rounds; i++) {
    if (i > 0 && i % ROUNDS_PER_SLICE === 0) await yieldToEventLoop();
    const h = createHash('sha512');
    h.update(i & 1 ? p : c);
    if (i % 3 !== 0) h.update(s);
    if (i % 7 !== 0) h.update(p);
    h.update(i & 1 ? c : p);
    c = h.digest();
  }
  return encodeDigest(c);
}

export async function verifySha512Crypt(password: Buffer, stored: string): Promise<boolean> {
  const match = HASH_PATTERN.exec(stored);
  if (!match) return false;
  const rounds = match[1] === undefined ? IMPLICIT_ROUNDS : Number(match[1]);
  if (rounds > 999_999_999) return false;
  const computed = await sha512Crypt(password, Buffer.from(match[2]!, 'utf8'), rounds);
  return constantTimeEqual(Buffer.from(computed, 'ascii'), Buffer.from(match[3]!, 'ascii'));
}
