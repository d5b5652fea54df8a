import { createHmac } from 'node:crypto';

/** Keystone's TOTP (keystone/auth/plugins/totp.py): RFC 6238 with HMAC-SHA-1, 6 digits, 30-second steps. */
const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, upper case, without padding: 20 bytes (160 bits, RFC 4226's recommended size) give 32 characters. */
export function encodeBase32Secret(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += BASE32_ALPHABET[(value >>> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) text += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return text;
}

/**
 * A credential blob as Keystone reads it: RFC 4648 base32, upper case, padded with '=' to a multiple of 8
 * (Python's base64.b32decode without casefold). Undefined for anything else, which matches no passcode there.
 */
export function decodeBase32Secret(blob: string): Buffer | undefined {
  let text = blob;
  while (text.length % 8 !== 0) text += '=';
  const body = text.replace(/=+$/, '');
  // b32decode accepts only 0, 1, 3, 4 or 6 padding characters in the last quantum.
  const padding = text.length - body.length;
  if (![0, 1, 3, 4, 6].includes(padding) || body.length === 0) return undefined;
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of body) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index === -1) return undefined;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/**
 * The HMAC key of a `totp` credential, or undefined when it can authenticate nobody: Keystone's TOTP (Python
 * cryptography) refuses keys under 128 bits, and its plugin then treats the credential as not matching.
 */
export function totpKeyOf(blob: string): Buffer | undefined {
  const key = decodeBase32Secret(blob);
  return key !== undefined && key.length >= MIN_KEY_BYTES ? key : undefined;
}

const MIN_KEY_BYTES = 16;

/** The passcode of the time step `step` (seconds since the epoch / 30, floored). */
export function totpPasscode(secret: Uint8Array, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(code % 10 ** DIGITS).padStart(DIGITS, '0');
}

export const totpStep = (atMs: number): number => Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);

/**
 * The time step whose passcode this is: the current one or up to `previousWindows` before it ([totp]
 * included_previous_windows), as Keystone accepts them; undefined when none matches.
 */
export function matchingTotpStep(
  secret: Uint8Array,
  passcode: string,
  atMs: number,
  previousWindows: number,
): number | undefined {
  const current = totpStep(atMs);
  for (let step = current; step >= current - previousWindows; step -= 1) {
    if (totpPasscode(secret, step) === passcode) return step;
  }
  return undefined;
}
