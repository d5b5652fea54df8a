import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../../clock.ts';
import {
  openFernetToken,
  parseFernetKey,
  sealFernetToken,
  type FernetKey,
} from '../../token/providers/fernet/fernet-envelope.ts';
import { FernetKeysNotFoundError } from '../../token/providers/fernet/key-repository.ts';
import { describeRepository, repositoryKeys, type KeyRepository } from '../../token/providers/fernet/key-source.ts';
import { CredentialEncryptionError, type CredentialProvider } from './credential-provider.ts';

/** Keystone's MAX_ACTIVE_KEYS for the credential key repository (fixed there too): staged, primary, one secondary. */
export const CREDENTIAL_MAX_ACTIVE_KEYS = 3;

/**
 * Keystone's NULL_KEY (32 zero bytes). Keystone encrypts with it when no key repository exists and always accepts
 * it for decryption, to ease upgrades; we do the same so a database taken over from Keystone stays readable.
 */
const NULL_KEY = parseFernetKey(`${Buffer.alloc(32).toString('base64url')}=`);

/** The key's file text as Keystone reads it (Fernet.generate_key output: URL-safe base64 with its `=`). */
const keyText = (key: FernetKey): string =>
  `${Buffer.concat([key.signingKey, key.encryptionKey]).toString('base64url')}=`;

/** Keystone's primary_key_hash: SHA-1 over the key text, stored beside each ciphertext as `key_hash`. */
const credentialKeyHash = (key: FernetKey): string => createHash('sha1').update(keyText(key)).digest('hex');

/** Python's Fernet.encrypt keeps the base64 padding and Fernet.decrypt requires it, so stored blobs carry it. */
const padBase64 = (text: string): string => text + '='.repeat((4 - (text.length % 4)) % 4);

export interface FernetCredentialProviderOptions {
  /** `[credential] key_repository`; same layout as the token key repository, never the same directory. */
  keyRepository: KeyRepository;
  clock?: Clock;
  /** Receives repository warnings (world-readable keys, encrypting with the null key); default console.warn. */
  onWarning?: (message: string) => void;
}

/** Keystone's `fernet` credential provider: MultiFernet over the credential key repository. */
export class FernetCredentialProvider implements CredentialProvider {
  private warnedNullKey = false;

  constructor(private readonly options: FernetCredentialProviderOptions) {}

  encrypt(plaintext: string): { encryptedBlob: string; keyHash: string } {
    const [primary] = this.keys();
    if (primary === NULL_KEY && !this.warnedNullKey) {
      this.warnedNullKey = true;
      (this.options.onWarning ?? console.warn)(
        `Encrypting credentials with the null key: no keys in ${describeRepository(this.options.keyRepository)}. Run \`xloud-manage credential setup\`, ` +
          'then `xloud-manage credential migrate` and `xloud-manage credential rotate`.',
      );
    }
    const issuedAtSeconds = Math.floor((this.options.clock ?? systemClock).now().getTime() / 1000);
    const token = sealFernetToken(primary!, Buffer.from(plaintext, 'utf8'), { issuedAtSeconds });
    return { encryptedBlob: padBase64(token), keyHash: credentialKeyHash(primary!) };
  }

  decrypt(encryptedBlob: string): string {
    try {
      return openFernetToken(this.keys(), encryptedBlob).plaintext.toString('utf8');
    } catch {
      // The reason (bad key, corrupt row) is not worth a message that could echo ciphertext.
      throw new CredentialEncryptionError();
    }
  }

  primaryKeyHash(): string {
    return credentialKeyHash(this.keys()[0]!);
  }

  /** Repository keys (primary first), then the null key; only the null key when there is no repository. */
  private keys(): FernetKey[] {
    try {
      return [...repositoryKeys(this.options.keyRepository, { onWarning: this.options.onWarning }), NULL_KEY];
    } catch (error) {
      if (error instanceof FernetKeysNotFoundError) return [NULL_KEY];
      throw error;
    }
  }
}
