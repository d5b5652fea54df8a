import { IdentityError } from '../../errors.ts';

/**
 * Encryption of credential secrets at rest (Keystone's `credential_provider_api`). The server only ever stores
 * what `encrypt` returns; `keyHash` names the key so key rotation can tell old ciphertexts from current ones.
 */
export interface CredentialProvider {
  encrypt(plaintext: string): { encryptedBlob: string; keyHash: string };
  /** Throws CredentialEncryptionError when no key opens the blob. */
  decrypt(encryptedBlob: string): string;
  /** Hash of the key `encrypt` uses now. */
  primaryKeyHash(): string;
}

/**
 * The blob could not be encrypted or decrypted (wrong or missing keys). Rendered as a 500 with Keystone's message,
 * which names neither the key nor the blob.
 */
export class CredentialEncryptionError extends IdentityError {
  constructor() {
    super(
      500,
      'ERR_CREDENTIAL_ENCRYPTION',
      'An unexpected error prevented the server from accessing encrypted credentials.',
    );
  }
}
