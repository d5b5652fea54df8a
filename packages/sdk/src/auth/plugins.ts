import { ConfigError, HttpError, InvalidResponseError, NotFoundError, UnauthorizedError } from '../errors.ts';
import type { HttpTransport } from '../transport/http.ts';
import { AccessInfo, type TokenData } from './access.ts';
import { discoverIdentityV3, isIdentityV3, trimSlash } from './discovery.ts';

/**
 * A domain given by id or by name.
 *
 * @example
 * ```ts
 * const byId: DomainRef = { id: 'default' };
 * const byName: DomainRef = { name: 'Default' };
 * ```
 */
export type DomainRef = { id: string } | { name: string };

/**
 * What a token is scoped to: a project (by id, or by name within a domain), a domain, the system, a trust,
 * or nothing: `'unscoped'` asks for an unscoped token; undefined lets Keystone scope to the user's default project.
 *
 * @example
 * ```ts
 * const scope: Scope = { project: { name: 'demo', domain: { name: 'Default' } } };
 * ```
 */
export type Scope =
  | { project: { id: string } | { name: string; domain: DomainRef } }
  | { domain: DomainRef }
  | { system: { all: true } }
  | { trust: { id: string } }
  | 'unscoped';

/**
 * An authentication method: turns credentials into a token (an {@link AccessInfo}).
 *
 * @example
 * ```ts
 * const auth: AuthPlugin = new PasswordAuth({ authUrl, username: 'demo', password: 'pw', userDomainName: 'Default' });
 * const access = await auth.authenticate(new HttpTransport());
 * ```
 */
export interface AuthPlugin {
  /** Canonical auth type name (`password`, `token`, `v3applicationcredential`, `admin_token`, …). */
  readonly authType: string;
  /** False when authenticating again cannot produce a different token (a static token). */
  readonly canReauthenticate: boolean;
  /** Gets a new token. */
  authenticate(http: HttpTransport): Promise<AccessInfo>;
  /** The Identity v3 base URL (after version discovery). */
  getIdentityUrl(http: HttpTransport): Promise<string>;
  /**
   * True when requests are authenticated by something other than a token, such as the browser's same-origin
   * session cookie of the console (see `connectBrowser`): the Session then sends no `X-Auth-Token`, does not
   * authenticate before a request and never retries on a 401. `getAccess()` asks `authenticate` every time.
   */
  readonly tokenless?: boolean;
  /** Called by the Session when an authenticated request is answered 401 (after any retry), before it throws. */
  onUnauthorized?(error: UnauthorizedError): void;
}

function scopeBody(scope: Scope | undefined): Record<string, unknown> | 'unscoped' | undefined {
  // An explicit "unscoped" stops Keystone from scoping to the user's default project.
  if (!scope || scope === 'unscoped') return scope;
  if ('trust' in scope) return { 'OS-TRUST:trust': { id: scope.trust.id } };
  return scope as Record<string, unknown>;
}

/** Shared by the v3 plugins: discovery, the POST, reading X-Subject-Token. */
abstract class V3Auth implements AuthPlugin {
  abstract readonly authType: string;
  readonly canReauthenticate: boolean = true;
  private identityUrl?: Promise<string>;

  constructor(
    readonly authUrl: string,
    readonly scope?: Scope,
    /** Ask Keystone to leave the catalog out (smaller responses; endpoint lookup then uses auth_url). */
    readonly noCatalog = false,
  ) {
    if (!authUrl)
      throw new ConfigError('auth_url is required (OS_AUTH_URL or --os-auth-url).', { missing: ['auth_url'] });
  }

  protected abstract identity(): Record<string, unknown>;

  /** What may be shown about this plugin: never the password, secret or token. */
  toJSON(): Record<string, unknown> {
    return { authType: this.authType, authUrl: this.authUrl, scope: this.scope };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }

  getIdentityUrl(http: HttpTransport): Promise<string> {
    this.identityUrl ??= discoverIdentityV3(http, this.authUrl).catch((err: unknown) => {
      this.identityUrl = undefined;
      throw err;
    });
    return this.identityUrl;
  }

  async authenticate(http: HttpTransport): Promise<AccessInfo> {
    const v3 = await this.getIdentityUrl(http);
    const auth: Record<string, unknown> = { identity: this.identity() };
    const scope = scopeBody(this.scope);
    if (scope) auth.scope = scope;
    return issueToken(http, v3, { auth }, { noCatalog: this.noCatalog });
  }
}

