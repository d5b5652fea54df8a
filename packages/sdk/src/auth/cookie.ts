import { ConfigError, type UnauthorizedError } from '../errors.ts';
import { AccessInfo, type TokenData } from './access.ts';
import type { AuthPlugin } from './plugins.ts';

/**
 * Options of {@link CookieAuth}.
 *
 * @example
 * ```ts
 * new CookieAuth({ endpoint: 'https://cloud.example.com/dashboard/api/v3', onUnauthorized: () => location.assign('/dashboard/login') } satisfies CookieAuthOptions);
 * ```
 */
export interface CookieAuthOptions {
  /** The absolute Identity v3 URL requests go to (the console's `/dashboard/api/v3`). */
  endpoint: string;
  /** Called when an authenticated request is answered 401 (the console session is over), before it throws. */
  onUnauthorized?: (error: UnauthorizedError) => void;
  /**
   * The console session's token body (`SessionBody.token` of `GET /dashboard/api/session`), for the calls that need
   * to know the caller: `tokens.issue()`, application credentials without `{ user_id }`. Asked for every time.
   */
  tokenData?: () => TokenData | undefined | Promise<TokenData | undefined>;
}

/**
 * The auth plugin of a browser client behind the console's backend-for-frontend: it sends no token (the browser's
 * same-origin session cookie authenticates, and page JavaScript never sees the Keystone token), does no version
 * discovery (the endpoint is given), and never re-authenticates: a 401 calls `onUnauthorized` and is thrown as
 * `UnauthorizedError`.
 *
 * @example
 * ```ts
 * const session = new Session({ auth: new CookieAuth({ endpoint }), endpointOverride: endpoint });
 * ```
 */
export class CookieAuth implements AuthPlugin {
  readonly authType = 'cookie';
  readonly canReauthenticate = false;
  readonly tokenless = true;

  constructor(private readonly options: CookieAuthOptions) {
    if (!options.endpoint) throw new ConfigError('endpoint is required.', { missing: ['endpoint'] });
  }

  getIdentityUrl(): Promise<string> {
    return Promise.resolve(this.options.endpoint);
  }

  /** The console session's token details (no token id: the browser never has it). */
  async authenticate(): Promise<AccessInfo> {
    const data = await this.options.tokenData?.();
    if (!data) {
      throw new ConfigError(
        'This client is authenticated by the console session cookie and knows nothing about its token: pass { user_id } explicitly, or give connectBrowser a tokenData() callback (the token of GET /dashboard/api/session).',
      );
    }
    return new AccessInfo('', data);
  }

  onUnauthorized(error: UnauthorizedError): void {
    this.options.onUnauthorized?.(error);
  }

  toJSON(): Record<string, unknown> {
    return { authType: this.authType, endpoint: this.options.endpoint };
  }
}
