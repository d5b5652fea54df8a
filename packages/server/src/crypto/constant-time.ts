import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets without leaking, through timing, how many leading bytes match.
 * Differing lengths return false at once: lengths here are fixed by the hash format,
 * so they reveal nothing secret.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