/**
 * POST /v3/auth/tokens with a ready-made body; the low-level step every v3 plugin uses.
 *
 * @example
 * ```ts
 * const access = await issueToken(http, 'http://k:5000/v3', { auth: { identity: { methods: ['token'], token: { id } } } });
 * ```
 */
export async function issueToken(
  http: HttpTransport,
  v3Url: string,
  body: unknown,
  opts: { noCatalog?: boolean } = {},
): Promise<AccessInfo> {
  const url = `${trimSlash(v3Url)}/auth/tokens${opts.noCatalog ? '?nocatalog' : ''}`;
  // Issuing a token twice is harmless, so a connection failure may be retried.
  let res: { status: number; headers: Headers; body: { token?: TokenData } };
  try {
    res = await http.json<{ token?: TokenData }>({ method: 'POST', url, body, idempotent: true });
  } catch (error) {
    // No identity service at this URL (a wrong auth_url path, or another web server): say so, as keystoneauth does,
    // rather than let the 404 read as a rejected token.
    const missingRoute = error instanceof NotFoundError || (error instanceof HttpError && error.status === 405);
    if (missingRoute && !(await isIdentityV3(http, v3Url))) {
      throw new ConfigError(
        `Could not find versioned identity endpoints when attempting to authenticate. Please check that your auth_url is correct (no Identity v3 API answers at ${trimSlash(v3Url)}). ${error.message}`,
        { cause: error },
      );
    }
    // Keystone answers 404 when the token being exchanged is unknown, expired or revoked: to a caller that
    // is a failed login, so it surfaces as ERR_UNAUTHORIZED (and a Session re-authenticates from scratch).
    if (error instanceof NotFoundError) {
      throw new UnauthorizedError({
        status: error.status,
        title: error.title,
        keystoneMessage: error.keystoneMessage,
        requestId: error.requestId,
        method: error.method,
        url: error.url,
      });
    }
    throw error;
  }
  const token = res.headers.get('x-subject-token');
  if (!token || !res.body?.token)
    throw new InvalidResponseError(`POST ${url} returned no X-Subject-Token header or token body`, res.status, url);
  return new AccessInfo(token, res.body.token);
}

function userRef(o: {
  userId?: string;
  username?: string;
  userDomainId?: string;
  userDomainName?: string;
  defaultDomainId?: string;
}): Record<string, unknown> {
  if (o.userId) return { id: o.userId };
  const domain = o.userDomainId
    ? { id: o.userDomainId }
    : o.userDomainName
      ? { name: o.userDomainName }
      : { id: o.defaultDomainId ?? 'default' };
  return { name: o.username, domain };
}

/**
 * Options of {@link PasswordAuth}.
 *
 * @example
 * ```ts
 * const options: PasswordAuthOptions = { authUrl: 'http://k:5000', username: 'demo', password: 'pw', userDomainName: 'Default' };
 * new PasswordAuth(options);
 * ```
 */
export interface PasswordAuthOptions {
  authUrl: string;
  username?: string;
  userId?: string;
  password: string;
  userDomainName?: string;
  userDomainId?: string;
  /** Used for the user's domain when neither userDomainName nor userDomainId is given (default `'default'`). */
  defaultDomainId?: string;
  scope?: Scope;
  noCatalog?: boolean;
}

/**
 * The `password` / `v3password` plugin.
 *
 * @example
 * ```ts
 * new PasswordAuth({ authUrl: 'http://k:5000', username: 'admin', password: 'pw', userDomainName: 'Default',
 *   scope: { project: { name: 'admin', domain: { name: 'Default' } } } });
 * ```
 */
export class PasswordAuth extends V3Auth {
  readonly authType = 'password';
  constructor(private readonly options: PasswordAuthOptions) {
    super(options.authUrl, options.scope, options.noCatalog);
    if (!options.username && !options.userId)
      throw new ConfigError('username or user_id is required for password authentication.', { missing: ['username'] });
  }
  protected identity() {
    return { methods: ['password'], password: { user: { ...userRef(this.options), password: this.options.password } } };
  }
}

/**
 * Options of {@link TokenAuth}.
 *
 * @example
 * ```ts
 * new TokenAuth({ authUrl: 'http://k:5000/v3', token, scope: { domain: { id: 'default' } } } satisfies TokenAuthOptions);
 * ```
 */
export interface TokenAuthOptions {
  authUrl: string;
  token: string;
  scope?: Scope;
  noCatalog?: boolean;
}

/**
 * The `token` / `v3token` plugin: exchanges an existing token for a new one, typically an unscoped token for a
 * project-scoped one.
 *
 * @example
 * ```ts
 * const scoped = new TokenAuth({ authUrl, token: unscopedToken, scope: { project: { id: projectId } } });
 * ```
 */
