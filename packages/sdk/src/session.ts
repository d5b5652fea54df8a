import { type AccessInfo, findEndpoint, type EndpointFilter } from './auth/access.ts';
import { trimSlash } from './auth/discovery.ts';
import { authFromConfig } from './auth/from-config.ts';
import { issueToken, type AuthPlugin, type PasscodePrompt, type Scope } from './auth/plugins.ts';
import type { CloudConfig } from './config/cloud-config.ts';
import { EndpointNotFoundError, errorFromResponse, NotFoundError, UnauthorizedError } from './errors.ts';
import { HttpTransport, parseJsonBody, type TransportOptions } from './transport/http.ts';

/**
 * Options of a {@link Session}.
 *
 * @example
 * ```ts
 * const session = new Session({ auth, region: 'RegionOne', interface: 'internal', refreshMargin: 120_000 });
 * ```
 */
export interface SessionOptions extends TransportOptions {
  auth: AuthPlugin;
  /** Catalog interface for endpoint lookup (default `public`). */
  interface?: 'public' | 'internal' | 'admin';
  /** Catalog region for endpoint lookup. */
  region?: string;
  /** Use this Identity v3 URL instead of the catalog's. */
  endpointOverride?: string;
  /** Re-authenticate this many ms before `expires_at` (default 60 000; capped at half the token lifetime). */
  refreshMargin?: number;
  /** Clock in epoch ms (default `Date.now`); inject to test expiry without waiting. */
  now?: () => number;
  /** Share another session's transport (its timeout, retries, TLS, debug hook) instead of building one. */
  transport?: HttpTransport;
  /**
   * Asked for a TOTP passcode (or recovery code) when a sign-in is answered with an auth receipt (the user is under
   * a multi-factor rule) and the auth plugin has no passcode of its own.
   */
  passcodePrompt?: PasscodePrompt;
}

/**
 * Query string values; arrays repeat the parameter, undefined is dropped, booleans are `true`/`false`.
 *
 * @example
 * ```ts
 * const query: Record<string, QueryValue> = { name: 'demo', enabled: true, limit: 50, tags: ['a', 'b'] };
 * await session.request('/projects', { query });
 * ```
 */
export type QueryValue = string | number | boolean | undefined | null | Array<string | number>;

/**
 * Options of {@link Session.request}.
 *
 * @example
 * ```ts
 * await session.request('/users', { method: 'POST', body: { user: { name: 'bob' } }, timeout: 5_000 });
 * ```
 */
export interface RequestOptions {
  method?: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send X-Auth-Token (default true). */
  authenticated?: boolean;
  /** Which catalog endpoint relative paths are resolved against (default: identity). */
  endpoint?: Partial<EndpointFilter>;
  /** Allow connection-error retries regardless of method. */
  idempotent?: boolean;
  timeout?: number;
  signal?: AbortSignal;
  /** Re-authenticate and retry once on a 401 (default true). */
  retryOn401?: boolean;
}

/**
 * A successful response.
 *
 * @example
 * ```ts
 * const res: ApiResponse<{ projects: Project[] }> = await session.request('/projects');
 * console.log(res.status, res.requestId, res.body.projects.length);
 * ```
 */
export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
  requestId?: string;
  url: string;
}

/**
 * Builds a URL with a query string.
 *
 * @example
 * ```ts
 * withQuery('http://k/v3/projects', { name: 'demo', enabled: true }); // 'http://k/v3/projects?name=demo&enabled=true'
 * ```
 */
export function withQuery(url: string, query?: Record<string, QueryValue>): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const x of v) params.append(k, String(x));
    else params.append(k, String(v));
  }
  const qs = params.toString().replace(/=(?=&|$)/g, '');
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

/**
 * Holds a token and makes authenticated requests: authenticates lazily, re-authenticates shortly before
 * `expires_at`, and on a 401 re-authenticates once and retries the request once. Concurrent callers share one
 * re-authentication. Relative paths resolve against the catalog's identity endpoint.
 *
 * @example
 * ```ts
 * const session = new Session({ auth: new PasswordAuth({ authUrl, username: 'admin', password, userDomainName: 'Default',
 *   scope: { project: { name: 'admin', domain: { name: 'Default' } } } }) });
 * const { body } = await session.request<{ projects: Project[] }>('/projects');
 * ```
 */
