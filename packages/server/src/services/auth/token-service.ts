import type { LRUCache } from 'lru-cache';
import { boundedCache } from '../../cache/bounded-cache.ts';
import { TokenInvalidError } from '../../errors.ts';
import type { DecodedToken, TokenPayload, TokenProvider } from '../../token/token-payload.ts';
import type { ApplicationCredentialRecord } from '../application-credential/application-credential-driver.ts';
import type { AssignmentService } from '../assignment/assignment-service.ts';
import type { RoleCache } from '../assignment/role-cache.ts';
import type { RoleRecord } from '../assignment/assignment-driver.ts';
import type { UserRecord } from '../identity/identity-driver.ts';
import type { ProjectRecord } from '../resource/resource-driver.ts';
import { revokedBy, type RevokeService } from '../revoke/revoke-service.ts';
import type { TrustRecord } from '../trust/trust-driver.ts';
import type { PublicAccessToken } from '../oauth1/oauth1-service.ts';
import type { ServiceContext } from '../service-context.ts';
import { isAdminProject, type AdminProject } from './admin-project.ts';
import { silentTokenEvents, type TokenEvents, type TokenValidationResult } from './token-events.ts';
import type { TokenModel } from './token-model.ts';

/** A user as a token holds it: the password hash, if there was one, is not needed. */
type UserWithoutSecret = Omit<UserRecord, 'passwordHash'> & { passwordHash?: string | null };

/**
 * What the authenticator already loaded and checked while resolving a new token's scope, handed to token building
 * so that nothing is read twice: the token's user with the user's domain, the project chain (the project first, up
 * to its domain), the domain, the effective roles on the scope (before an application credential's or a trust's
 * own restriction), the trust, its trustor, the application credential.
 */
export interface KnownRecords {
  user?: { user: UserWithoutSecret; domain: ProjectRecord | undefined };
  projectChain?: ProjectRecord[];
  domain?: ProjectRecord;
  roles?: RoleRecord[];
  trust?: TrustRecord;
  trustor?: UserWithoutSecret;
  applicationCredential?: ApplicationCredentialRecord;
  accessToken?: PublicAccessToken;
}

interface CachedToken {
  model: TokenModel;
  generation: number;
}

export interface TokenSettings {
  expirationSeconds: number;
  allowExpiredWindowSeconds: number;
  cacheOnIssue: boolean;
  /** Most validation results kept. */
  cacheSize: number;
  /** Seconds a validation result may be reused; other processes' writes show up within this time. 0: no cache. */
  cacheSeconds: number;
  /** Receives validation outcomes and cache lookups (the metrics); default: nobody. */
  events?: TokenEvents;
  /** [DEFAULT] max_token_size: a longer token is not a token of ours and is refused without being decoded. */
  maxTokenSize?: number;
  /** [resource] admin_project_name / admin_project_domain_name; unset: tokens carry no is_admin_project. */
  adminProject?: AdminProject;
}

/** Which metrics bucket a validation failure falls in. */
function validationFailure(error: unknown): TokenValidationResult {
  if (!(error instanceof TokenInvalidError)) return 'error';
  return error.reason === 'stale' || error.reason === 'missing' ? 'invalid' : error.reason;
}

const trustEnded = (trust: TrustRecord, now: number) =>
  trust.expiresAt !== null && new Date(trust.expiresAt).getTime() <= now;

/** What a token stood for no longer holds (`what` is for operators: it never reaches the client). */
const stale = (what: string) => new TokenInvalidError('stale', what);

/**
 * Issues and validates tokens. Validation decodes the token, then recomputes user, scope and
 * roles from the database; the result is cached until any write that could change it, or for
 * [token] cache_time at most.
 */