export class TokenAuth extends V3Auth {
  readonly authType = 'token';
  constructor(private readonly options: TokenAuthOptions) {
    super(options.authUrl, options.scope, options.noCatalog);
    if (!options.token)
      throw new ConfigError('token is required for token authentication (OS_TOKEN or --os-token).', {
        missing: ['token'],
      });
  }
  protected identity() {
    return { methods: ['token'], token: { id: this.options.token } };
  }
}

/**
 * Options of {@link ApplicationCredentialAuth}.
 *
 * @example
 * ```ts
 * new ApplicationCredentialAuth({ authUrl, name: 'ci-deploy', username: 'ci', userDomainName: 'Default', secret } satisfies ApplicationCredentialAuthOptions);
 * ```
 */
export interface ApplicationCredentialAuthOptions {
  authUrl: string;
  secret: string;
  /** The credential's id; or give its `name` together with the owning user. */
  id?: string;
  name?: string;
  userId?: string;
  username?: string;
  userDomainId?: string;
  userDomainName?: string;
  defaultDomainId?: string;
  noCatalog?: boolean;
}

/**
 * The `v3applicationcredential` plugin. The token's scope is the credential's project; no scope may be requested.
 *
 * @example
 * ```ts
 * new ApplicationCredentialAuth({ authUrl, id: process.env.OS_APPLICATION_CREDENTIAL_ID!, secret: process.env.OS_APPLICATION_CREDENTIAL_SECRET! });
 * ```
 */
export class ApplicationCredentialAuth extends V3Auth {
  readonly authType = 'v3applicationcredential';
  constructor(private readonly options: ApplicationCredentialAuthOptions) {
    super(options.authUrl, undefined, options.noCatalog);
    if (!options.secret)
      throw new ConfigError('application_credential_secret is required.', {
        missing: ['application_credential_secret'],
      });
    if (!options.id && !(options.name && (options.userId || options.username))) {
      throw new ConfigError(
        'application_credential_id, or application_credential_name with user_id/username, is required.',
        {
          missing: ['application_credential_id'],
        },
      );
    }
  }
  protected identity() {
    const o = this.options;
    const credential: Record<string, unknown> = o.id
      ? { id: o.id, secret: o.secret }
      : { name: o.name, secret: o.secret, user: userRef(o) };
    return { methods: ['application_credential'], application_credential: credential };
  }
}

/**
 * Options of {@link StaticTokenAuth}.
 *
 * @example
 * ```ts
 * new StaticTokenAuth({ endpoint: 'http://k:5000/v3', token } satisfies StaticTokenAuthOptions);
 * ```
 */
export interface StaticTokenAuthOptions {
  /** The Identity v3 URL the token is used against (`endpoint`, else `auth_url`). */
  endpoint: string;
  token: string;
}

/**
 * The `admin_token` / `token_endpoint` plugin: uses a token as is, without asking Keystone (no catalog, no
 * re-authentication). On the first use the token is validated against itself to learn its expiry and scope.
 *
 * @example
 * ```ts
 * new StaticTokenAuth({ endpoint: 'http://k:5000/v3', token: process.env.OS_TOKEN! });
 * ```
 */
export class StaticTokenAuth implements AuthPlugin {
  readonly authType = 'admin_token';
  readonly canReauthenticate = false;
  constructor(private readonly options: StaticTokenAuthOptions) {
    if (!options.token) throw new ConfigError('token is required (OS_TOKEN or --os-token).', { missing: ['token'] });
    if (!options.endpoint)
      throw new ConfigError('endpoint is required (OS_ENDPOINT or --os-endpoint).', { missing: ['endpoint'] });
  }
  getIdentityUrl(http: HttpTransport): Promise<string> {
    return discoverIdentityV3(http, this.options.endpoint);
  }
  /** Never shows the token. */
  toJSON(): Record<string, unknown> {
    return { authType: this.authType, endpoint: this.options.endpoint };
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `StaticTokenAuth ${JSON.stringify(this.toJSON())}`;
  }
  async authenticate(http: HttpTransport): Promise<AccessInfo> {
    const v3 = await this.getIdentityUrl(http);
    const headers = { 'X-Auth-Token': this.options.token, 'X-Subject-Token': this.options.token };
    const res = await http.json<{ token: TokenData }>({ method: 'GET', url: `${v3}/auth/tokens?nocatalog`, headers });
    return new AccessInfo(this.options.token, res.body.token);
  }
}
