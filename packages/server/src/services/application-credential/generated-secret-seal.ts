import { createHash } from 'node:crypto';
import { constantTimeEqual } from '../../crypto/constant-time.ts';
import type { CredentialProvider } from '../credential/credential-provider.ts';

/**
 * How the secret of an application credential is stored when the server generated it.
 *
 * Why no password hash: bcrypt and friends are slow on purpose, to make guessing a human-chosen password from a
 * stolen hash expensive. A generated secret is 64 random bytes (512 bits, see random-secret.ts); nobody can guess
 * it whatever the hash costs, so the slow KDF buys nothing and made every application-credential sign-in cost a
 * bcrypt round (a few requests per second per core). A secret the user chose may be weak and keeps the password
 * hasher; so do hashes imported from Keystone (bcrypt): the stored format tells the verifier which one it has.
 *
 * What is stored: `$fernet-sha256$v1$<key_hash>$<fernet>`, where `<fernet>` seals SHA-256(secret) with the
 * primary key of the credential key repository (`[credential] key_repository`, the keys that already protect
 * credential blobs) and `<key_hash>` names that key exactly as the `credential` table's key_hash column does.
 * A Fernet token is AES-128-CBC plus HMAC-SHA-256 under the deployment's key, so the row is a keyed hash: the
 * database alone neither reveals the digest nor lets anyone write a digest that verifies. Verifying opens the
 * token (microseconds) and compares the digests in constant time.
 *
 * Why not a plain HMAC under a key derived from the repository: credential keys rotate, and after
 * CREDENTIAL_MAX_ACTIVE_KEYS rotations the key an HMAC was made with is gone. An HMAC cannot be recomputed
 * without the secret, which the server never keeps, so every generated credential would silently die. A sealed
 * digest can be re-sealed without the secret: `xloud-manage credential migrate` re-seals these rows with the
 * new primary key, like the credential blobs, and `credential rotate` refuses to run until nothing is sealed
 * with an older key. So the secret survives any number of rotations done the documented way.
 */
const SEALED_SECRET_PREFIX = '$fernet-sha256$v1$';

/** Separates the key hash (hex) from the token (URL-safe base64 with `=`); neither ever contains it. */
const FIELD_SEPARATOR = '$';

const digestOf = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

export const isSealedSecret = (stored: string): boolean => stored.startsWith(SEALED_SECRET_PREFIX);

/** The stored form of a server-generated secret, sealed with the primary credential key. */
export function sealGeneratedSecret(provider: CredentialProvider, secret: string): string {
  return sealDigest(provider, digestOf(secret));
}

/**
 * True when `secret` is the one sealed in `stored`. Never throws: a row whose key has been removed from the
 * repository, or a corrupt row, simply does not match (the caller answers 401, as for a wrong secret).
 */
export function verifySealedSecret(provider: CredentialProvider, secret: string, stored: string): boolean {
  const sealed = parse(stored);
  if (!sealed) return false;
  let expected: Buffer;
  try {
    expected = Buffer.from(provider.decrypt(sealed.token), 'base64url');
  } catch {
    return false;
  }
  return constantTimeEqual(digestOf(secret), expected);
}

/** The key hash of the key a stored secret is sealed with (undefined for anything but a sealed secret). */
export const sealedWithKey = (stored: string): string | undefined => parse(stored)?.keyHash;

/**
 * The same secret sealed with the current primary key (for `credential migrate`); throws CredentialEncryptionError
 * when no key in the repository opens it.
 */
export function resealSecret(provider: CredentialProvider, stored: string): string {
  const sealed = parse(stored);
  if (!sealed) throw new RangeError('not a sealed application credential secret');
  return sealDigest(provider, Buffer.from(provider.decrypt(sealed.token), 'base64url'));
}

function sealDigest(provider: CredentialProvider, digest: Buffer): string {
  const { encryptedBlob, keyHash } = provider.encrypt(digest.toString('base64url'));
  return `${SEALED_SECRET_PREFIX}${keyHash}${FIELD_SEPARATOR}${encryptedBlob}`;
}

function parse(stored: string): { keyHash: string; token: string } | undefined {
  if (!isSealedSecret(stored)) return undefined;
  const rest = stored.slice(SEALED_SECRET_PREFIX.length);
  const separator = rest.indexOf(FIELD_SEPARATOR);
  if (separator <= 0) return undefined;
  return { keyHash: rest.slice(0, separator), token: rest.slice(separator + 1) };
}
