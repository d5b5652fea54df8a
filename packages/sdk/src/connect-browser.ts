import { trimSlash } from './auth/discovery.ts';
import { CookieAuth } from './auth/cookie.ts';
import type { TokenData } from './auth/access.ts';
import type { DebugHook } from './debug.ts';
import { ConfigError, type UnauthorizedError } from './errors.ts';
import { IdentityClient } from './identity-client.ts';
import { Session } from './session.ts';
import type { FetchLike } from './transport/http.ts';

/**
 * Options of {@link connectBrowser}.
 *
 * @example
 * ```ts
 * const options: ConnectBrowserOptions = {
 *   baseUrl: '/dashboard/api/v3',
 *   headers: () => ({ 'X-CSRF-Token': csrfToken }),
 *   onUnauthorized: () => router.navigate('/login'),
 * };
 * ```
 */
export interface ConnectBrowserOptions {
  /** The Identity v3 URL: the console's `/dashboard/api/v3` (relative to the page's origin) or an absolute URL. */
  baseUrl: string;
  /** Extra headers for every request, asked for per request (e.g. the console's `X-CSRF-Token`). */
  headers?: () => Record<string, string>;
  /** Replaces the global fetch (tests). It is called with `credentials: 'same-origin'`. */
  fetch?: typeof fetch;
  /** Called when an authenticated request is answered 401 (the session expired, idled out or was revoked). */
  onUnauthorized?: (error: UnauthorizedError) => void;
  /** The console session's token body, for `tokens.issue()` and application credentials without `{ user_id }`. */
  tokenData?: () => TokenData | undefined | Promise<TokenData | undefined>;
  /** Per-request timeout in ms (default 60 000). */
  timeout?: number;
  /** Retries of idempotent requests after a network error (default 2). */
  retries?: number;
  /** Receives masked request/response events. */
  debug?: DebugHook;
}

/** `baseUrl` as an absolute URL: relative ones resolve against the page's origin. */
function absoluteBase(baseUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(baseUrl)) return trimSlash(baseUrl);
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || origin === 'null') {
    throw new ConfigError(
      `baseUrl '${baseUrl}' is relative and there is no page location to resolve it against: give an absolute URL.`,
    );
  }
  return trimSlash(new URL(baseUrl, origin).toString());
}

/**
 * An {@link IdentityClient} for a web page, talking to the console's backend-for-frontend: every typed resource
 * (`projects.page()`, `users.updateProfile()`, `xloud.policyCheck()`, …) sent to `baseUrl` with the browser's
 * same-origin session cookie (`credentials: 'same-origin'`) and no token, no catalog lookup and no version discovery.
 * A 401 is never retried: `onUnauthorized` is called and the request throws `UnauthorizedError`
 * (`code: 'ERR_UNAUTHORIZED'`). `headers()` is asked for on every request, so a new CSRF token applies at once.
 *
 * @throws {ConfigError} if `baseUrl` is relative and there is no `location` to resolve it against.
 * @example
 * ```ts
 * import { connectBrowser, isXloudError } from '@xloud/sdk/browser';
 * const identity = connectBrowser({
 *   baseUrl: '/dashboard/api/v3',
 *   headers: () => ({ 'X-CSRF-Token': session.csrf_token }),
 *   onUnauthorized: () => navigate('/dashboard/login'),
 * });
 * const { items, nextMarker } = await identity.projects.page({ limit: 20 });
 * ```
 */
export function connectBrowser(options: ConnectBrowserOptions): IdentityClient {
  const endpoint = absoluteBase(options.baseUrl);
  const fetchImpl: FetchLike = (url, init) => {
    const headers = new Headers(init.headers);
    // A script cannot set it in most browsers, and across origins it would force a CORS preflight.
    headers.delete('User-Agent');
    for (const [name, value] of Object.entries(options.headers?.() ?? {})) headers.set(name, value);
    const request: RequestInit = { ...init, headers, credentials: 'same-origin' };
    return options.fetch ? options.fetch(url, request) : fetch(url, request);
  };
  const session = new Session({
    auth: new CookieAuth({ endpoint, onUnauthorized: options.onUnauthorized, tokenData: options.tokenData }),
    endpointOverride: endpoint,
    fetch: fetchImpl,
    timeout: options.timeout,
    retries: options.retries,
    debug: options.debug,
  });
  return new IdentityClient(session);
}
