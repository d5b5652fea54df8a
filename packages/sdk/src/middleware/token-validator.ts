import { createHash } from 'node:crypto';
import type { AccessInfo, CatalogEntry } from '../auth/access.ts';
import { identityRoot } from '../auth/discovery.ts';
import { NotFoundError, UnauthorizedError } from '../errors.ts';
import { Tokens } from '../resources/tokens.ts';
import type { Session } from '../session.ts';

/**
 * What a validated token says about the caller; handed to request handlers as `req.auth`.
 *
 * @example
 * ```ts
 * app.get('/servers', async (request) => {
 *   const auth: AuthContext | null = request.auth;
 *   if (!auth?.roles.includes('reader')) throw new Error('forbidden');
 *   return listServers(auth.projectId);
 * });
 * ```
 */
export interface AuthContext {
  /** The caller's token (pass it on to other services; never log it). */
  token: string;
  userId: string;
  userName: string;
  userDomainId: string;
  userDomainName?: string;
  projectId?: string;
  projectName?: string;
  projectDomainId?: string;
  projectDomainName?: string;
  domainId?: string;
  domainName?: string;
  /** True for a system-scoped token. */
  system: boolean;
  /** Role names. */
  roles: string[];
  roleIds: string[];
  catalog: CatalogEntry[];
  expiresAt: Date;
  methods: string[];
  applicationCredentialId?: string;
  /** The full validation answer. */
  access: AccessInfo;
}

/**
 * Options of {@link TokenValidator}.
 *
 * @example
 * ```ts
 * new TokenValidator({ session: serviceSession, cacheTtl: 60_000, includeCatalog: false } satisfies TokenValidatorOptions);
 * ```
 */
export interface TokenValidatorOptions {
  /** A session with the service's own credentials; its user needs permission to validate tokens (admin or service role). */
  session: Session;
  /** How long a validation result is reused, in ms (default 300 000, keystonemiddleware's `token_cache_time`). 0 disables caching. */
  cacheTtl?: number;
  /** Most tokens remembered (least recently used are dropped; default 10 000). */
  maxCacheEntries?: number;
  /** Ask for the catalog in validation answers (default true). */
  includeCatalog?: boolean;
  /** `WWW-Authenticate: Keystone uri="…"` value; default the unversioned identity URL of the session. */
  wwwAuthenticateUri?: string;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
}

type CacheEntry = { until: number; context?: AuthContext };

/**
 * Builds an {@link AuthContext} from a validation answer.
 *
 * @example
 * ```ts
 * const ctx = authContextFrom(await identity.tokens.validate(token));
 * ```
 */
export function authContextFrom(access: AccessInfo): AuthContext {
  const d = access.data;
  return {
    token: access.token,
    userId: access.userId,
    userName: access.userName,
    userDomainId: d.user.domain.id,
    userDomainName: d.user.domain.name,
    projectId: d.project?.id,
    projectName: d.project?.name,
    projectDomainId: d.project?.domain.id,
    projectDomainName: d.project?.domain.name,
    domainId: d.domain?.id,
    domainName: d.domain?.name,
    system: access.system,
    roles: access.roleNames,
    roleIds: access.roles.map((r) => r.id),
    catalog: access.catalog,
    expiresAt: access.expiresAt,
    methods: access.methods,
    applicationCredentialId: d.application_credential?.id,
    access,
  };
}

/**
 * Validates callers' tokens against the identity service (GET /v3/auth/tokens with the service's own token) and
 * caches the answers until the token expires or `cacheTtl` passes, whichever is first. Invalid tokens are cached
 * too. As with keystonemiddleware, a token revoked after it was cached is accepted until its cache entry lapses.
 * Concurrent validations of one token share one request. Tokens are cached under their SHA-256, never in clear.
 *
 * @example
 * ```ts
 * const validator = new TokenValidator({ session: sessionFromConfig(loadCloudConfig({ cloud: 'my-service' })), cacheTtl: 60_000 });
 * const ctx = await validator.validate(req.headers['x-auth-token'] as string);
 * ```
 */
export class TokenValidator {
  readonly session: Session;
  readonly cacheTtl: number;
  private readonly maxEntries: number;
  private readonly includeCatalog: boolean;
  private readonly now: () => number;
  private readonly tokens: Tokens;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<AuthContext>>();
  private wwwAuthenticateUri?: string;

  constructor(options: TokenValidatorOptions) {
    this.session = options.session;
    this.cacheTtl = options.cacheTtl ?? 300_000;
    this.maxEntries = options.maxCacheEntries ?? 10_000;
    this.includeCatalog = options.includeCatalog ?? true;
    this.now = options.now ?? Date.now;
    this.tokens = new Tokens(options.session);
    this.wwwAuthenticateUri = options.wwwAuthenticateUri;
  }

  /**
   * The caller behind a token.
   *
   * @throws {UnauthorizedError} if the token is invalid, expired or revoked.
   * @throws other SDK errors (ERR_CONNECTION, ERR_SERVER, ERR_FORBIDDEN for the service user) when the identity
   * service cannot answer; the middleware turns those into 503.
   */
  async validate(token: string): Promise<AuthContext> {
    if (!token) throw invalidToken();
    const key = createHash('sha256').update(token).digest('hex');
    const now = this.now();
    const cached = this.cache.get(key);
    if (cached && cached.until > now) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      if (!cached.context || cached.context.expiresAt.getTime() <= now) throw invalidToken();
      return cached.context;
    }
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = this.fetch(key, token).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async fetch(key: string, token: string): Promise<AuthContext> {
    try {
      const access = await this.tokens.validate(token, { noCatalog: !this.includeCatalog });
      const context = authContextFrom(access);
      this.remember(key, { until: this.now() + this.cacheTtl, context });
      if (context.expiresAt.getTime() <= this.now()) throw invalidToken();
      return context;
    } catch (err) {
      // Keystone answers 404 for a token that is invalid, expired or revoked.
      if (err instanceof NotFoundError) {
        this.remember(key, { until: this.now() + this.cacheTtl });
        throw invalidToken();
      }
      throw err;
    }
  }

  private remember(key: string, entry: CacheEntry): void {
    if (this.cacheTtl <= 0) return;
    this.cache.delete(key);
    this.cache.set(key, entry);
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Forgets one token's cached answer (e.g. after revoking it yourself). */
  forget(token: string): void {
    this.cache.delete(createHash('sha256').update(token).digest('hex'));
  }

  /** Forgets every cached answer. */
  clear(): void {
    this.cache.clear();
  }

  /** The `WWW-Authenticate` header value for 401 answers: `Keystone uri="<identity root>"`. */
  async wwwAuthenticate(): Promise<string> {
    if (!this.wwwAuthenticateUri) {
      try {
        this.wwwAuthenticateUri = identityRoot(await this.session.auth.getIdentityUrl(this.session.http));
      } catch {
        return 'Keystone uri=""';
      }
    }
    return `Keystone uri="${this.wwwAuthenticateUri}"`;
  }
}

function invalidToken(): UnauthorizedError {
  return new UnauthorizedError({
    status: 401,
    title: 'Unauthorized',
    keystoneMessage: 'The request you have made requires authentication.',
    local: true,
  });
}
