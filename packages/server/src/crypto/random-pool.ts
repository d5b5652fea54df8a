import { randomFillSync } from 'node:crypto';

/** Bytes fetched from the CSPRNG at once. */
const POOL_BYTES = 4096;

let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `n` fresh random bytes (n ≤ 4096) from the same CSPRNG as crypto.randomBytes, taken from a buffer filled 4 KiB
 * at a time: randomBytes(16) costs about 5 µs a call, mostly the call into OpenSSL, and a token issue makes two
 * (the audit id and the Fernet IV). Every byte is handed out once: a used-up buffer is replaced, never refilled,
 * so a slice given earlier is never overwritten.
 */
export function randomPooled(n: number): Buffer {
  if (offset + n > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(Math.max(POOL_BYTES, n)));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + n);
  offset += n;
  return bytes;
}
