import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ErrorCode } from '../errors.ts';

/** The environment variable that holds the key-encryption key of `key_repository = sql://`. */
export const KEY_ENCRYPTION_KEY_VARIABLE = 'XLOUD_KEY_ENCRYPTION_KEY';

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class KeyEncryptionKeyError extends Error {
  override readonly name = 'KeyEncryptionKeyError';
  readonly code = 'ERR_KEY_ENCRYPTION_KEY' satisfies ErrorCode;
}

/**
 * AES-256-GCM over the Fernet keys kept in the database, so that a database dump or backup alone does not give
 * away the keys that sign tokens and encrypt credentials. The repository name is authenticated with each key, so a
 * sealed token key cannot be passed off as a credential key.
 */
export class KeyEncryption {
  private constructor(private readonly key: Buffer) {}

  /** From the variable's value: 32 bytes, base64 (standard or URL-safe). */
  static fromEnvironment(value: string | undefined): KeyEncryption {
    if (value === undefined || value.trim() === '') {
      throw new KeyEncryptionKeyError(
        `key_repository = sql:// keeps the Fernet keys in the database encrypted, and ${KEY_ENCRYPTION_KEY_VARIABLE} is not set. ` +
          `Set it to the same 32 random bytes, base64-encoded, on every node (for example: openssl rand -base64 32).`,
      );
    }
    const key = Buffer.from(value.trim(), 'base64');
    if (key.length !== 32) {
      throw new KeyEncryptionKeyError(
        `${KEY_ENCRYPTION_KEY_VARIABLE} must be 32 bytes, base64-encoded (openssl rand -base64 32); it decodes to ${key.length} bytes`,
      );
    }
    return new KeyEncryption(key);
  }

  seal(plaintext: string, repository: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(repository, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
  }

  /** Throws KeyEncryptionKeyError when the key-encryption key is not the one the key was sealed with. */
  open(sealed: string, repository: string): string {
    const [format, body] = sealed.split(':', 2);
    if (format !== FORMAT || body === undefined)
      throw new KeyEncryptionKeyError(`unknown sealed key format ${JSON.stringify(format)}`);
    const bytes = Buffer.from(body, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(repository, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new KeyEncryptionKeyError(
        `a ${repository} key in the database does not open with ${KEY_ENCRYPTION_KEY_VARIABLE}: is it the same on every node?`,
      );
    }
  }
}
