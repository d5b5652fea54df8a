import type { OAuthParameters, OAuthProtocolError } from './oauth1-request.ts';
import { ALLOWED_SIGNATURE_METHODS } from './oauth1-signature.ts';

/** oauthlib's RequestValidator.timestamp_lifetime, which Keystone keeps: a signed request is good for 10 minutes. */
const TIMESTAMP_LIFETIME_SECONDS = 600;

/** Keystone's ids and secrets are uuid4().hex: its validator accepts only those as keys, tokens and nonces. */
const HEX32 = /^[0-9a-f]{32}$/;
const HEX = /^[0-9a-f]+$/;

/** Keystone's VERIFIER_CHARS: letters and digits without the easily confused `jiIl1oO0`. */
export const VERIFIER_CHARS = 'abcdefghkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const VERIFIER = new RegExp(`^[${VERIFIER_CHARS}]{8}$`);

/** The parameters every signed request needs, once checked. */
export interface MandatoryParameters extends OAuthParameters {
  signature: string;
  consumerKey: string;
  nonce: string;
  timestamp: string;
  signatureMethod: string;
}

type Checked = { ok: true; value: MandatoryParameters } | { ok: false; error: OAuthProtocolError };

const invalid = (description: string): Checked => ({ ok: false, error: { error: 'invalid_request', description } });

/** Python's repr of oauthlib's SIGNATURE_METHODS tuple, as its error description quotes it. */
const ALLOWED_REPR = `(${ALLOWED_SIGNATURE_METHODS.map((m) => `'${m}'`).join(', ')})`;

/** Python's int() of a string: optional sign, digits with single underscores between them, surrounding spaces. */
const PY_INT = /^\s*[+-]?\d(?:_?\d)*\s*$/;

/** oauthlib's _check_mandatory_parameters with Keystone's validator (check_client_key, check_nonce). */
export function checkMandatoryParameters(p: OAuthParameters, nowSeconds: number): Checked {
  const { signature, consumerKey, nonce, timestamp, signatureMethod } = p;
  if (!signature || !consumerKey || !nonce || !timestamp || !signatureMethod)
    return invalid('Missing mandatory OAuth parameters.');
  if (!(ALLOWED_SIGNATURE_METHODS as readonly string[]).includes(signatureMethod)) {
    return {
      ok: false,
      error: {
        error: 'invalid_signature_method',
        description: `Invalid signature, ${signatureMethod} not in ${ALLOWED_REPR}.`,
      },
    };
  }
  if (p.version !== undefined && p.version !== '1.0') return invalid('Invalid OAuth version.');
  if ([...timestamp].length !== 10) return invalid('Invalid timestamp size');
  if (!PY_INT.test(timestamp)) return invalid('Timestamp must be an integer.');
  if (Math.abs(nowSeconds - Number(timestamp.replace(/_/g, ''))) > TIMESTAMP_LIFETIME_SECONDS)
    return invalid(`Timestamp given is invalid, differ from allowed by over ${TIMESTAMP_LIFETIME_SECONDS} seconds.`);
  if (!HEX32.test(consumerKey)) return invalid('Invalid client key format.');
  if (!HEX.test(nonce)) return invalid('Invalid nonce format.');
  return { ok: true, value: { ...p, signature, consumerKey, nonce, timestamp, signatureMethod } };
}

/** Keystone's check_request_token / check_access_token: a uuid4 hex. */
export const isTokenKey = (key: string): boolean => HEX32.test(key);

/** Keystone's check_verifier: eight of VERIFIER_CHARS. */
export const isVerifier = (verifier: string): boolean => VERIFIER.test(verifier);
