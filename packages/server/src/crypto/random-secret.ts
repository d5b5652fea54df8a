import { randomBytes } from 'node:crypto';

/**
 * An application credential secret as Keystone generates it when the caller supplies
 * none: 64 random bytes, URL-safe base64 without `=` padding (86 characters).
 * Node's `base64url` encoding is exactly that alphabet and omits padding.
 */
export function generateSecret(): string {
  return randomBytes(64).toString('base64url');
}

/**
 * A password for the bootstrap administrator: 18 random bytes give 24 URL-safe
 * characters (144 bits), safe to paste into shells and clouds.yaml without quoting.
 */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
