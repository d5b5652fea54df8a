import { sha256Hex } from './sha256.ts';

/**
 * What the SDK reports to a `debug` hook. Headers and bodies are already masked: tokens appear as `{SHA256}…`
 * (as keystoneauth logs them) and passwords/secrets as `***`.
 *
 * @example
 * ```ts
 * new Session({ auth, debug: (e: DebugEvent) => { if (e.type === 'response' && e.status >= 400) console.error(e.method, e.url, e.status); } });
 * ```
 */
export type DebugEvent =
  | { type: 'request'; method: string; url: string; headers: Record<string, string>; body?: string; attempt: number }
  | {
      type: 'response';
      method: string;
      url: string;
      status: number;
      headers: Record<string, string>;
      body?: string;
      durationMs: number;
      requestId?: string;
    }
  | { type: 'retry'; method: string; url: string; attempt: number; delayMs: number; error: string }
  | { type: 'reauth'; reason: 'initial' | 'expiring' | 'unauthorized' | 'invalidated'; authType: string };

/**
 * A function receiving {@link DebugEvent}s.
 *
 * @example
 * ```ts
 * const debug: DebugHook = (e) => console.error(formatDebugEvent(e));
 * ```
 */
export type DebugHook = (event: DebugEvent) => void;

const TOKEN_HEADERS = new Set(['x-auth-token', 'x-subject-token', 'x-service-token', 'authorization']);
const SECRET_FIELDS = new Set([
  'password',
  'original_password',
  'secret',
  'passcode',
  // Self-service two-factor: the TOTP secret is also inside its otpauth:// URI.
  'recovery_code',
  'recovery_codes',
  'otpauth_uri',
  'blob',
  'application_credential_secret',
  'adminpass',
  'token_secret',
  // OAuth 2.0 (OS-OAUTH2): the access token in the answer, the client secret of a form-encoded request.
  'access_token',
  'client_secret',
]);

/**
 * keystoneauth's way of showing a token in logs without revealing it: `{SHA256}<hex digest>`.
 *
 * @example
 * ```ts
 * hashToken('gAAAA…'); // '{SHA256}3f1c…'
 * ```
 */
export function hashToken(token: string): string {
  return `{SHA256}${sha256Hex(token)}`;
}

/**
 * A copy of the headers with token headers hashed.
 *
 * @example
 * ```ts
 * maskHeaders({ 'X-Auth-Token': 'secret' }); // { 'X-Auth-Token': '{SHA256}…' }
 * ```
 */
export function maskHeaders(headers: Record<string, string> | Headers): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) out[name] = TOKEN_HEADERS.has(name.toLowerCase()) ? hashToken(value) : value;
  return out;
}

function maskValue(value: unknown, parentKey?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => maskValue(v, parentKey));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const secret = SECRET_FIELDS.has(k.toLowerCase()) || (parentKey === 'token' && k === 'id');
    out[k] = !secret
      ? maskValue(v, k)
      : Array.isArray(v)
        ? v.map((item) => (item !== null && typeof item === 'object' ? maskValue(item, k) : '***'))
        : v !== null && typeof v !== 'object'
          ? '***'
          : maskValue(v, k);
  }
  return out;
}

/**
 * A copy of a JSON body (text) with passwords, secrets, credential blobs and token ids masked. Non-JSON text is
 * masked by pattern.
 *
 * @example
 * ```ts
 * maskBody('{"auth":{"identity":{"password":{"user":{"name":"a","password":"p"}}}}}');
 * // '{"auth":{"identity":{"password":{"user":{"name":"a","password":"***"}}}}}'
 * ```
 */
export function maskBody(text: string): string {
  try {
    return JSON.stringify(maskValue(JSON.parse(text)));
  } catch {
    return text
      .replace(
        /("(?:password|original_password|secret|passcode|recovery_code|otpauth_uri|blob|access_token|client_secret)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
        '$1"***"',
      )
      .replace(/(^|&)(client_secret|password)=[^&]*/gi, '$1$2=***');
  }
}

/**
 * Renders an event like keystoneauth's debug log (`REQ: curl -g -i -X GET … -H "X-Auth-Token: {SHA256}…"`,
 * `RESP: [200] …`, `RESP BODY: …`).
 *
 * @example
 * ```ts
 * const session = new Session({ auth, debug: (e) => process.stderr.write(formatDebugEvent(e) + '\n') });
 * ```
 */
export function formatDebugEvent(event: DebugEvent): string {
  switch (event.type) {
    case 'request': {
      const headers = Object.entries(event.headers)
        .map(([k, v]) => ` -H "${k}: ${v}"`)
        .join('');
      return `REQ: curl -g -i -X ${event.method} ${event.url}${headers}${event.body ? ` -d '${event.body}'` : ''}`;
    }
    case 'response': {
      const headers = Object.entries(event.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join(' ');
      const line = `RESP: [${event.status}] ${headers} (${event.durationMs} ms)`;
      return event.body ? `${line}\nRESP BODY: ${event.body}` : line;
    }
    case 'retry':
      return `Failure: ${event.error}. Retrying ${event.method} ${event.url} in ${event.delayMs} ms (attempt ${event.attempt}).`;
    case 'reauth':
      return `Authenticating (${event.authType}): ${event.reason}.`;
  }
}