export class TokenService {
  /** Undefined with [cache] enabled = false or [token] caching = false: every validation reads the database. */
  private readonly cache: LRUCache<string, CachedToken> | undefined;
  private generation = 0;
  private readonly events: TokenEvents;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly provider: TokenProvider,
    private readonly assignments: AssignmentService,
    private readonly revocations: RevokeService,
    private readonly roles: RoleCache,
    private readonly settings: TokenSettings,
  ) {
    this.events = settings.events ?? silentTokenEvents;
    this.cache = boundedCache({ max: settings.cacheSize, ttlSeconds: settings.cacheSeconds, clock: ctx.clock });
  }

  /** Any committed write that could change a token's validity or content calls this. */
  invalidateCache(): void {
    this.generation += 1;
  }

  /** Pass the `now` the token is then issued at, so that a second boundary cannot fall between the two. */
  defaultExpiry(now: Date = this.ctx.clock.now()): Date {
    // Whole seconds, so issued_at (whole seconds) never exceeds a rendered expires_at by a fraction.
    const ms = now.getTime() + this.settings.expirationSeconds * 1000;
    return new Date(Math.floor(ms / 1000) * 1000);
  }

  /**
   * The cache generation now: a caller that loads records for a token (`known` of `issue`) reads it first, so that
   * a write committed meanwhile keeps the token built from them out of the cache.
   */
  cacheGeneration(): number {
    return this.generation;
  }

  /**
   * known: the records the caller loaded and checked for this token (see buildModel), after reading
   * `loadedAtGeneration` from cacheGeneration().
   */
  async issue(
    payload: TokenPayload,
    now: Date = this.ctx.clock.now(),
    known: KnownRecords = {},
    loadedAtGeneration: number = this.generation,
  ): Promise<TokenModel> {
    const id = this.provider.issue(payload, now);
    const decoded: DecodedToken = { ...payload, issuedAt: new Date(Math.floor(now.getTime() / 1000) * 1000) };
    const generation = Math.min(loadedAtGeneration, this.generation);
    const model = await this.buildModel(id, decoded, known);
    if (this.settings.cacheOnIssue) this.cache?.set(id, { model, generation });
    return model;
  }

  /** Throws TokenInvalidError for anything that is not a currently valid token. */
  async validate(token: string, options: { allowExpired?: boolean } = {}): Promise<TokenModel> {
    try {
      const model = await this.validateOrThrow(token, options.allowExpired ?? false);
      this.events.validated('valid');
      return model;
    } catch (error) {
      this.events.validated(validationFailure(error));
      throw error;
    }
  }

  private async validateOrThrow(token: string, allowExpired: boolean): Promise<TokenModel> {
    // The only length check: it runs before the cache and the decoder, bounding the work an unauthenticated
    // caller can make us do (8192 when unset is far above any token we issue).
    if (token.length === 0 || token.length > (this.settings.maxTokenSize ?? 8192))
      throw TokenInvalidError.malformed('bad length');
    const now = this.ctx.clock.now().getTime();
    const cached = this.cache?.get(token);
    const hit = cached !== undefined && cached.generation === this.generation;
    if (this.cache) this.events.cacheLookup(hit);
    if (hit) {
      this.assertNotExpired(cached.model.expiresAt, now, allowExpired);
      // A trust can end before its token does, and no write announces that: the cached model must check it too.
      if (cached.model.trust && trustEnded(cached.model.trust, now)) throw stale('trust');
      return cached.model;
    }
    const decoded = this.provider.decode(token);
    this.assertNotExpired(decoded.expiresAt, now, allowExpired);
    const generation = this.generation;
    // Revocation first, on what the token itself carries: a revoked token costs this one statement. An event
    // that also names a domain, a role or a trust's other user is decided below, once the model has loaded them
    // (the statement already fetched every event that could apply).
    const projectId = 'projectId' in decoded.scope ? decoded.scope.projectId : undefined;
    const revocable = {
      userId: decoded.userId,
      projectId,
      domainId: decoded.scope.kind === 'domain' ? decoded.scope.domainId : undefined,
      roleIds: [],
      auditIds: decoded.auditIds,
      issuedAt: decoded.issuedAt,
      expiresAt: decoded.expiresAt,
      trustId: decoded.scope.kind === 'trust' ? decoded.scope.trustId : undefined,
    };
    const events = await this.revocations.candidatesFor(revocable);
    if (revokedBy(events, revocable)) throw new TokenInvalidError('revoked');
    const model = await this.buildModel(token, decoded);
    const full = {
      ...revocable,
      userDomainId: model.user.domainId,
      projectDomainId: model.project?.domainId,
      roleIds: model.roles.map((r) => r.id),
      trustorUserId: model.trust?.trustorUserId,
      trusteeUserId: model.trust?.trusteeUserId,
    };
    if (revokedBy(events, full)) throw new TokenInvalidError('revoked');
    this.cache?.set(token, { model, generation });
    return model;
  }

  private assertNotExpired(expiresAt: Date, now: number, allowExpired: boolean): void {
    const window = allowExpired ? this.settings.allowExpiredWindowSeconds * 1000 : 0;
    if (now >= expiresAt.getTime() + window) throw new TokenInvalidError('expired');
  }

  /**
   * Recomputes everything a token stands for; throws TokenInvalidError if it no longer holds. `known`: records the
   * caller already loaded for this very token (the authenticator, when issuing): checked here as if loaded, not read
   * again.
   */
  async buildModel(id: string, decoded: DecodedToken, known: KnownRecords = {}): Promise<TokenModel> {
    const store = this.ctx.store;
    const found = known.user ?? (await store.tokenScope.user({ id: decoded.userId }));
    if (!found?.user.enabled || found.user.id !== decoded.userId) throw stale('user');
    const userDomain = found.domain;
    if (!userDomain?.enabled) throw stale('user domain');
    const { passwordHash: _secret, ...tokenUser } = found.user as UserRecord;
    const user = tokenUser;
    const model: TokenModel = {
      id,
      user: tokenUser,
      userDomain,
      methods: decoded.methods,
      auditIds: decoded.auditIds,
      issuedAt: decoded.issuedAt,
      expiresAt: decoded.expiresAt,
      roles: [],
    };
    const scope = decoded.scope;
    switch (scope.kind) {
      case 'unscoped':
        return model;
      case 'system':
        model.system = 'all';
        model.roles = known.roles ?? (await this.assignments.effectiveRoles(user.id, { system: true }));
        break;
      case 'domain': {
        const domain =
          known.domain?.id === scope.domainId ? known.domain : await store.resource.getProject(scope.domainId);
        if (!domain?.isDomain || !domain.enabled) throw stale('domain');
        model.domain = domain;
        model.roles = known.roles ?? (await this.assignments.effectiveRoles(user.id, { domainId: domain.id }));
        break;
      }
      case 'project':
      case 'application_credential': {
        const { project, projectDomain, ancestorIds } = await this.usableProject(scope.projectId, known);
        model.project = project;
        model.projectDomain = projectDomain;
        model.isAdminProject = isAdminProject(this.settings.adminProject, project, projectDomain);
        const held = known.roles ?? (await this.assignments.effectiveRoles(user.id, { project, ancestorIds }));
        if (scope.kind === 'application_credential') {
          const credential =
            known.applicationCredential?.id === scope.applicationCredentialId
              ? known.applicationCredential
              : await store.applicationCredentials.get(scope.applicationCredentialId);
          if (!credential || !this.credentialUsable(credential, user.id, project.id))
            throw stale('application credential');
          const { secretHash: _secretHash, ...tokenCredential } = credential as ApplicationCredentialRecord;
          model.applicationCredential = tokenCredential;
          model.roles = held.filter((r) => credential.roleIds.includes(r.id));
        } else {
          model.roles = held;
        }
        break;
      }
      case 'oauth1': {
        // The access token must still exist: revoking it (or deleting its consumer) ends the tokens made with it.
        const access =
          known.accessToken?.id === scope.accessTokenId
            ? known.accessToken
            : await store.oauth1.getAccessToken(scope.accessTokenId);
        if (!access || access.authorizingUserId !== user.id || access.projectId !== scope.projectId)
          throw stale('oauth1 access token');
        const { project, projectDomain, ancestorIds } = await this.usableProject(scope.projectId, known);
        model.project = project;
        model.projectDomain = projectDomain;
        model.oauth1 = { accessTokenId: access.id, consumerId: access.consumerId };
        // Keystone's _get_oauth_roles: the delegated roles with the roles they imply, that the user still holds.
        const delegated = new Set(await this.roles.impliedIds(access.roleIds));
        model.roles = (
          known.roles ?? (await this.assignments.effectiveRoles(user.id, { project, ancestorIds }))
        ).filter((r) => delegated.has(r.id));
        break;
      }
      case 'trust': {
        const trust = known.trust?.id === scope.trustId ? known.trust : await store.trusts.get(scope.trustId);
        if (!trust || trustEnded(trust, this.ctx.clock.now().getTime())) throw stale('trust');
        if (![trust.trustorUserId, trust.trusteeUserId].includes(user.id)) throw stale('trust user');
        const trustor =
          trust.trustorUserId === user.id
            ? found.user
            : known.trustor?.id === trust.trustorUserId
              ? known.trustor
              : (await store.tokenScope.user({ id: trust.trustorUserId }))?.user;
        if (!trustor?.enabled) throw stale('trustor');
        const { project, projectDomain, ancestorIds } = await this.usableProject(scope.projectId, known);
        if (project.id !== trust.projectId) throw stale('project');
        model.project = project;
        model.projectDomain = projectDomain;
        model.trust = trust;
        const delegated = new Set(await this.roles.impliedIds(trust.roleIds));
        model.roles = (
          known.roles ?? (await this.assignments.effectiveRoles(trustor.id, { project, ancestorIds }))
        ).filter((r) => delegated.has(r.id));
        break;
      }
    }
    if (model.roles.length === 0) throw stale('no roles');
    return model;
  }

  /** The token's project, enabled, with its domain enabled: one statement (its chain), unless already loaded. */
  private async usableProject(
    projectId: string,
    known: KnownRecords,
  ): Promise<{ project: ProjectRecord; projectDomain: ProjectRecord; ancestorIds: string[] }> {
    const chain =
      known.projectChain?.[0]?.id === projectId
        ? known.projectChain
        : await this.ctx.store.tokenScope.projectChain(projectId);
    const project = chain[0];
    if (!project || project.isDomain || !project.enabled) throw stale('project');
    const projectDomain = chain.find((p) => p.id === project.domainId);
    if (!projectDomain?.enabled) throw stale('project domain');
    const ancestorIds = chain
      .slice(1)
      .filter((p) => !p.isDomain)
      .map((p) => p.id);
    return { project, projectDomain, ancestorIds };
  }

  private credentialUsable(credential: ApplicationCredentialRecord, userId: string, projectId: string): boolean {
    if (credential.userId !== userId || credential.projectId !== projectId) return false;
    return !credential.expiresAt || new Date(credential.expiresAt).getTime() > this.ctx.clock.now().getTime();
  }
}
