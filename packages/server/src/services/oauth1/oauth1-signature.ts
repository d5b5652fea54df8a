import { createHmac, timingSafeEqual } from 'node:crypto';
import { percentEncode } from './percent-encode.ts';

/**
 * The signature methods oauthlib's RequestValidator allows by default, which Keystone keeps. Keystone's validator
 * has no RSA keys (get_rsa_key returns ''), so an RSA signature never verifies; HMAC and PLAINTEXT do.
 */
export const ALLOWED_SIGNATURE_METHODS = [
  'HMAC-SHA1',
  'HMAC-SHA256',
  'HMAC-SHA512',
  'RSA-SHA1',
  'RSA-SHA256',
  'RSA-SHA512',
  'PLAINTEXT',
] as const;

const HMAC_HASHES: Record<string, string> = { 'HMAC-SHA1': 'sha1', 'HMAC-SHA256': 'sha256', 'HMAC-SHA512': 'sha512' };

/**
 * RFC 5849 section 3.4.1.2 (oauthlib's base_string_uri): scheme and host in lower case, the default port dropped,
 * no query or fragment, an empty path as `/`. Undefined when the URL does not parse.
 */
export function baseStringUri(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const path = parsed.pathname || '/';
  return `${parsed.protocol}//${parsed.host}${path}`.replace(/ /g, '%20');
}

/** RFC 5849 section 3.4.1.3.2: every name and value encoded, sorted by name then value, joined with `&`. */
export function normalizeParameters(params: ReadonlyArray<readonly [string, string]>): string {
  const encoded = params.map(([k, v]) => [percentEncode(k), percentEncode(v)] as const);
  encoded.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return encoded.map(([k, v]) => `${k}=${v}`).join('&');
}

/** RFC 5849 section 3.4.1: METHOD&encoded-base-string-URI&encoded-normalized-parameters. */
export function signatureBaseString(method: string, uri: string, normalizedParams: string): string {
  return `${percentEncode(method.toUpperCase())}&${percentEncode(uri)}&${percentEncode(normalizedParams)}`;
}

/** The key HMAC and PLAINTEXT use: encoded consumer secret `&` encoded token secret (empty without a token). */
const signingKey = (consumerSecret: string, tokenSecret: string | undefined): string =>
  `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret ?? '')}`;

/** Compares without revealing, by timing, how much of the signature matched. */
function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

export interface SignatureInput {
  method: string;
  url: string;
  signatureMethod: string;
  signature: string;
  signed: ReadonlyArray<readonly [string, string]>;
}

/** Whether the request's signature is the one the consumer and token secrets produce (oauthlib's _check_signature). */
export function verifySignature(
  input: SignatureInput,
  consumerSecret: string,
  tokenSecret: string | undefined,
): boolean {
  try {
    const key = signingKey(consumerSecret, tokenSecret);
    if (input.signatureMethod === 'PLAINTEXT') return sameText(key, input.signature);
    const hash = HMAC_HASHES[input.signatureMethod];
    if (hash === undefined) return false;
    const uri = baseStringUri(input.url);
    if (uri === undefined) return false;
    const base = signatureBaseString(input.method, uri, normalizeParameters(input.signed));
    const expected = createHmac(hash, key).update(base, 'utf8').digest('base64');
    return sameText(expected, input.signature);
  } catch {
    // A lone surrogate in a parameter cannot be encoded: no signature can match it.
    return false;
  }
}
