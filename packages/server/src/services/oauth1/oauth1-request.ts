import { parseOAuthAuthorization } from './authorization-header.ts';
import { percentDecode } from './percent-encode.ts';

/** An OAuth1-signed HTTP request as the endpoints see it. */
export interface SignedRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** The absolute URL the client signed (scheme, host, path and query). */
  url: string;
  /** The Authorization header, if any. */
  authorization: string | undefined;
}

/** The OAuth protocol parameters of a request, with every parameter the signature covers. */
export interface OAuthParameters {
  signature?: string;
  consumerKey?: string;
  token?: string;
  nonce?: string;
  timestamp?: string;
  callback?: string;
  verifier?: string;
  signatureMethod?: string;
  version?: string;
  realm?: string;
  /** What the signature base string is built from: every parameter but oauth_signature (and a header realm). */
  signed: Array<[string, string]>;
}

/**
 * oauthlib's error for a malformed OAuth request (`error` and `error_description` of its form-encoded answer);
 * Keystone turns it into a 400 "Validation failed with errors: ...".
 */
export interface OAuthProtocolError {
  error: 'invalid_request' | 'invalid_signature_method';
  description: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: OAuthProtocolError };

const invalid = (description: string): Parsed<never> => ({
  ok: false,
  error: { error: 'invalid_request', description },
});

/** Python's urllib.parse.parse_qsl(keep_blank_values=True): `+` is a space, then %XX decoding. */
function parseQuery(query: string): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  for (const part of query.split(/[&;]/)) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    params.push([percentDecode(key.replace(/\+/g, ' ')), percentDecode(value.replace(/\+/g, ' '))]);
  }
  return params;
}

/**
 * oauthlib's BaseEndpoint._create_request: the parameters from the Authorization header and the query string
 * (Keystone never hands oauthlib a form body), which must carry the `oauth_` parameters in one place only.
 */
export function readOAuthParameters(request: SignedRequest): Parsed<OAuthParameters> {
  const header = request.authorization === undefined ? [] : (parseOAuthAuthorization(request.authorization) ?? []);
  const queryAt = request.url.indexOf('?');
  const query =
    queryAt < 0
      ? []
      : parseQuery(request.url.slice(queryAt + 1)).map(([k, v]): [string, string] => [
          k,
          k.startsWith('oauth_') ? percentDecode(v) : v,
        ]);
  const headerOAuth = header.filter(([k]) => k.startsWith('oauth_'));
  const queryOAuth = query.filter(([k]) => k.startsWith('oauth_'));
  if (headerOAuth.length > 0 && queryOAuth.length > 0)
    return invalid('oauth_ params must come from only 1 signature type but were found in AUTH_HEADER, QUERY');
  const oauth = headerOAuth.length > 0 ? headerOAuth : queryOAuth;
  if (oauth.length === 0) return invalid('Missing mandatory OAuth parameters.');
  if (new Set(oauth.map(([k]) => k)).size !== oauth.length) return invalid('Duplicate OAuth1 entries.');
  const get = (key: string) => oauth.find(([k]) => k === key)?.[1];
  const all = [...header, ...query];
  let signed = all.filter(([k]) => k !== 'oauth_signature');
  if ((request.authorization ?? '').includes('realm')) signed = signed.filter(([k]) => k !== 'realm');
  return {
    ok: true,
    value: {
      signature: get('oauth_signature'),
      consumerKey: get('oauth_consumer_key'),
      token: get('oauth_token'),
      nonce: get('oauth_nonce'),
      timestamp: get('oauth_timestamp'),
      callback: get('oauth_callback'),
      verifier: get('oauth_verifier'),
      signatureMethod: get('oauth_signature_method'),
      version: get('oauth_version'),
      realm: all.find(([k]) => k === 'realm')?.[1],
      signed,
    },
  };
}
