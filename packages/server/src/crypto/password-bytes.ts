import type { PasswordHashAlgorithm } from './password-hash-types.ts';

/** bcrypt only mixes the first 72 bytes of its input; Keystone truncates to match. */
const BCRYPT_MAX_PASSWORD_BYTES = 72;

/** Keystone's `[identity] max_password_length` default (also its maximum). */
const DEFAULT_MAX_PASSWORD_LENGTH = 4096;

export interface PasswordLengthPolicy {
  /** The configured `[identity] password_hash_algorithm`, when known. */
  algorithm?: PasswordHashAlgorithm;
  /** `[identity] max_password_length`. */
  maxPasswordLength?: number;
}

export interface PasswordBytes {
  /** The UTF-8 bytes that are actually hashed, after any truncation. */
  bytes: Buffer;
  /** The limit that applied. */
  maxLength: number;
  /** True when the input was longer than `maxLength` and got cut. */
  truncated: boolean;
}

/**
 * Keystone's `verify_length_and_trunc_password`: the limit is max_password_length,
 * lowered to 72 when the configured algorithm is plain bcrypt; longer passwords are
 * cut at that many BYTES (possibly mid-character), both when hashing and verifying.
 * Reproducing this byte-for-byte is what lets imported users keep logging in.
 */
export function passwordBytes(password: string, policy: PasswordLengthPolicy = {}): PasswordBytes {
  const configured = policy.maxPasswordLength ?? DEFAULT_MAX_PASSWORD_LENGTH;
  const maxLength =
    policy.algorithm === 'bcrypt' && configured > BCRYPT_MAX_PASSWORD_BYTES ? BCRYPT_MAX_PASSWORD_BYTES : configured;
  const utf8 = Buffer.from(password, 'utf8');
  if (utf8.length <= maxLength) return { bytes: utf8, maxLength, truncated: false };
  return { bytes: utf8.subarray(0, maxLength), maxLength, truncated: true };
}
