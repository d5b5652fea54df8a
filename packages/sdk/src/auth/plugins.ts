import {
  ConfigError,
  errorFromResponse,
  HttpError,
  InvalidResponseError,
  NotFoundError,
  UnauthorizedError,
} from '../errors.ts';
import { parseJsonBody, type HttpTransport } from '../transport/http.ts';
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
  /** Gets a new token; `context` carries what the session offers, such as its passcode prompt. */
  authenticate(http: HttpTransport, context?: AuthContext): Promise<AccessInfo>;
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

/**
 * What Keystone answered a sign-in that proved some but not all of a multi-factor rule: HTTP 401 with the
 * `Openstack-Auth-Receipt` header. Sending the receipt back with the missing method completes the sign-in.
 *
 * @example
 * ```ts
 * const prompt: PasscodePrompt = (r: AuthReceipt) => (r.requiredAuthMethods.some((m) => m.includes('totp')) ? readCode() : undefined);
 * ```
 */
export interface AuthReceipt {
  /** The `Openstack-Auth-Receipt` header value (a secret: it stands for the methods already proved). */
  receipt: string;
  /** The methods proved so far. */
  methods: string[];
  /** The user's rules: each a list of methods, one of which must be satisfied. */
  requiredAuthMethods: string[][];
  userId: string;
  expiresAt?: string;
}

/**
 * Asked for a TOTP passcode (or a recovery code) when a sign-in needs a second factor; an empty answer or
 * undefined gives up (the 401 stands).
 *
 * @example
 * ```ts
 * const session = new Session({ auth, passcodePrompt: async () => readline.question('Passcode: ') });
 * ```
 */
export type PasscodePrompt = (receipt: AuthReceipt) => Promise<string | undefined> | string | undefined;

/**
 * What a {@link Session} hands its auth plugin with each authentication.
 *
 * @example
 * ```ts
 * await auth.authenticate(http, { passcodePrompt: () => '123456' } satisfies AuthContext);
 * ```
 */
export interface AuthContext {
  passcodePrompt?: PasscodePrompt;
}

