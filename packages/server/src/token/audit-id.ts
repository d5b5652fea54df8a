import { randomPooled } from '../crypto/random-pool.ts';

/**
 * A fresh token audit id, shaped like Keystone's `random_urlsafe_str()`:
 * 16 random bytes in URL-safe base64 without the `==` padding (22 chars).
 * Fernet payloads store the 16 raw bytes, so other shapes would not round-trip.
 */
export function newAuditId(): string {
  return randomPooled(16).toString('base64url');
}