export class Session {
  readonly http: HttpTransport;
  readonly auth: AuthPlugin;
  readonly interface: 'public' | 'internal' | 'admin';
  readonly region?: string;
  readonly endpointOverride?: string;
  readonly refreshMargin: number;
  readonly now: () => number;
  readonly passcodePrompt?: PasscodePrompt;
  private access?: AccessInfo;
  private pending?: Promise<AccessInfo>;

  constructor(options: SessionOptions) {
    this.http = options.transport ?? new HttpTransport(options);
    this.auth = options.auth;
    this.interface = options.interface ?? 'public';
    this.region = options.region;
    this.endpointOverride = options.endpointOverride ? trimSlash(options.endpointOverride) : undefined;
    this.refreshMargin = options.refreshMargin ?? 60_000;
    this.now = options.now ?? Date.now;
    this.passcodePrompt = options.passcodePrompt;
  }

  /** The current token's details without authenticating (undefined before the first authentication). */
  get currentAccess(): AccessInfo | undefined {
    return this.access;
  }

  /** A valid token's details, authenticating if there is none or it expires within `refreshMargin`. */
  async getAccess(): Promise<AccessInfo> {
    // A tokenless plugin (the console's cookie) reports a session that can change behind our back (re-scoping).
    if (this.auth.tokenless) {
      this.access = await this.auth.authenticate(this.http, { passcodePrompt: this.passcodePrompt });
      return this.access;
    }
    if (this.pending !== undefined) return this.pending;
    if (this.access && !this.access.willExpireSoon(this.now(), this.refreshMargin)) return this.access;
    if (this.access && !this.auth.canReauthenticate) return this.access;
    return this.reauthenticate(this.access ? 'expiring' : 'initial');
  }

  /** A valid token (see {@link getAccess}). */
  async getToken(): Promise<string> {
    return (await this.getAccess()).token;
  }

  /** Forgets the token; the next request authenticates again. */
  invalidate(): void {
    this.access = undefined;
  }

  private reauthenticate(reason: 'initial' | 'expiring' | 'unauthorized' | 'invalidated'): Promise<AccessInfo> {
    if (!this.pending) {
      this.http.debug?.({ type: 'reauth', reason, authType: this.auth.authType });
      this.pending = this.auth
        .authenticate(this.http, { passcodePrompt: this.passcodePrompt })
        .then((access) => {
          this.access = access;
          return access;
        })
        .finally(() => {
          this.pending = undefined;
        });
    }
    return this.pending;
  }

  /**
   * The URL of a service endpoint from the token's catalog (interface and region default to the session's). For the
   * identity service, `endpointOverride` wins, and a token without a catalog falls back to the discovered auth URL.
   *
   * @throws {EndpointNotFoundError} when the catalog has the service but no matching endpoint.
   */
  async getEndpoint(filter: Partial<EndpointFilter> = {}): Promise<string> {
    const serviceType = filter.serviceType ?? 'identity';
    if (serviceType === 'identity' && this.endpointOverride) return this.endpointOverride;
    const access = await this.getAccess();
    const url = findEndpoint(access.catalog, {
      serviceType,
      interface: filter.interface ?? this.interface,
      region: filter.region ?? this.region,
      serviceName: filter.serviceName,
    });
    if (serviceType !== 'identity') {
      if (url) return trimSlash(url);
      throw new EndpointNotFoundError(`The service catalog has no service of type ${serviceType}.`, {
        serviceType,
        interface: filter.interface ?? this.interface,
        region: filter.region ?? this.region,
      });
    }
    if (!url) return this.auth.getIdentityUrl(this.http);
    const clean = trimSlash(url);
    return /\/v3(\.\d+)?$/.test(clean) ? clean : `${clean}/v3`;
  }