/** The receipt in a 401 answer, when there is one. */
function receiptOf(res: { status: number; headers: Headers; text: string }): AuthReceipt | undefined {
  const receipt = res.headers.get('openstack-auth-receipt');
  if (res.status !== 401 || !receipt) return undefined;
  let body: {
    receipt?: { methods?: unknown; user?: { id?: unknown }; expires_at?: unknown };
    required_auth_methods?: unknown;
  };
  try {
    body = JSON.parse(res.text) as typeof body;
  } catch {
    return undefined;
  }
  const userId = body.receipt?.user?.id;
  if (typeof userId !== 'string') return undefined;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    receipt,
    methods: strings(body.receipt?.methods),
    requiredAuthMethods: Array.isArray(body.required_auth_methods) ? body.required_auth_methods.map(strings) : [],
    userId,
    expiresAt: typeof body.receipt?.expires_at === 'string' ? body.receipt.expires_at : undefined,
  };
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

  /** A passcode given in the options (`passcode`, `--os-passcode`); a prompt is asked only without one. */
  protected presetPasscode(): string | undefined {
    return undefined;
  }

  protected passcodePrompt(): PasscodePrompt | undefined {
    return undefined;
  }

  async authenticate(http: HttpTransport, context: AuthContext = {}): Promise<AccessInfo> {
    const v3 = await this.getIdentityUrl(http);
    const auth: Record<string, unknown> = { identity: await this.identityFor(context) };
    const scope = scopeBody(this.scope);
    if (scope) auth.scope = scope;
    try {
      return await issueToken(http, v3, { auth }, { noCatalog: this.noCatalog });
    } catch (error) {
      const receipt = (error as UnauthorizedError).authReceipt;
      if (!(error instanceof UnauthorizedError) || !receipt) throw error;
      // A multi-factor rule wants more: complete with the receipt and a TOTP passcode, as keystoneauth's
      // v3multifactor does, if one of the user's rules can be met that way.
      const proved = new Set([...receipt.methods, 'totp']);
      if (!receipt.requiredAuthMethods.some((rule) => rule.includes('totp') && rule.every((m) => proved.has(m))))
        throw error;
      const prompt = this.passcodePrompt() ?? context.passcodePrompt;
      const passcode = this.presetPasscode() ?? (await prompt?.(receipt))?.trim();
      if (!passcode) throw error;
      const second: Record<string, unknown> = {
        identity: { methods: ['totp'], totp: { user: { id: receipt.userId, passcode } } },
      };
      if (scope) second.scope = scope;
      return issueToken(
        http,
        v3,
        { auth: second },
        { noCatalog: this.noCatalog, headers: { 'Openstack-Auth-Receipt': receipt.receipt } },
      );
    }
  }

  /** The identity object; a plugin that needs a passcode up front (v3multifactor) asks for it here. */
  protected identityFor(_context: AuthContext): Promise<Record<string, unknown>> {
    return Promise.resolve(this.identity());
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
  opts: { noCatalog?: boolean; headers?: Record<string, string> } = {},
): Promise<AccessInfo> {
  const url = `${trimSlash(v3Url)}/auth/tokens${opts.noCatalog ? '?nocatalog' : ''}`;
  // Issuing a token twice is harmless, so a connection failure may be retried.
  let res: { status: number; headers: Headers; body: { token?: TokenData } };
  try {
    const sent = await http.send({ method: 'POST', url, body, headers: opts.headers, idempotent: true });
    if (sent.status < 200 || sent.status >= 300) {
      const error = errorFromResponse({
        status: sent.status,
        bodyText: sent.text,
        requestId: sent.requestId,
        method: sent.method,
        url: sent.url,
      });
      const receipt = receiptOf(sent);
      if (receipt && error instanceof UnauthorizedError) error.authReceipt = receipt;
      throw error;
    }
    res = { status: sent.status, headers: sent.headers, body: parseJsonBody<{ token?: TokenData }>(sent) };
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
  /**
   * A TOTP passcode (or recovery code) for a user under a multi-factor rule: sent with the auth receipt when the
   * password alone is answered with one. Works once; later re-authentications ask `passcodePrompt`.
   */
  passcode?: string;
  /** Asked for a passcode when the password alone is answered with an auth receipt (beats the session's). */
  passcodePrompt?: PasscodePrompt;
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
  private passcodeUsed = false;
  protected override presetPasscode(): string | undefined {
    // A passcode works once (the server refuses a replay): the first sign-in uses it, later ones ask.
    if (this.passcodeUsed || !this.options.passcode) return undefined;
    this.passcodeUsed = true;
    return this.options.passcode;
  }
  protected override passcodePrompt(): PasscodePrompt | undefined {
    return this.options.passcodePrompt;
  }
}

/**
 * Options of {@link MultiFactorAuth}.
 *
 * @example
 * ```ts
 * const options: MultiFactorAuthOptions = { authUrl, methods: ['password', 'totp'], username: 'alice', password: 'pw', passcode: '123456' };
 * new MultiFactorAuth(options);
 * ```
 */
export interface MultiFactorAuthOptions extends PasswordAuthOptions {
  /** The methods sent together (`password`, `totp`), from clouds.yaml `auth_methods` (`v3password`, `v3totp`). */
  methods: string[];
}

/**
 * The `v3multifactor` plugin, as keystoneauth's: several methods in one request (password and TOTP passcode).
 * Without a passcode the prompt is asked before the request.
 *
 * @example
 * ```ts
 * new MultiFactorAuth({ authUrl, methods: ['password', 'totp'], username: 'alice', userDomainName: 'Default', password, passcode });
 * ```
 */
export class MultiFactorAuth extends V3Auth {
  readonly authType = 'v3multifactor';
  private passcodeUsed = false;
  constructor(private readonly options: MultiFactorAuthOptions) {
    super(options.authUrl, options.scope, options.noCatalog);
    const unknown = options.methods.filter((m) => m !== 'password' && m !== 'totp');
    if (options.methods.length === 0 || unknown.length > 0)
      throw new ConfigError(
        `auth_methods for v3multifactor must be v3password and/or v3totp${unknown.length ? ` (not ${unknown.join(', ')})` : ''}.`,
        { missing: options.methods.length === 0 ? ['auth_methods'] : [] },
      );
    if (!options.username && !options.userId)
      throw new ConfigError('username or user_id is required for v3multifactor authentication.', {
        missing: ['username'],
      });
  }
  protected identity(): Record<string, unknown> {
    throw new Error('internal error: MultiFactorAuth builds its identity with identityFor()');
  }
  protected override async identityFor(context: AuthContext): Promise<Record<string, unknown>> {
    const user = userRef(this.options);
    const identity: Record<string, unknown> = { methods: this.options.methods };
    if (this.options.methods.includes('password'))
      identity.password = { user: { ...user, password: this.options.password } };
    if (this.options.methods.includes('totp')) {
      let passcode = !this.passcodeUsed ? this.options.passcode : undefined;
      this.passcodeUsed = true;
      if (!passcode) {
        const prompt = this.options.passcodePrompt ?? context.passcodePrompt;
        const asked = prompt?.({
          receipt: '',
          methods: [],
          requiredAuthMethods: [this.options.methods],
          userId: this.options.userId ?? '',
        });
        passcode = (await asked)?.trim();
      }
      if (!passcode)
        throw new ConfigError('passcode is required for v3multifactor with v3totp (OS_PASSCODE or --os-passcode).', {
          missing: ['passcode'],
        });
      identity.totp = { user: { ...user, passcode } };
    }
    return identity;
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
