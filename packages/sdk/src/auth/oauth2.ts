import { HttpTransport } from '../transport/http.ts';
import { trimSlash } from './discovery.ts';

/**
 * The answer of Keystone's OS-OAUTH2 token endpoint.
 *
 * @example
 * ```ts
 * const { access_token, expires_in }: OAuth2AccessToken = await oauth2ClientCredentialsToken(v3, client);
 * ```
 */
export interface OAuth2AccessToken {
  /** A Keystone token of the application credential: send it as `X-Auth-Token` (e.g. `new StaticTokenAuth`). */
  access_token: string;
  /** Seconds the token is valid for. */
  expires_in: number;
  token_type: 'Bearer';
}

/**
 * The OAuth 2.0 client: an application credential's id and secret.
 *
 * @example
 * ```ts
 * const client: OAuth2Client = { clientId: process.env.APP_CRED_ID!, clientSecret: process.env.APP_CRED_SECRET! };
 * ```
 */
export interface OAuth2Client {
  clientId: string;
  clientSecret: string;
}

/** Base64 of a string's UTF-8 bytes, in Node and in browsers alike. */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * OAuth 2.0 client credentials grant (POST /v3/OS-OAUTH2/token, Keystone Zed and later): the application
 * credential's id and secret, sent with HTTP Basic, for an access token of that credential.
 *
 * @throws {UnauthorizedError} for a wrong, unknown or expired client (`invalid_client`; the message is Keystone's
 *   `error_description`), {@link ValidationError} for a refused request, plus the transport's errors.
 * @example
 * ```ts
 * const token = await oauth2ClientCredentialsToken('https://identity.example.com/v3', {
 *   clientId: process.env.APP_CRED_ID!,
 *   clientSecret: process.env.APP_CRED_SECRET!,
 * });
 * await fetch(url, { headers: { 'X-Auth-Token': token.access_token } });
 * ```
 */
export async function oauth2ClientCredentialsToken(
  v3Url: string,
  client: OAuth2Client,
  options: { http?: HttpTransport; signal?: AbortSignal } = {},
): Promise<OAuth2AccessToken> {
  const http = options.http ?? new HttpTransport();
  const res = await http.json<OAuth2AccessToken>({
    method: 'POST',
    url: `${trimSlash(v3Url)}/OS-OAUTH2/token`,
    headers: {
      Authorization: `Basic ${base64(`${client.clientId}:${client.clientSecret}`)}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
    // Asking twice for a token is harmless: a connection failure may be retried.
    idempotent: true,
    signal: options.signal,
  });
  return res.body;
}
