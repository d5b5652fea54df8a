import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { constantTimeEqual } from './constant-time.ts';
import { decodePasslibBase64, encodeUnpaddedBase64 } from './passlib-base64.ts';

/**
 * `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<32-byte key>` with unpadded standard base64,
 * as passlib and Keystone write it. Keystone's defaults: N = 2^16, r = 8, p = 1,
 * 16-byte salt.
 */
export const SCRYPT_PREFIX = '$scrypt$';
const DEFAULT_SCRYPT_LOG2_N = 16;
const DEFAULT_SCRYPT_BLOCK_SIZE = 8;
const DEFAULT_SCRYPT_PARALLELISM = 1;
const KEY_LENGTH = 32;

/**
 * scrypt needs about 128·N·r bytes. Refuse anything above 1 GiB so a corrupted or
 * hostile stored hash cannot make a login allocate unbounded memory.
 */
const MAX_SCRYPT_MEMORY = 1024 ** 3;

export interface ScryptParams {
  log2N?: number;
  blockSize?: number;
  parallelism?: number;
  saltSize?: number;
}

function memoryNeeded(n: number, r: number, p: number): number {
  return 128 * r * (n + p + 2);
}

function derive(password: Buffer, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is below what N = 2^16, r = 8 needs (64 MiB).
  const options: ScryptOptions = { N: n, r, p, maxmem: memoryNeeded(n, r, p) + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    // Async scrypt runs on libuv's thread pool, off the event loop.
    scrypt(password, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function checkParams(log2N: number, r: number, p: number, saltSize: number): void {
  const positiveInt = (v: number) => Number.isInteger(v) && v >= 1;
  if (!positiveInt(log2N) || log2N > 31) throw new RangeError(`scrypt ln must be 1..31, got ${log2N}`);
  if (!positiveInt(r) || !positiveInt(p)) throw new RangeError(`scrypt r and p must be positive integers`);
  if (!Number.isInteger(saltSize) || saltSize < 1 || saltSize > 96)
    throw new RangeError(`salt size must be 1..96, got ${saltSize}`);
  if (memoryNeeded(2 ** log2N, r, p) > MAX_SCRYPT_MEMORY)
    throw new RangeError(`scrypt parameters need more than 1 GiB`);
}

export async function hashScrypt(password: Buffer, params: ScryptParams = {}): Promise<string> {
  const log2N = params.log2N ?? DEFAULT_SCRYPT_LOG2_N;
  const r = params.blockSize ?? DEFAULT_SCRYPT_BLOCK_SIZE;
  const p = params.parallelism ?? DEFAULT_SCRYPT_PARALLELISM;
  const saltSize = params.saltSize ?? 16;
  checkParams(log2N, r, p, saltSize);
  const salt = randomBytes(saltSize);
  const key = await derive(password, salt, 2 ** log2N, r, p);
  return `${SCRYPT_PREFIX}ln=${log2N},r=${r},p=${p}$${encodeUnpaddedBase64(salt)}$${encodeUnpaddedBase64(key)}`;
}

const PARAMS = /^ln=(\d{1,2}),r=(\d{1,4}),p=(\d{1,4})$/;

export async function verifyScrypt(password: Buffer, stored: string): Promise<boolean> {
  const parts = stored.slice(SCRYPT_PREFIX.length).split('$');
  if (parts.length !== 3) return false;
  const [params, saltText, keyText] = parts as [string, string, string];
  const match = PARAMS.exec(params);
  const salt = decodePasslibBase64(saltText);
  const expected = decodePasslibBase64(keyText);
  if (!match || !salt || !expected || expected.length !== KEY_LENGTH) return false;
  const [log2N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (log2N < 1 || log2N > 31 || r < 1 || p < 1) return false;
  if (memoryNeeded(2 ** log2N, r, p) > MAX_SCRYPT_MEMORY) return false;
  const actual = await derive(password, salt, 2 ** log2N, r, p);
  return constantTimeEqual(actual, expected);
}
