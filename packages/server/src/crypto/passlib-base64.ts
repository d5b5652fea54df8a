/**
 * The base64 spellings found inside passlib/Keystone modular-crypt hashes.
 *
 * - scrypt: standard alphabet (`+/`), padding stripped ("b64s" in passlib).
 * - pbkdf2_sha512: passlib writes "ab64" (`.` instead of `+`, padding stripped);
 *   Keystone's own writer emits `+`. Keystone's reader maps `.` back to `+`, so the
 *   decoder below accepts both spellings.
 */

/** Standard alphabet, no `=` padding (passlib's b64s). */
export function encodeUnpaddedBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

/** passlib's ab64: unpadded base64 with `.` in place of `+`. */
export function encodeAdaptedBase64(bytes: Uint8Array): string {
  return encodeUnpaddedBase64(bytes).replaceAll('+', '.');
}

const PASSLIB_BASE64 = /^[A-Za-z0-9+/.]+$/;

/**
 * Decodes b64s or ab64 text; `undefined` when the text cannot be base64 at all.
 * Node's decoder silently skips junk characters, so the alphabet and length are
 * checked first: a malformed stored hash must be rejected, not half-decoded.
 */
export function decodePasslibBase64(text: string): Buffer | undefined {
  if (!PASSLIB_BASE64.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text.replaceAll('.', '+'), 'base64');
}