  /**
   * Sends a request. Relative paths (`/projects`) resolve against the identity endpoint (or `options.endpoint`);
   * absolute URLs are used as given. JSON bodies are parsed into `body`.
   *
   * @throws the SDK's HTTP errors (ERR_NOT_FOUND, ERR_FORBIDDEN, …), ERR_CONNECTION, ERR_TIMEOUT.
   */
  async request<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const method = (options.method ?? 'GET').toUpperCase();
    const authenticated = options.authenticated ?? true;
    const base = /^https?:\/\//i.test(path)
      ? ''
      : authenticated
        ? await this.getEndpoint(options.endpoint)
        : (this.endpointOverride ?? (await this.auth.getIdentityUrl(this.http)));
    const url = withQuery(base ? `${base}${path.startsWith('/') ? '' : '/'}${path}` : path, options.query);
    const send = async (token?: string) =>
      this.http.send({
        method,
        url,
        headers: { ...options.headers, ...(token ? { 'X-Auth-Token': token } : {}) },
        body: options.body,
        idempotent: options.idempotent,
        timeout: options.timeout,
        signal: options.signal,
      });
    let token = authenticated && !this.auth.tokenless ? await this.getToken() : undefined;
    let res = await send(token);
    if (res.status === 401 && token && (options.retryOn401 ?? true) && this.auth.canReauthenticate) {
      if (this.access?.token === token) this.access = undefined;
      token = (await (this.access ? Promise.resolve(this.access) : this.reauthenticate('unauthorized'))).token;
      res = await send(token);
    }
    if (res.status < 200 || res.status >= 300) {
      const error = errorFromResponse({
        status: res.status,
        bodyText: res.text,
        requestId: res.requestId,
        method,
        url,
      });
      if (authenticated && error instanceof UnauthorizedError && this.auth.onUnauthorized) {
        try {
          this.auth.onUnauthorized(error);
        } catch {
          // a failing hook must not hide the 401 itself
        }
      }
      throw error;
    }
    return { status: res.status, headers: res.headers, body: parseJsonBody<T>(res), requestId: res.requestId, url };
  }

  /**
   * A new session scoped as asked, made by exchanging this session's token (the unscoped → scoped exchange). The new
   * session re-authenticates by asking this one for a fresh token and exchanging it again.
   *
   * @example
   * ```ts
   * const unscoped = new Session({ auth: new PasswordAuth({ authUrl, username, password, userDomainName: 'Default' }) });
   * const [project] = (await unscoped.request<{ projects: Project[] }>('/auth/projects')).body.projects;
   * const scoped = await unscoped.rescope({ project: { id: project.id } });
   * ```
   */
  async rescope(scope: Scope): Promise<Session> {
    const child = new Session({
      auth: new RescopedAuth(this, scope),
      interface: this.interface,
      region: this.region,
      endpointOverride: this.endpointOverride,
      refreshMargin: this.refreshMargin,
      now: this.now,
      transport: this.http,
    });
    await child.getAccess();
    return child;
  }
}

/** Exchanges a parent session's token for a scoped one; used by {@link Session.rescope}. */
class RescopedAuth implements AuthPlugin {
  readonly authType = 'token';
  constructor(
    private readonly parent: Session,
    private readonly scope: Scope,
  ) {}
  get canReauthenticate(): boolean {
    return this.parent.auth.canReauthenticate;
  }
  getIdentityUrl(): Promise<string> {
    return this.parent.auth.getIdentityUrl(this.parent.http);
  }
  async authenticate(): Promise<AccessInfo> {
    const v3 = await this.getIdentityUrl();
    const exchange = async () => {
      const token = await this.parent.getToken();
      const auth: Record<string, unknown> = { identity: { methods: ['token'], token: { id: token } } };
      auth.scope =
        this.scope !== 'unscoped' && 'trust' in this.scope ? { 'OS-TRUST:trust': this.scope.trust } : this.scope;
      return issueToken(this.parent.http, v3, { auth });
    };
    try {
      return await exchange();
    } catch (err) {
      // The parent's token may have been revoked: get it a new one and try once more.
      if (!(err instanceof UnauthorizedError || err instanceof NotFoundError) || !this.parent.auth.canReauthenticate)
        throw err;
      this.parent.invalidate();
      return exchange();
    }
  }
}

/**
 * A Session for a resolved cloud config: its auth plugin, interface, region, TLS settings and timeout.
 *
 * @example
 * ```ts
 * const session = sessionFromConfig(loadCloudConfig({ cloud: 'dev' }), { userAgent: 'my-tool/1.0' });
 * ```
 */
export function sessionFromConfig(config: CloudConfig, options: Partial<SessionOptions> = {}): Session {
  return new Session({
    auth: authFromConfig(config),
    interface: config.interface,
    region: config.region_name,
    endpointOverride: config.identity_endpoint_override,
    cacert: config.cacert,
    insecure: config.insecure,
    cert: config.cert,
    key: config.key,
    timeout: config.api_timeout !== undefined ? config.api_timeout * 1000 : undefined,
    ...options,
  });
}
