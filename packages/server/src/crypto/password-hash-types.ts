/** The values `[identity] password_hash_algorithm` accepts, as in Keystone. */
export const PASSWORD_HASH_ALGORITHMS = ['bcrypt', 'bcrypt_sha256', 'scrypt', 'pbkdf2_sha512'] as const;

export type PasswordHashAlgorithm = (typeof PASSWORD_HASH_ALGORITHMS)[number];

/** Raised by hashPassword under `[DEFAULT] strict_password_check` for an over-long password. */
export class PasswordTooLongError extends Error {
  constructor(readonly maxLength: number) {
    super(`The password is longer than ${maxLength} bytes.`);
    this.name = 'PasswordTooLongError';
  }
}
