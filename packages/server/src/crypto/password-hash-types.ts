/** The values `[identity] password_hash_algorithm` accepts, as in Keystone. */
export const PASSWORD_HASH_ALGORITHMS = ['bcrypt', 'bcrypt_sha256', 'scrypt', 'pbkdf2_sha512'] as const;

export type PasswordHashAlgorithm = (typeof PASSWORD_HASH_ALGORITHMS)[number];

import type { ErrorCode } from '../errors.ts';

/** Raised by hashPassword under `[DEFAULT] strict_password_check` for an over-long password. */
export class PasswordTooLongError extends Error {
  readonly code = 'ERR_PASSWORD_TOO_LONG' satisfies ErrorCode;

  constructor(readonly maxLength: number) {
    super(`The password is longer than ${maxLength} bytes.`);
    this.name = 'PasswordTooLongError';
  }
}
