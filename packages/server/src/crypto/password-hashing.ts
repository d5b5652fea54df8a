import { BCRYPT_SHA256_PREFIX, hashBcryptSha256, verifyBcryptSha256 } from './bcrypt-sha256-hasher.ts';
import { hashBcrypt, isBcryptHash, verifyBcrypt } from './bcrypt-hasher.ts';
import { hashPbkdf2Sha512, PBKDF2_SHA512_PREFIX, verifyPbkdf2Sha512 } from './pbkdf2-sha512-hasher.ts';
import { passwordBytes } from './password-bytes.ts';
import { PasswordTooLongError, type PasswordHashAlgorithm } from './password-hash-types.ts';
import { hashScrypt, SCRYPT_PREFIX, verifyScrypt } from './scrypt-hasher.ts';
import { SHA512_CRYPT_PREFIX, verifySha512Crypt } from './sha512-crypt-verifier.ts';

export { PasswordTooLongError, type PasswordHashAlgorithm } from './password-hash-types.ts';

/**
 * Options mirror keystone.conf: `[identity] password_hash_algorithm`,
 * `password_hash_rounds`, `max_password_length`, `salt_bytesize`,
 * `scrypt_block_size`, `scrypt_parallelism`, and `[DEFAULT] strict_password_check`.
 */
export interface HashPasswordOptions {
  algorithm: PasswordHashAlgorithm;
  /**
   * bcrypt/bcrypt_sha256: cost 4..31 (default 12). pbkdf2_sha512: iterations
   * (default 25000). scrypt: log2(N), 1..31 (default 16) — as Keystone documents it;
   * Keystone's newest code happens to ignore it for scrypt, its older passlib code did not.
   */
  rounds?: number;
  /** Default 4096; bcrypt additionally caps at 72 bytes, as Keystone does. */
  maxPasswordLength?: number;
  /** Reject (PasswordTooLongError) instead of truncating an over-long password. */
  strictPasswordCheck?: boolean;
  /** scrypt and pbkdf2_sha512 salt length in bytes, 1..96 (default 16; 0 means default). */
  saltSize?: number;
  /** scrypt `r` (default 8). */
  scryptBlockSize?: number;
  /** scrypt `p` (default 1). */
  scryptParallelism?: number;
}

/**
 * The same length policy that was used when hashing. Pass the configured algorithm to
 * reproduce Keystone exactly: with `bcrypt` configured Keystone cuts every candidate
 * password to 72 bytes before verifying, whatever the stored hash's algorithm.
 * Without it only max_password_length applies (bcrypt hashes still see 72 bytes,
 * since bcrypt itself ignores the rest).
 */
export interface VerifyPasswordOptions {
  algorithm?: PasswordHashAlgorithm;
  maxPasswordLength?: number;
  /** Keystone refuses over-long passwords outright in strict mode: verification fails. */
  strictPasswordCheck?: boolean;
}

/** Hashes a password into Keystone's (passlib-compatible) stored format. */
export async function hashPassword(password: string, opts: HashPasswordOptions): Promise<string> {
  const { bytes, truncated, maxLength } = passwordBytes(password, opts);
  if (truncated && opts.strictPasswordCheck) throw new PasswordTooLongError(maxLength);
  // Keystone treats salt_bytesize = 0 like "unset".
  const saltSize = opts.saltSize || undefined;
  switch (opts.algorithm) {
    case 'bcrypt':
      return hashBcrypt(bytes, opts.rounds);
    case 'bcrypt_sha256':
      return hashBcryptSha256(bytes, opts.rounds);
    case 'scrypt':
      return hashScrypt(bytes, {
        log2N: opts.rounds,
        blockSize: opts.scryptBlockSize,
        parallelism: opts.scryptParallelism,
        saltSize,
      });
    case 'pbkdf2_sha512':
      return hashPbkdf2Sha512(bytes, { rounds: opts.rounds, saltSize });
    default:
      throw new RangeError(`unsupported password hash algorithm: ${String(opts.algorithm)}`);
  }
}

type Verifier = (password: Buffer, stored: string) => Promise<boolean>;

/** Picks the verifier from the hash's own prefix, as Keystone does. */
function verifierFor(stored: string): Verifier | undefined {
  if (stored.startsWith(BCRYPT_SHA256_PREFIX)) return verifyBcryptSha256;
  if (isBcryptHash(stored)) return verifyBcrypt;
  if (stored.startsWith(SCRYPT_PREFIX)) return verifyScrypt;
  if (stored.startsWith(PBKDF2_SHA512_PREFIX)) return verifyPbkdf2Sha512;
  if (stored.startsWith(SHA512_CRYPT_PREFIX)) return verifySha512Crypt;
  return undefined;
}

/**
 * True when `password` matches `storedHash`. Never throws: an unknown or malformed
 * hash simply does not match, so a corrupt row cannot turn a login into a 500.
 */
export async function verifyPassword(
  password: string,
  storedHash: string,
  opts: VerifyPasswordOptions = {},
): Promise<boolean> {
  try {
    if (typeof password !== 'string' || typeof storedHash !== 'string') return false;
    const verifier = verifierFor(storedHash);
    if (!verifier) return false;
    const { bytes, truncated } = passwordBytes(password, opts);
    if (truncated && opts.strictPasswordCheck) return false;
    return await verifier(bytes, storedHash);
  } catch {
    return false;
  }
}
